/**
 * The `makeRequest` @discordjs/rest sends every HTTP request through, with the bot's requests
 * paced by ./global-pacer.ts. Pacing here, at the last step, counts what actually goes on the
 * wire: @discordjs/rest's own retries included, and both of the adapter's clients (REST and
 * gateway) when they share one pacer. Requests without the bot token (interaction callbacks
 * and follow-ups, which carry theirs in the path) are not under the global limit and never
 * wait: an interaction must be answered within 3 seconds.
 */
import { DefaultRestOptions, type RESTOptions } from 'discord.js';
import type { GlobalPacer } from './global-pacer.ts';

type MakeRequest = RESTOptions['makeRequest'];

/** Whether request headers (a plain object from @discordjs/rest, or a Headers) carry a token. */
export function carriesToken(headers: unknown): boolean {
  if (headers === null || typeof headers !== 'object') return false;
  const has: unknown = Reflect.get(headers, 'has');
  if (typeof has === 'function') return has.call(headers, 'authorization') === true;
  return Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
}

export function pacedMakeRequest(pacer: GlobalPacer): MakeRequest {
  return async (url, init) => {
    if (!carriesToken(init.headers)) return DefaultRestOptions.makeRequest(url, init);
    const done = await pacer.turn(init.signal ?? undefined);
    try {
      return await DefaultRestOptions.makeRequest(url, init);
    } finally {
      // The answer's headers are in: Discord has counted this request by now.
      done();
    }
  };
}
