/**
 * Interactions the fake dispatched, and what the bot did with each: the initial callback
 * (type and when), the original response message, follow-ups, a modal it opened.
 *
 * The fake enforces the two clocks Discord enforces, because drillbot's "defer first when
 * the work may be slow" rule is only testable against them: the first callback must come
 * within 3 seconds (later: 404 Unknown interaction) and only once (then 40060), and the
 * token works for follow-ups and edits for 15 minutes.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */

export interface InteractionResponseRecord {
  /** The callback type (4, 5, 6, 7, 8, 9). */
  type: number;
  /** Fake-clock ms when the callback arrived. */
  at: number;
  /** The callback's `data` as sent. */
  data: unknown;
}

export interface InteractionRecord {
  id: string;
  token: string;
  applicationId: string;
  /** Interaction type: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: number;
  guildId: string | undefined;
  channelId: string | undefined;
  userId: string;
  /** For components: the message the button is on (a type 7 callback edits it). */
  messageId: string | undefined;
  /** Fake-clock ms when it was dispatched. */
  createdAt: number;
  response: InteractionResponseRecord | undefined;
  /** The message of the initial response (type 4, or the reply a type 5 becomes). */
  originalMessageId: string | undefined;
  followupMessageIds: string[];
}

export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();

  register(record: InteractionRecord): InteractionRecord {
    this.byId.set(record.id, record);
    return record;
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    for (const record of this.byId.values()) if (record.token === token) return record;
    return undefined;
  }

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }
}
