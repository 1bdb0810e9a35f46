// Packaging matrix: `npm pack` the built package, install the tarball into a scratch project the
// way a user would, and compute the same NPS from Node ESM, Node CommonJS, a plain
// <script type="module"> page in Chromium (default entry and `cxkit/slim`) and workerd.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

import { launchChromium } from '../support/chromium.mjs';
import { serveStatic } from '../support/static.mjs';
import { ROOT as root, startWorkerd } from '../support/workerd.mjs';

const pkgDir = join(root, 'target/npm/cxkit');
const scratch = join(root, 'target/scratch/packaging');
const consumer = join(scratch, 'consumer');
const shared = JSON.parse(readFileSync(join(root, 'tests/fixtures/surveys/shared.json'), 'utf8'));
const { responses } = shared.nps;
const expected = shared.nps.expected;

function checkNps(result, where) {
  assert.equal(result.n, expected.n, where);
  assert.equal(result.promoters, expected.promoters, where);
  assert.ok(Math.abs(result.score - expected.score) < 1e-9, `${where}: ${result.score}`);
  assert.ok(Math.abs(result.ci.low - expected.ci.low) < 1e-9, `${where}: ${result.ci.low}`);
  assert.ok(Math.abs(result.marginOfError - expected.marginOfError) < 1e-9, where);
}

let tarball;
let server;
let browser;

before(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(consumer, { recursive: true });
  const out = execFileSync('npm', ['pack', pkgDir, '--pack-destination', scratch, '--json', '--loglevel=error'], {
    encoding: 'utf8',
  });
  const [info] = JSON.parse(out);
  tarball = join(scratch, info.filename);
  const files = info.files.map((f) => f.path);
  for (const needed of ['package.json', 'cxkit.d.ts', 'cxkit.d.cts', 'slim.d.ts', 'web/index.js', 'web/slim.js',
    'web/workerd.js', 'web/cxkit_bg.wasm', 'surveys/index.js', 'surveys/cxkit_bg.wasm', 'surveys.d.ts', 'text/index.js', 'text/cxkit_bg.wasm', 'text.d.ts',
    'cxkit-error.js', 'cxkit-error.cjs', 'node/index.cjs', 'node/index.mjs', 'node/cxkit_bg.wasm',
    'README.md', 'LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(files.includes(needed), `tarball lacks ${needed}`);
  }
  assert.ok(files.some((f) => f.startsWith('widgets/')), 'tarball lacks the widgets');
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  execFileSync('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: consumer,
    stdio: 'inherit',
  });
  writeFileSync(join(consumer, 'responses.json'), JSON.stringify(responses));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('Node ES module consumer', () => {
  writeFileSync(join(consumer, 'esm.mjs'), `
    import init, { nps, CxkitError } from 'cxkit';
    import { readFileSync } from 'node:fs';
    await init();
    const responses = JSON.parse(readFileSync(new URL('./responses.json', import.meta.url)));
    let code;
    try { nps([11]); } catch (e) { code = e instanceof CxkitError && e.code; }
    console.log(JSON.stringify({ result: nps(responses), code }));
  `);
  const out = JSON.parse(execFileSync('node', ['esm.mjs'], { cwd: consumer, encoding: 'utf8' }));
  checkNps(out.result, 'node esm');
  assert.equal(out.code, 'score_out_of_range');
});

test('Node CommonJS consumer', () => {
  writeFileSync(join(consumer, 'cjs.cjs'), `
    const { nps, CxkitError } = require('cxkit');
    const responses = require('./responses.json');
    let code;
    try { nps([11]); } catch (e) { code = e instanceof CxkitError && e.code; }
    console.log(JSON.stringify({ result: nps(responses), code }));
  `);
  const out = JSON.parse(execFileSync('node', ['cjs.cjs'], { cwd: consumer, encoding: 'utf8' }));
  checkNps(out.result, 'node cjs');
  assert.equal(out.code, 'score_out_of_range');
});

/** The consumer folder over HTTP, and a browser, started once for the tests that need them. */
async function page() {
  server ??= await serveStatic([['/', consumer]]);
  browser ??= await launchChromium();
  return { base: server.base, tab: await browser.newPage() };
}

test('plain <script type="module"> pages in Chromium: default entry, cxkit/slim and cxkit/surveys', async () => {
  const importMap = `<script type="importmap">{"imports": {
      "cxkit": "/node_modules/cxkit/web/index.js",
      "cxkit/slim": "/node_modules/cxkit/web/slim.js",
      "cxkit/surveys": "/node_modules/cxkit/surveys/index.js"}}</script>`;
  writeFileSync(join(consumer, 'default.html'), `<!doctype html><html><body>${importMap}
    <script type="module">
      import { nps } from 'cxkit';
      const responses = await (await fetch('/responses.json')).json();
      window.result = nps(responses);
      document.body.dataset.ready = '1';
    </script></body></html>`);
  writeFileSync(join(consumer, 'slim.html'), `<!doctype html><html><body>${importMap}
    <script type="module">
      import init, { nps } from 'cxkit/slim';
      await init({ module_or_path: '/node_modules/cxkit/web/cxkit_bg.wasm' });
      const responses = await (await fetch('/responses.json')).json();
      window.result = nps(responses);
      document.body.dataset.ready = '1';
    </script></body></html>`);
  // The survey-only build: a smaller module (the only one the page downloads), same errors.
  writeFileSync(join(consumer, 'surveys.html'), `<!doctype html><html><body>${importMap}
    <script type="module">
      import { nps, CxkitError } from 'cxkit/surveys';
      const responses = await (await fetch('/responses.json')).json();
      window.result = nps(responses);
      try { nps([11]); } catch (e) { window.sameClass = e instanceof CxkitError && e.code; }
      document.body.dataset.ready = '1';
    </script></body></html>`);
  const wasmSizes = {};
  for (const name of ['default', 'slim', 'surveys']) {
    const { base, tab } = await page();
    const errors = [];
    const wasm = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('response', async (r) => {
      if (r.url().endsWith('.wasm')) wasm.push(r.url().slice(base.length));
    });
    await tab.goto(`${base}/${name}.html`);
    await tab.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 10_000 });
    checkNps(await tab.evaluate(() => window.result), `chromium ${name}`);
    assert.deepEqual(errors, []);
    wasmSizes[name] = wasm;
    if (name === 'surveys') assert.equal(await tab.evaluate(() => window.sameClass), 'score_out_of_range');
    await tab.close();
  }
  assert.deepEqual(wasmSizes.surveys, ['/node_modules/cxkit/surveys/cxkit_bg.wasm']);
  const size = (dir) => readFileSync(join(consumer, 'node_modules/cxkit', dir, 'cxkit_bg.wasm')).length;
  assert.ok(size('surveys') < size('web') * 0.6, `surveys build ${size('surveys')} B vs full ${size('web')} B`);
});

