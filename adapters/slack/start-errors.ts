/**
 * Start-up failures a person can fix, as DrillErrors naming the variable to look at: a bot
 * token Slack rejects (checked with https://docs.slack.dev/reference/methods/auth.test), an
 * app-level token `apps.connections.open` rejects, or a Slack that cannot be reached.
 */
import { webApi } from '@slack/bolt';
import { DrillError } from '../../src/core/errors.ts';
import { PlatformError } from '../../src/core/platform.ts';
import { slackErrorCode } from './web-errors.ts';

/** Codes that mean the token itself is wrong, revoked or of the wrong kind. */
const TOKEN_REJECTED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'missing_scope',
]);

function codeOf(error: unknown): string | undefined {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  return slackErrorCode(error);
}

/** `auth.test` with SLACK_BOT_TOKEN failed. */
export function botTokenError(error: unknown, apiUrl: string | undefined): DrillError {
  const code = codeOf(error);
  if (code !== undefined && TOKEN_REJECTED.has(code)) {
    return new DrillError(
      'CONFIG_INVALID',
      `SLACK_BOT_TOKEN was rejected by Slack (${code}): copy the Bot User OAuth Token (xoxb-...) from the app's OAuth & Permissions page, and reinstall the app to the workspace if it was revoked.`,
      { cause: error },
    );
  }
  const detail = error instanceof PlatformError ? error.message : String(error);
  return new DrillError(
    'PLATFORM_UNAVAILABLE',
    `could not check SLACK_BOT_TOKEN with Slack at ${apiUrl ?? 'https://slack.com/api/'} (${detail}); is Slack (or SLACK_API_URL) reachable?`,
    { cause: error },
  );
}

/** Socket Mode did not connect with SLACK_APP_TOKEN. */
export function appTokenError(error: unknown): DrillError {
  const code = codeOf(error);
  if (code !== undefined && TOKEN_REJECTED.has(code)) {
    return new DrillError(
      'CONFIG_INVALID',
      `SLACK_APP_TOKEN was rejected by Slack (${code}): create an app-level token (xapp-...) with the connections:write scope under Basic Information, App-Level Tokens, and turn Socket Mode on.`,
      { cause: error },
    );
  }
  return new DrillError(
    'PLATFORM_UNAVAILABLE',
    `Slack Socket Mode did not connect (${error instanceof Error ? error.message : String(error)}).`,
    { cause: error },
  );
}
