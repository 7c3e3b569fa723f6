/** Polls `read` until it returns a value or `timeoutMs` passes (then undefined, not a throw). */
export async function pollUntil<T>(
  read: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Sleeps until the wall clock reaches `at`. */
export async function sleepUntil(at: Date): Promise<void> {
  const ms = at.getTime() - Date.now();
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
