/**
 * Polling wait for test fakes. Bolt answers an event before its listener finishes, so tests
 * wait on a side effect (a recorded request, an ack) instead of the HTTP response; a short
 * poll keeps that simple and never depends on event ordering inside the fake.
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
      throw new Error(`fake slack: timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
