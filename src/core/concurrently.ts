/**
 * Runs `work` over the items of a (possibly paged, asynchronous) source with at most `limit`
 * items in flight. The tick uses it so that one channel waiting on its platform (a rate-limit
 * pace, a slow answer) does not hold up every other channel due in the same minute, while the
 * database and the platform are never handed more than `limit` channels at once.
 *
 * The first error (from `work` or from the source) stops new items from being taken and is
 * thrown once the items already started have finished, so nothing is left running behind
 * the caller's back. The workers share one iterator: an async generator (which queues
 * concurrent `next()` calls) or an ordinary iterable.
 */
export async function forEachConcurrently<T>(
  source: AsyncIterable<T> | Iterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator =
    Symbol.asyncIterator in source
      ? source[Symbol.asyncIterator]()
      : (async function* () {
          yield* source;
        })();
  let failure: { error: unknown } | undefined;
  // Async generators queue concurrent next() calls, so the workers can share one iterator.
  const worker = async () => {
    while (!failure) {
      try {
        const next = await iterator.next();
        if (next.done) return;
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure) throw failure.error;
}
