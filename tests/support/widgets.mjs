// Shared by the widget browser tests (tests/browser/*.test.mjs): the built package, the static
// server with the routes the widgets need, and pages that record console errors.
//
// A node:http server on 127.0.0.1:0 serves
//   /cxkit/          the package (target/npm/cxkit)
//   /demo/           www/demo, with the package again under /demo/cxkit/ (as `cargo xtask demo`)
//   /                the test's own pages (a temporary folder)
// The widgets are served from the package's widgets/ folder; when it is missing or differs from
// www/widgets (the build copies those files unchanged), www/widgets is served instead and a note
// says so, so that editing a widget does not need a rebuild to be tested.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from './static.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG = path.join(ROOT, 'target/npm/cxkit');
export const OUT = path.join(ROOT, 'target/test-output/browser');
const WIDGETS_SRC = path.join(ROOT, 'www/widgets');
const DEMO = path.join(ROOT, 'www/demo');

/** The package's Node entry point (fails with a hint when the package is not built). */
export async function importPackage() {
  assert.ok(fs.existsSync(path.join(PKG, 'web/index.js')) && fs.existsSync(path.join(PKG, 'node/index.mjs')),
    `${PKG} is missing or incomplete: run \`cargo xtask build\``);
  fs.mkdirSync(OUT, { recursive: true });
  return import(path.join(PKG, 'node/index.mjs'));
}

function widgetsFolder() {
  const built = path.join(PKG, 'widgets');
  const sources = fs.readdirSync(WIDGETS_SRC).filter((f) => f.endsWith('.js'));
  const same = sources.every((f) => {
    try {
      return fs.readFileSync(path.join(built, f)).equals(fs.readFileSync(path.join(WIDGETS_SRC, f)));
    } catch {
      return false;
    }
  });
  if (!same) console.log(`# note: ${built} is missing or older than www/widgets; serving www/widgets (run \`cargo xtask build\`)`);
  return same ? built : WIDGETS_SRC;
}

/** Starts the server over the package, the demo and `pages`; resolves to `{ base, close() }`. */
export function serveWidgets(pages) {
  const widgets = widgetsFolder();
  return serveStatic([
    ['/demo/cxkit/widgets/', widgets],
    ['/demo/cxkit/', PKG],
    ['/demo/', DEMO],
    ['/cxkit/widgets/', widgets],
    ['/cxkit/', PKG],
    ['/', pages],
  ]);
}

/**
 * Opens `${base}/${file}` in a new page (2× pixels) whose console errors and page errors are
 * pushed to `errors`. CXKIT_DEBUG=1 logs failed requests and 4xx/5xx responses.
 */
export async function openPage(browser, base, file, errors, viewport = { width: 900, height: 700 }) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 2 });
  page.on('console', (m) => m.type() === 'error' && errors.push(`${file}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${file}: ${e.message}`));
  if (process.env.CXKIT_DEBUG) page.on('requestfailed', (r) => console.log('# failed', r.url(), r.failure()?.errorText));
  if (process.env.CXKIT_DEBUG) page.on('response', (r) => r.status() >= 400 && console.log('# status', r.status(), r.url()));
  await page.goto(`${base}/${file}`);
  return page;
}

/**
 * Asserts that nothing inside widget `id`'s card sticks out of it sideways and that no text
 * matched by `textSelector` (in its shadow root) is under 12 px.
 */
export async function assertFits(page, id, textSelector) {
  const box = await page.evaluate(([id, sel]) => {
    const r = document.getElementById(id).shadowRoot;
    const card = r.querySelector('.card').getBoundingClientRect();
    const overflow = [...r.querySelectorAll('.card *')].filter((n) => {
      const b = n.getBoundingClientRect();
      return b.width > 0 && (b.left < card.left - 0.5 || b.right > card.right + 0.5);
    }).map((n) => n.className.baseVal ?? n.className);
    const sizes = [...r.querySelectorAll(sel)].map((n) => parseFloat(getComputedStyle(n).fontSize));
    return { overflow, minFont: Math.min(...sizes) };
  }, [id, textSelector]);
  assert.deepEqual(box.overflow, [], `${id}: elements outside the card`);
  assert.ok(box.minFont >= 12, `${id}: smallest font ${box.minFont}px`);
}

/** WCAG relative luminance contrast of two CSS rgb() colours. */
export function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
