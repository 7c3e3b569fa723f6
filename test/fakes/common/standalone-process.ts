/**
 * Runs a standalone fake (Slack or Discord) as a child process: start it, wait for the one
 * JSON ready line it prints, and stop it with SIGTERM (SIGKILL after a bound) like any
 * service. The chaos tests start the fakes this way; each fake adds its own control client.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StandaloneProcess<Info> {
  readonly info: Info;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (by itself or after `stop`). */
  readonly exited: Promise<ExitStatus>;
  /** Sends SIGTERM and waits for the exit; SIGKILL if it takes longer than `timeoutMs`. */
  stop(timeoutMs?: number): Promise<ExitStatus>;
}

export interface StandaloneSpec<Info> {
  /** What the errors call it: "fake slack". */
  name: string;
  /** Absolute path of the standalone script, run with tsx. */
  script: string;
  args: readonly string[];
  /** The ready line's shape, without its `ready` and `pid` fields. */
  info: z.ZodType<Info>;
  /** `pipe` keeps stdin open so a script with `--exit-with-stdin` dies with its parent. */
  stdin: 'pipe' | 'ignore';
  readyTimeoutMs?: number;
}

const readyFields = z.object({ ready: z.literal(true), pid: z.number() });

export async function spawnStandalone<Info>(
  spec: StandaloneSpec<Info>,
): Promise<StandaloneProcess<Info>> {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.script, ...spec.args], {
    cwd: REPO_ROOT,
    stdio: [spec.stdin, 'pipe', 'pipe'],
  });
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready: unknown = JSON.parse(
    await readReadyLine(spec.name, child, exited, spec.readyTimeoutMs ?? 20_000),
  );
  const { pid } = readyFields.parse(ready);
  return {
    info: spec.info.parse(ready),
    pid,
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

/** The first stdout line; fails with stderr if the process dies or times out first. */
async function readReadyLine(
  name: string,
  child: ChildProcess,
  exited: Promise<ExitStatus>,
  timeoutMs: number,
): Promise<string> {
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
      reject(new Error(`${name} did not get ready within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    void exited.then(({ code, signal }) =>
      reject(new Error(`${name} exited (${code ?? signal}) before ready: ${stderr}`)),
    );
  });
  try {
    return await Promise.race([line, failure]);
  } finally {
    clearTimeout(timer);
  }
}
