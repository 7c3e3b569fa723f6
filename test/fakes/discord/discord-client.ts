/**
 * A real discord.js `Client` pointed at a fake, logged in the way the adapter must do it:
 * the ready listener attached before `login()`, REST at the fake's `/api`, the gateway found
 * through `GET /gateway/bot`. Also a typed "next event" wait, since discord.js emits events
 * some ticks after the fake sends them.
 */
import {
  Client,
  type ClientEvents,
  type ClientOptions,
  Events,
  GatewayIntentBits,
} from 'discord.js';
import type { FakeDiscord } from './server.ts';

/** The intents drillbot asks for (issue #8). */
export const DRILLBOT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMessageReactions,
];

export interface LoginOptions extends Partial<Omit<ClientOptions, 'rest'>> {
  rest?: ClientOptions['rest'];
  token?: string;
}

/** Creates a client for `fake`, waits for both `login()` and ClientReady, and returns it. */
export async function loginClient(fake: FakeDiscord, options: LoginOptions = {}): Promise<Client> {
  const { token = fake.token, rest, ...clientOptions } = options;
  const client = new Client({
    intents: DRILLBOT_INTENTS,
    ...clientOptions,
    rest: { ...rest, api: fake.apiUrl },
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    throw error;
  }
  await ready;
  return client;
}

/** Resolves with the arguments of the next `event` (matching `filter`), or rejects after `timeoutMs`. */
export function nextEvent<K extends keyof ClientEvents>(
  client: Client,
  event: K,
  options: { timeoutMs?: number; filter?: (...args: ClientEvents[K]) => boolean } = {},
): Promise<ClientEvents[K]> {
  const { timeoutMs = 5_000, filter = () => true } = options;
  return new Promise((resolve, reject) => {
    const listener = (...args: ClientEvents[K]) => {
      if (!filter(...args)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    client.on(event, listener);
  });
}
