// `cxkit/slim`: the same API as `cxkit`, but nothing is loaded until you initialise it yourself.
export * from './cxkit.js';

/** What `init` accepts: a URL of cxkit_bg.wasm, its bytes, a fetch Response or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads and instantiates the module (default: `cxkit_bg.wasm` next to the script). */
export default function init(
  input?: { module_or_path: InitInput | Promise<InitInput> },
): Promise<unknown>;

/** Instantiates the module synchronously from bytes or a compiled `WebAssembly.Module`. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;
