// cxkit/surveys for browsers and bundlers: the survey functions only (CSAT, NPS, CES, their
// accumulators, errorInfo, version) in a WebAssembly module about a third of the full one. Loaded on
// import (top-level await) from the file next to this one. The survey widgets use it.
import init from './cxkit.js';

await init({ module_or_path: new URL('./cxkit_bg.wasm', import.meta.url) });

export * from './cxkit.js';
export { CxkitError } from '../cxkit-error.js';

/** Already initialised on import; kept so code written for `cxkit/slim` runs unchanged. */
export default function init_() {
  return Promise.resolve();
}