test('bundler consumer: a Vite production build served to Chromium', async () => {
  const app = join(consumer, 'vite-app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'index.html'), `<!doctype html><html><body>
    <script type="module" src="./main.js"></script></body></html>`);
  writeFileSync(join(app, 'main.js'), `
    import { nps } from 'cxkit';
    const responses = await (await fetch('/responses.json')).json();
    window.result = nps(responses);
    document.body.dataset.ready = '1';
  `);
  // Vite resolves `cxkit` from the consumer's node_modules (the installed tarball) and copies the
  // .wasm the package references with new URL(…, import.meta.url).
  execFileSync(join(root, 'tests/node_modules/.bin/vite'), ['build', '--base', './', '--logLevel', 'warn', '--outDir', 'dist', '--emptyOutDir'], {
    cwd: app,
    stdio: 'inherit',
  });
  const assets = readdirSync(join(app, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `no .wasm in the bundle: ${assets}`);
  const { base, tab } = await page();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${base}/vite-app/dist/index.html`);
  await tab.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 10_000 }).catch(() => {});
  assert.deepEqual(errors, []);
  checkNps(await tab.evaluate(() => window.result), 'vite bundle');
  await tab.close();
});

test('workerd consumer (the package\'s workerd entry)', async () => {
  const dir = join(scratch, 'workerd');
  const rel = '../consumer/node_modules/cxkit'; // embed paths are relative to the config
  mkdirSync(dir, { recursive: true });
  // workerd has no package resolution: the module named `cxkit` (the worker's bare import) stands
  // for the package's `workerd` export, and the package's files keep their relative layout.
  writeFileSync(join(dir, 'cxkit.js'), `export * from './pkg/web/workerd.js';
export { default } from './pkg/web/workerd.js';
`);
  writeFileSync(join(dir, 'worker.js'), `
    import { nps } from 'cxkit';
    export default { async fetch(request) {
      return Response.json(nps(await request.json()));
    } };
  `);
  writeFileSync(join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);
const w :Workerd.Worker = (
  compatibilityDate = "2025-01-01",
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "cxkit", esModule = embed "cxkit.js"),
    (name = "pkg/web/workerd.js", esModule = embed "${rel}/web/workerd.js"),
    (name = "pkg/web/cxkit.js", esModule = embed "${rel}/web/cxkit.js"),
    (name = "pkg/web/cxkit_bg.wasm", wasm = embed "${rel}/web/cxkit_bg.wasm"),
    (name = "pkg/cxkit-error.js", esModule = embed "${rel}/cxkit-error.js"),
  ],
);
`);
  const worker = await startWorkerd(join(dir, 'config.capnp'), { readyPath: null });
  try {
    const res = await fetch(`${worker.url}/`, { method: 'POST', body: JSON.stringify(responses) });
    assert.equal(res.status, 200);
    checkNps(await res.json(), 'workerd');
  } finally {
    await worker.stop();
  }
});
