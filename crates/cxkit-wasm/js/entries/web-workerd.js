// cxkit for Cloudflare Workers / workerd: the runtime imports a .wasm file as a compiled
// WebAssembly.Module, so the module is instantiated synchronously on import.
import { initSync } from './cxkit.js';
import wasmModule from './cxkit_bg.wasm';

initSync({ module: wasmModule });

export * from './cxkit.js';
export { CxkitError } from '../cxkit-error.js';

/** Already initialised on import. */
export default function init_() {
  return Promise.resolve();
}
