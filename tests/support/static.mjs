// Shared by the browser tests: a static file server on 127.0.0.1 (port 0) with real content types
// (`.wasm` must be application/wasm for streaming instantiation).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves `routes`, a list of `[urlPrefix, folder]` tried in order (a folder URL serves its
 * index.html; `?delay=ms` delays the answer, for loading states). Resolves to
 * `{ base, close() }` once listening.
 */
export async function serveStatic(routes) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const delay = Number(url.searchParams.get('delay') ?? 0);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const route = routes.find(([prefix]) => url.pathname.startsWith(prefix));
    let file = route && path.join(route[1], decodeURIComponent(url.pathname.slice(route[0].length)));
    if (file && !file.startsWith(route[1])) file = null;
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}
