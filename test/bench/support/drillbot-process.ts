/**
 * The real `drillbot start` (bin/drillbot.js) as a child process for the benchmarks, started
 * as the tests start it (test/support/cli.ts: a clean environment, so a developer's own tokens
 * never leak in), with `PORT` set so `/healthz` tells when it is ready, and its resident memory
 * read from the operating system. Talks only to 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { type DrillbotSpawnOptions, spawnDrillbot } from '../../support/cli.ts';
import { freePort } from '../../support/free-port.ts';

export interface DrillbotProcess {
  readonly pid: number;
  readonly port: number;
  /** Milliseconds from spawn to the first `/healthz` answering `status: ok`. */
  readonly readyMs: number;
  stdout(): string;
  stderr(): string;
  /** Resident set size in bytes, as the kernel reports it now. */
  rssBytes(): number;
  /** SIGTERM (the bot's orderly shutdown), SIGKILL after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<number | null>;
}

export interface StartDrillbotOptions extends Pick<DrillbotSpawnOptions, 'nodeArgs'> {
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

/** VmRSS from /proc on Linux; `ps` elsewhere. */
export function residentBytes(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(status, 'utf8'));
    if (match) return Number(match[1]) * 1024;
  }
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) * 1024
  );
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (res.status !== 200) return false;
    const body: unknown = await res.json();
    return typeof body === 'object' && body !== null && Reflect.get(body, 'status') === 'ok';
  } catch {
    return false;
  }
}

export async function startDrillbot(options: StartDrillbotOptions): Promise<DrillbotProcess> {
  const port = await freePort();
  const started = performance.now();
  const bot = spawnDrillbot(['start'], {
    env: { ...options.env, PORT: String(port) },
    nodeArgs: options.nodeArgs,
  });
  const { child, exited } = bot;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const deadline = started + (options.readyTimeoutMs ?? 60_000);
  // Polled every 10 ms: the resolution of the start-to-ready figure.
  while (!(await healthy(port))) {
    if (exitCode !== undefined) {
      throw new Error(`drillbot exited (${exitCode}) before ready:\n${bot.stdout}\n${bot.stderr}`);
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`drillbot not ready in time:\n${bot.stdout}\n${bot.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - started;
  const pid = child.pid;
  if (pid === undefined) throw new Error('drillbot has no pid');
  return {
    pid,
    port,
    readyMs,
    stdout: () => bot.stdout,
    stderr: () => bot.stderr,
    rssBytes: () => residentBytes(pid),
    async stop(timeoutMs = 15_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
