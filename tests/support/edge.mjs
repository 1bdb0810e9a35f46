// The built edge function (target/edge) in real workerd for one node:test file: started before
// its tests with an empty static-assets folder, stopped after them, with the request helpers the
// route tests share.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT, startWorkerd } from './workerd.mjs';
import { assertJsonClean } from './expect.mjs';

export const CONFIG = join(ROOT, 'target/edge/config.capnp');

/**
 * Registers the before/after hooks of a file and returns `{ base, worker, post, ok }`: `base` and
 * `worker` are set once the worker runs; `post(path, body)` sends JSON (or a string/bytes body as
 * is); `ok(path, body)` also asserts a 200 application/json answer with clean JSON and returns it.
 */
export function edgeWorker(label) {
  let assetsDir;
  const edge = {
    base: null,
    worker: null,
    post(path, body) {
      const payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
      return fetch(`${edge.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    },
    async ok(path, body) {
      const res = await edge.post(path, body);
      const text = await res.text();
      assert.equal(res.status, 200, `${path}: ${text.slice(0, 500)}`);
      assert.equal(res.headers.get('content-type'), 'application/json');
      const value = JSON.parse(text);
      assertJsonClean(value, path);
      return value;
    },
  };
  before(async () => {
    assert.ok(existsSync(CONFIG), `${CONFIG} is missing: run \`cargo xtask build\` first`);
    assetsDir = mkdtempSync(join(tmpdir(), `cxkit-edge-${label}-`));
    edge.worker = await startWorkerd(CONFIG, { extraArgs: ['--directory-path', `assets=${assetsDir}`] });
    edge.base = edge.worker.url;
  });
  after(async () => {
    await edge.worker?.stop();
    if (assetsDir) rmSync(assetsDir, { recursive: true, force: true });
  });
  return edge;
}
