/**
 * Polling wait for the fakes and the tests that drive them. The clients under test act on
 * what they receive asynchronously (Bolt answers an event before its listener finishes, a
 * discord.js dispatch reaches a listener some ticks later, a REST call goes through its
 * queue), so tests wait on a side effect instead of guessing a delay; a short poll keeps that
 * independent of event order inside the fake.
 */

/** Resolves with the first defined value `probe` returns, or rejects after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
