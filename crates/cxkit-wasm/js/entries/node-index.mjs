// cxkit for Node.js (ES modules): re-exports the CommonJS entry, so both share one instance.
export * from './index.cjs';

/** Already initialised on import; kept so portable code can `await init()`. */
export default function init() {
  return Promise.resolve();
}
