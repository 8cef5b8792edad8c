import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ensureBuilt } from '../harness/browser/app-under-test.ts';

/*
 * `npm start`'s own options, run as a user runs them: the real script as a child process. Two demos
 * with their own data folders and ports run side by side and both serve the app.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const START = ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')];

function runStart(args: string[]) {
  return spawnSync(process.execPath, [...START, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Starts a demo and resolves with the address it prints for the browser. */
function startDemo(args: string[]): { child: ChildProcess; address: Promise<string> } {
  const child = spawn(process.execPath, [...START, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const address = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within 60 s; output:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(output.slice(output.indexOf('Open this address')));
      if (output.includes('Open this address') && found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before serving; output:\n${output}`)));
  });
  return { child, address };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

describe('npm start options', () => {
  test('--help prints the options and starts nothing', () => {
    const result = runStart(['--help']);
    assert.equal(result.status, 0, result.stderr);
    for (const option of ['--data DIR', '--port N', '--browser', '--replay BUNDLE.json', '--scenario CODE']) assert.ok(result.stdout.includes(option), option);
    assert.doesNotMatch(result.stdout, /Demo license authority/);
  });

  test('an unknown option or a bad port is refused in a sentence, exit 2', () => {
    const unknown = runStart(['--prot', '4000']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /"--prot" is not an option of npm start \(see npm start -- --help\)/);
    const badPort = runStart(['--port', '70000']);
    assert.equal(badPort.status, 2);
    assert.match(badPort.stderr, /--port takes a port number from 1 to 65535, not "70000"/);
  });

  test('--port N --data DIR runs a second demo beside the first', { timeout: 180_000 }, async () => {
    await ensureBuilt();
    const dirs = [mkdtempSync(join(tmpdir(), 'keyhole-start-a-')), mkdtempSync(join(tmpdir(), 'keyhole-start-b-'))];
    const ports = [await freePort(), await freePort()];
    const first = startDemo(['--browser', '--port', String(ports[0]), '--data', dirs[0] as string]);
    try {
      const firstAddress = await first.address;
      const second = startDemo(['--browser', '--port', String(ports[1]), '--data', dirs[1] as string]);
      try {
        const secondAddress = await second.address;
        assert.ok(firstAddress.startsWith(`http://127.0.0.1:${ports[0]}/`), firstAddress);
        assert.ok(secondAddress.startsWith(`http://127.0.0.1:${ports[1]}/`), secondAddress);
        for (const address of [firstAddress, secondAddress]) {
          const page = await fetch(address);
          assert.equal(page.status, 200, address);
          assert.match(await page.text(), /<div id="root">/);
        }
      } finally {
        await stop(second.child);
      }
    } finally {
      await stop(first.child);
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
