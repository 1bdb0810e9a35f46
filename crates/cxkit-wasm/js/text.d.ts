// `cxkit/text`: the transcript part of `cxkit` (sentiment, keywords and compliance, PII redaction)
// in a smaller WebAssembly module (browsers and bundlers; in Node it resolves to the full
// package). Same functions, same types.
export {
  CxkitError,
  scoreText,
  scoreTexts,
  sentimentLabels,
  scoreTranscript,
  redact,
  detectPii,
  redactTranscript,
  piiTypes,
  Lexicon,
  KeywordSet,
  SentimentAccumulator,
  KeywordAccumulator,
  errorInfo,
  errorCodes,
  version,
  default,
} from './cxkit.js';
export type * from './cxkit.js';
