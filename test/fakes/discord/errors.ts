/**
 * Discord's REST error answers. Route handlers throw a `RestError` and the server turns it
 * into the documented JSON (`{ message, code, errors? }`), so @discordjs/rest builds the same
 * `DiscordAPIError` (with `.code` and `.status`) the adapter will meet in production.
 *
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 */
import type { z } from 'zod';
import { ERROR_CODE } from './constants.ts';

export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: Record<string, unknown>;
}

export class RestError extends Error {
  readonly status: number;
  readonly body: DiscordErrorBody;

  constructor(status: number, code: number, message: string, errors?: Record<string, unknown>) {
    super(`${status} ${message}`);
    this.status = status;
    this.body = errors === undefined ? { message, code } : { message, code, errors };
  }

  static unauthorized(): RestError {
    return new RestError(401, ERROR_CODE.general, '401: Unauthorized');
  }

  static unknownChannel(): RestError {
    return new RestError(404, ERROR_CODE.unknownChannel, 'Unknown Channel');
  }

  static unknownMessage(): RestError {
    return new RestError(404, ERROR_CODE.unknownMessage, 'Unknown Message');
  }

  static unknownGuild(): RestError {
    return new RestError(404, ERROR_CODE.unknownGuild, 'Unknown Guild');
  }

  static unknownMember(): RestError {
    return new RestError(404, ERROR_CODE.unknownMember, 'Unknown Member');
  }

  static unknownUser(): RestError {
    return new RestError(404, ERROR_CODE.unknownUser, 'Unknown User');
  }

  static unknownInteraction(): RestError {
    return new RestError(404, ERROR_CODE.unknownInteraction, 'Unknown interaction');
  }

  static unknownWebhook(): RestError {
    return new RestError(404, ERROR_CODE.unknownWebhook, 'Unknown Webhook');
  }

  static alreadyAcknowledged(): RestError {
    return new RestError(
      400,
      ERROR_CODE.interactionAlreadyAcknowledged,
      'Interaction has already been acknowledged.',
    );
  }

  static missingAccess(): RestError {
    return new RestError(403, ERROR_CODE.missingAccess, 'Missing Access');
  }

  static missingPermissions(): RestError {
    return new RestError(403, ERROR_CODE.missingPermissions, 'Missing Permissions');
  }

  static cannotEditOthers(): RestError {
    return new RestError(
      403,
      ERROR_CODE.cannotEditOthersMessage,
      'Cannot edit a message authored by another user',
    );
  }

  static cannotSendToUser(): RestError {
    return new RestError(403, ERROR_CODE.cannotSendToUser, 'Cannot send messages to this user');
  }

  static threadAlreadyCreated(): RestError {
    return new RestError(
      400,
      ERROR_CODE.threadAlreadyCreated,
      'A thread has already been created for this message',
    );
  }

  static unknownCommand(): RestError {
    return new RestError(404, ERROR_CODE.unknownApplicationCommand, 'Unknown application command');
  }

  /** 50035 with the nested `errors` object Discord uses to point at the bad field. */
  static invalidForm(errors: Record<string, unknown>): RestError {
    return new RestError(400, ERROR_CODE.invalidFormBody, 'Invalid Form Body', errors);
  }

  /** 50035 for one field, e.g. `invalidField('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.')`. */
  static invalidField(path: string, code: string, message: string): RestError {
    const errors: Record<string, unknown> = {};
    let cursor = errors;
    const parts = path.split('.');
    parts.forEach((part, index) => {
      const next: Record<string, unknown> =
        index === parts.length - 1 ? { _errors: [{ code, message }] } : {};
      cursor[part] = next;
      cursor = next;
    });
    return RestError.invalidForm(errors);
  }
}

/**
 * `body` as `schema` reads it, or the 50035 Discord answers for a malformed body, pointing at
 * the first bad field by its path (`_root` when the body as a whole is wrong).
 */
export function parseFormBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw RestError.invalidField(
    issue?.path.join('.') || '_root',
    'BASE_TYPE_INVALID',
    issue?.message ?? 'Invalid',
  );
}
