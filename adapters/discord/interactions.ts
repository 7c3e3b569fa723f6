/**
 * Answering one interaction within Discord's 3 seconds
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction):
 * the first answer is the callback (an ephemeral reply, type 4 with flag 64); when the core has
 * not answered before the deadline, a deferral (type 5, ephemeral) is sent instead and the
 * answer later edits the original response; anything after the first answer is an ephemeral
 * follow-up. Calls are chained, so a deferral and an answer never race.
 */
import type { REST } from 'discord.js';
import { Routes } from 'discord.js';
import type {
  APIApplicationCommandOptionChoice,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { DiscordPayload } from './render.ts';
import { rest } from './rest-errors.ts';

/** Message flag EPHEMERAL: only the invoker sees the reply. */
export const EPHEMERAL = 64;

const CALLBACK = { reply: 4, defer: 5, autocomplete: 8, modal: 9 } as const;

export class InteractionReply {
  private readonly api: REST;
  private readonly applicationId: string;
  private readonly id: string;
  private readonly token: string;
  private state: 'none' | 'deferred' | 'answered' = 'none';
  private chain: Promise<void> = Promise.resolve();

  constructor(api: REST, applicationId: string, id: string, token: string) {
    this.api = api;
    this.applicationId = applicationId;
    this.id = id;
    this.token = token;
  }

  /** Whether anything was sent back yet (an answer or a deferral). */
  get started(): boolean {
    return this.state !== 'none';
  }

  /** Whether the invoker has seen an answer (not only "thinking…"). */
  get answered(): boolean {
    return this.state === 'answered';
  }

  private queue(step: () => Promise<void>): Promise<void> {
    const next = this.chain.then(step);
    // A failed step must not block the ones after it; the caller still sees its failure.
    this.chain = next.catch(() => {});
    return next;
  }

  private callback(body: unknown): Promise<unknown> {
    // Interaction callbacks and webhooks authenticate by their token, not the bot's.
    return rest('idempotent', 'interaction callback', () =>
      this.api.post(Routes.interactionCallback(this.id, this.token), { body, auth: false }),
    );
  }

  /** Type 5: "thinking…", visible to the invoker only; a no-op once anything was sent. */
  defer(): Promise<void> {
    return this.queue(async () => {
      if (this.state !== 'none') return;
      await this.callback({ type: CALLBACK.defer, data: { flags: EPHEMERAL } });
      this.state = 'deferred';
    });
  }

  /** Sends `payloads` as the answer (or as follow-ups once answered). */
  send(payloads: DiscordPayload[]): Promise<void> {
    return this.queue(async () => {
      for (const payload of payloads) {
        const data = { ...payload, flags: EPHEMERAL };
        if (this.state === 'none') {
          await this.callback({ type: CALLBACK.reply, data });
        } else if (this.state === 'deferred') {
          await rest('idempotent', 'edit interaction reply', () =>
            this.api.patch(Routes.webhookMessage(this.applicationId, this.token, '@original'), {
              body: payload,
              auth: false,
            }),
          );
        } else {
          await rest('post', 'interaction follow-up', () =>
            this.api.post(Routes.webhook(this.applicationId, this.token), {
              body: data,
              auth: false,
            }),
          );
        }
        this.state = 'answered';
      }
    });
  }

  /** Type 9: answers a button click with a modal. */
  modal(data: APIModalInteractionResponseCallbackData): Promise<void> {
    return this.queue(async () => {
      await this.callback({ type: CALLBACK.modal, data });
      this.state = 'answered';
    });
  }

  /** Type 8: autocomplete suggestions. */
  choices(choices: APIApplicationCommandOptionChoice<string>[]): Promise<void> {
    return this.queue(async () => {
      await this.callback({ type: CALLBACK.autocomplete, data: { choices } });
      this.state = 'answered';
    });
  }
}
