import childProcess from 'node:child_process';
import fs, { mkdirSync, writeFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import type si from 'systeminformation';
import type { LinuxMachine } from '../../../node-core/fingerprint/linux-direct-reads.ts';
import { tempDir } from './temp-dir.ts';

/*
 * systeminformation's own Linux code, run against a fixture machine: a fresh copy of its modules
 * whose shell commands and file reads see a temp folder instead of /etc, /sys and /proc, and whose
 * lscpu and dmidecode print fixture text (or are not installed). The same fixture, seen as a
 * LinuxMachine, feeds the direct reader, so a test compares the two on identical input — the
 * shell's `cat a || cat b` and `echo -n` included.
 */

export interface MachineFixture {
  /** Absolute path → text; a path not listed does not exist. */
  readonly files: Readonly<Record<string, string>>;
  /** What lscpu prints; absent: not installed. */
  readonly lscpu?: string;
  /** What dmidecode prints; absent: not installed. */
  readonly dmidecode?: string;
}

export interface FixtureRun {
  /** systeminformation's uuid(), baseboard() and cpu() on the fixture; await each before the next. */
  readonly si: Pick<typeof si, 'uuid' | 'baseboard' | 'cpu'>;
  /** The same fixture for the direct reader. */
  readonly machine: LinuxMachine;
}

const require = createRequire(import.meta.url);
const SI_LIB = dirname(require.resolve('systeminformation/lib/util.js'));
/** /etc, /var, /sys, /proc and /dev/mem paths, at the start or after a space, quote or redirection. */
const SYSTEM_PATH = /(?<=^|[\s'"(<>])\/(?:etc|var|sys|proc|dev\/mem)(?:\/[\w.:-]+)*/g;

type AnyFunction = (...args: unknown[]) => unknown;

/** Replaces `target[key]` with a wrapper of the original; returns the undo. */
function swap<T extends object>(target: T, key: keyof T & string, wrap: (original: AnyFunction) => AnyFunction): () => void {
  const slot = target as Record<string, unknown>;
  const original = slot[key] as AnyFunction;
  slot[key] = wrap(original);
  return () => {
    slot[key] = original;
  };
}

/** Writes the fixture under a temp folder and loads systeminformation aimed at it. */
export function systemInformationOnFixture(t: TestContext, fixture: MachineFixture): FixtureRun {
  const root = tempDir(t, 'keyhole-si-fixture-');
  for (const [path, text] of Object.entries(fixture.files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const tool = (name: 'lscpu' | 'dmidecode'): string => {
    const text = fixture[name];
    if (text === undefined) return `keyhole-not-installed-${name}`;
    writeFileSync(join(root, `${name}.out`), text);
    return `cat ${join(root, `${name}.out`)}`;
  };
  const [lscpu, dmidecode] = [tool('lscpu'), tool('dmidecode')];
  const inRoot = (path: string) => path.replace(SYSTEM_PATH, (match) => join(root, match));
  const aimed = (command: string) => inRoot(command).replace(/\blscpu\b/g, lscpu).replace(/\bdmidecode(?: -t \w+)?/g, dmidecode);

  // The modules keep the child_process functions they find when loaded: a fresh copy takes these.
  for (const file of Object.keys(require.cache)) if (file.startsWith(SI_LIB)) delete require.cache[file];
  const restoreChildProcess = [
    swap(childProcess, 'exec', (original) => (command: unknown, ...rest: unknown[]) => original(aimed(String(command)), ...rest)),
    swap(childProcess, 'execSync', (original) => (command: unknown, ...rest: unknown[]) => original(aimed(String(command)), ...rest)),
  ];
  let modules: { osinfo: Pick<typeof si, 'uuid'>; system: Pick<typeof si, 'baseboard'>; cpu: Pick<typeof si, 'cpu'> };
  try {
    modules = { osinfo: require(join(SI_LIB, 'osinfo.js')), system: require(join(SI_LIB, 'system.js')), cpu: require(join(SI_LIB, 'cpu.js')) };
  } finally {
    for (const restore of restoreChildProcess) restore();
  }

  /** Their own reads of /proc/cpuinfo see the fixture too, while the call runs (one call at a time). */
  let running = false;
  async function aimedFs<T>(call: () => Promise<T>): Promise<T> {
    if (running) throw new Error('call systeminformation on a fixture one call at a time');
    running = true;
    const aimPath = (path: unknown) => (typeof path === 'string' ? inRoot(path) : path);
    const restore = [
      swap(fs, 'readFileSync', (original) => (path: unknown, ...rest: unknown[]) => original(aimPath(path), ...rest)),
      swap(fs, 'readFile', (original) => (path: unknown, ...rest: unknown[]) => original(aimPath(path), ...rest)),
    ];
    try {
      return await call();
    } finally {
      for (const undo of restore) undo();
      running = false;
    }
  }

  return {
    si: {
      uuid: () => aimedFs(() => modules.osinfo.uuid()),
      baseboard: () => aimedFs(() => modules.system.baseboard()),
      cpu: () => aimedFs(() => modules.cpu.cpu()),
    } as FixtureRun['si'],
    machine: {
      read: (path) => readFile(join(root, path), 'utf8').catch(() => null),
      readable: (path) => access(join(root, path)).then(() => true, () => false),
      onPath: async (command) => fixture[command as 'lscpu' | 'dmidecode'] !== undefined,
      arch: 'x64',
      // systeminformation asks Node for the first CPU's model; so does the reader.
      firstCpuModel: () => cpus()[0]?.model ?? '',
    },
  };
}
