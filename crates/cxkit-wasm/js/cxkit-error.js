// The error class thrown by every cxkit function. Imported by the wasm module (it constructs
// the errors) and re-exported by every entry point of the npm package.
export class CxkitError extends Error {
  constructor(code, message, details, status) {
    super(message);
    this.name = 'CxkitError';
    /** Stable machine-readable code, for example "score_out_of_range". */
    this.code = code;
    /** `{ field?, index? }`: where the problem is. */
    this.details = details;
    /** The HTTP status an edge function answers with (always 4xx). */
    this.status = status;
  }
}
