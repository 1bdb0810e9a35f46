// Shared by the tests that run real workerd (edge tests, latency script, packaging matrix).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The native workerd binary of the npm package (not `npx workerd`: signals must reach it). */
export function workerdBinary() {
  return createRequire(join(ROOT, 'tests/package.json'))('workerd').default;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * Starts `workerd serve <config> --socket-addr http=127.0.0.1:<free port> ...extraArgs` and waits
 * until `readyPath` answers (any HTTP status counts when `readyPath` is null: the first response).
 * `env`: extra environment variables (the config's `fromEnvironment` bindings).
 * `storage`: the Durable Object folder (`do-storage`) of a config that has one; by default a fresh
 * temporary folder, removed by `stop()`. `port`: a fixed port (a restart on the same address).
 * Returns `{ url, child, stderr(), stop(), kill() }`; `stop()` sends SIGTERM and SIGKILL after 2 s,
 * `kill()` SIGKILL at once (a crash).
 */
export async function startWorkerd(
  config,
  { extraArgs = [], readyPath = '/healthz', cwd = ROOT, env = {}, storage = null, port: fixedPort = null } = {},
) {
  const port = fixedPort ?? (await freePort());
  let tempStorage = null;
  if (readFileSync(config, 'utf8').includes('"do-storage"') && !extraArgs.some((a) => String(a).startsWith('do-storage='))) {
    if (storage === null) storage = tempStorage = mkdtempSync(join(tmpdir(), 'cxkit-do-'));
    extraArgs = [...extraArgs, '--directory-path', `do-storage=${storage}`];
  }
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(workerdBinary(), ['serve', config, '--socket-addr', `http=127.0.0.1:${port}`, ...extraArgs], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
  const cleanup = () => {
    if (tempStorage) rmSync(tempStorage, { recursive: true, force: true });
  };
  const stop = async (signal = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return cleanup();
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
    cleanup();
  };
  const kill = () => stop('SIGKILL');
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`workerd exited early (${child.exitCode ?? child.signalCode}):\n${stderr}`);
    }
    try {
      const res = await fetch(`${url}${readyPath ?? '/'}`);
      await res.arrayBuffer();
      if (readyPath === null || res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`workerd not ready after 10 s:\n${stderr}`);
    }
    await new Promise((ok) => setTimeout(ok, 25));
  }
  return { url, child, stderr: () => stderr, stop, kill };
}
