// cxkit/slim: nothing is loaded until you call `await init()` (optionally with the URL, bytes or
// compiled WebAssembly.Module of cxkit_bg.wasm) or `initSync({ module })`.
export * from './cxkit.js';
export { default } from './cxkit.js';
export { CxkitError } from '../cxkit-error.js';
