/**
 * The child's side of ./standalone-process.ts, shared by both fakes' standalone scripts:
 * reading a port option, printing the one JSON ready line the parent waits for, and stopping
 * cleanly like any service.
 */

/** A `--port`-style option: absent means 0 (any free port); anything but a port is an error. */
export function portArg(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--${name} must be a port number, got ${value}`);
  }
  return port;
}

export interface ServeOptions {
  /**
   * Also stop when stdin closes: a parent that dies without SIGTERM closes our stdin, so
   * stopping then leaves no orphan behind. Only for a parent that keeps stdin open as a pipe.
   */
  exitWithStdin?: boolean;
}

/**
 * Prints the ready line (`{"ready":true,"pid":...}` plus `info`, which tells the parent the
 * ports), then stops the fake and exits 0 on SIGTERM or SIGINT.
 */
export function serveUntilStopped(
  fake: { stop(): Promise<void> },
  info: object,
  options: ServeOptions = {},
): void {
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, ...info })}\n`);
  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await fake.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  if (options.exitWithStdin) {
    process.stdin.on('close', () => void shutdown());
    process.stdin.resume();
  }
}
