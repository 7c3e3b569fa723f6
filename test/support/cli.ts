/**
 * Runs the real `drillbot` command (or `npm start`) in a child process with a clean
 * environment: only what the test passes, plus PATH and HOME, so a developer's own tokens
 * never leak into a test. Tests that run a command to its end use `runDrillbot`; tests and
 * benchmarks that talk to a running bot hold the `CapturedProcess` from `spawnDrillbot`.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/drillbot.js', import.meta.url));

/**
 * Everything a child gets: PATH and HOME (node and npm need them), warn-level logs (so a
 * test's output is the bot's, not its info lines) unless the test sets LOG_LEVEL, and `env`.
 */
export function cleanEnv(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env };
}

export interface SpawnOptions {
  env?: Record<string, string>;
  cwd?: string;
  /**
   * Keep only the last this many characters of each stream: a process that runs for minutes
   * (the chaos fleet) would otherwise hold all it ever wrote. Everything when left out.
   */
  tailChars?: number;
}

/** A child started with `cleanEnv`, everything it has written so far kept as text. */
export class CapturedProcess {
  stdout = '';
  stderr = '';
  readonly child: ChildProcessWithoutNullStreams;
  /**
   * The exit code once the process has exited and its output is all read ('close', not
   * 'exit', so `stdout` is complete); rejects if it could not be started at all.
   */
  readonly exited: Promise<number | null>;

  constructor(command: string, args: readonly string[], options: SpawnOptions = {}) {
    this.child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const keep = (kept: string, chunk: Buffer): string => {
      const all = kept + chunk.toString();
      const limit = options.tailChars ?? all.length;
      return all.length > limit ? all.slice(all.length - limit) : all;
    };
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdout = keep(this.stdout, chunk);
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = keep(this.stderr, chunk);
    });
    this.exited = new Promise((resolve, reject) => {
      this.child.on('close', resolve);
      this.child.on('error', reject);
    });
  }
}

export interface DrillbotSpawnOptions extends SpawnOptions {
  /** Flags for node itself (e.g. `--cpu-prof` while finding out where time goes). */
  nodeArgs?: string[];
}

/** `drillbot ARGS` as the package's bin runs it, under this same node. */
export function spawnDrillbot(
  args: readonly string[],
  options: DrillbotSpawnOptions = {},
): CapturedProcess {
  return new CapturedProcess(
    process.execPath,
    [...(options.nodeArgs ?? []), BIN, ...args],
    options,
  );
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the child's stdin, which is then closed (end of input ends the terminal). */
  stdin?: string;
  timeoutMs?: number;
}

export interface CliOptions extends SpawnOptions, RunOptions {}

/**
 * Feeds `stdin` and waits for the exit. A child still running after `timeoutMs` is killed and
 * the promise rejects with what it wrote, named by `label`, so a hang fails with a reason.
 */
export async function runToExit(
  running: CapturedProcess,
  label: string,
  options: RunOptions = {},
): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      running.child.kill('SIGKILL');
      reject(
        new Error(
          `${label} did not exit within ${timeoutMs} ms\n${running.stdout}\n${running.stderr}`,
        ),
      );
    }, timeoutMs);
  });
  running.child.stdin.end(options.stdin ?? '');
  try {
    const code = await Promise.race([running.exited, timedOut]);
    return { code, stdout: running.stdout, stderr: running.stderr };
  } finally {
    clearTimeout(timer);
  }
}

export function runDrillbot(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return runToExit(spawnDrillbot(args, options), `drillbot ${args.join(' ')}`, options);
}
