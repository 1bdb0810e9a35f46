// cxkit/text for browsers and bundlers: the transcript functions only (scoreText, scoreTexts,
// scoreTranscript, redact, detectPii, Lexicon, KeywordSet and their accumulators, errorInfo,
// version). Loaded on import (top-level await) from the file next to this one. <cx-sentiment>
// uses it.
import init from './cxkit.js';

await init({ module_or_path: new URL('./cxkit_bg.wasm', import.meta.url) });

export * from './cxkit.js';
export { CxkitError } from '../cxkit-error.js';

/** Already initialised on import; kept so code written for `cxkit/slim` runs unchanged. */
export default function init_() {
  return Promise.resolve();
}
