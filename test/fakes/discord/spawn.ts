/**
 * Starts the standalone fake as a child process and waits for its ready line, so a test gets
 * the port and a control client in one call and can stop it with SIGTERM like any service.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FakeDiscordControl } from './control-client.ts';
import { type FakeDiscordInfo, fakeDiscordInfoSchema } from './info.ts';
import type { FakeDiscordOptions } from './options.ts';

const STANDALONE = fileURLToPath(new URL('./standalone.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const readyLineSchema = fakeDiscordInfoSchema.extend({ ready: z.literal(true), pid: z.number() });

export interface SpawnFakeDiscordOptions {
  port?: number;
  /** Everything but the port and the clock, sent as JSON on the command line. */
  options?: Omit<FakeDiscordOptions, 'now' | 'port'>;
  readyTimeoutMs?: number;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StandaloneFakeDiscord {
  readonly info: FakeDiscordInfo;
  readonly pid: number;
  readonly control: FakeDiscordControl;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (by itself or after `stop`). */
  readonly exited: Promise<ExitStatus>;
  /** Sends SIGTERM and waits for the exit; SIGKILL if it takes longer than `timeoutMs`. */
  stop(timeoutMs?: number): Promise<ExitStatus>;
}

export async function spawnFakeDiscord(
  options: SpawnFakeDiscordOptions = {},
): Promise<StandaloneFakeDiscord> {
  const args = ['--import', 'tsx', STANDALONE, '--port', String(options.port ?? 0)];
  if (options.options) args.push('--options', JSON.stringify(options.options));
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready = await readReadyLine(child, exited, options.readyTimeoutMs ?? 20_000);
  const info = fakeDiscordInfoSchema.parse(ready);
  return {
    info,
    pid: ready.pid,
    control: new FakeDiscordControl(info.baseUrl),
    child,
    exited,
    stop: async (timeoutMs = 5_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const status = await exited;
      clearTimeout(timer);
      return status;
    },
  };
}

/** The first stdout line parsed as the ready line; fails with stderr if the process dies first. */
async function readReadyLine(
  child: ChildProcess,
  exited: Promise<ExitStatus>,
  timeoutMs: number,
): Promise<z.infer<typeof readyLineSchema>> {
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const line = new Promise<string>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const end = stdout.indexOf('\n');
      if (end !== -1) resolve(stdout.slice(0, end));
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fake discord did not get ready within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    void exited.then(({ code, signal }) =>
      reject(new Error(`fake discord exited (${code ?? signal}) before ready: ${stderr}`)),
    );
  });
  try {
    return readyLineSchema.parse(JSON.parse(await Promise.race([line, failure])));
  } finally {
    clearTimeout(timer);
  }
}
