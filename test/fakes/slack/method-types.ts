/**
 * The shape every fake Web API method shares: decoded arguments and the caller's token kind
 * in, a Slack-style `{ ok, ... }` body out. Slack answers almost every failure with HTTP 200
 * and `ok: false`, so a handler never picks a status code.
 */
import type { MessageStore } from './message-store.ts';
import type { ResolvedFakeSlackOptions } from './options.ts';
import type { ApiArgs } from './request-body.ts';
import type { Workspace } from './workspace.ts';

/** Bot tokens (`xoxb-`) call the Web API; app-level tokens (`xapp-`) open Socket Mode. */
export type TokenKind = 'bot' | 'app';

export interface FakeSlackState {
  readonly options: ResolvedFakeSlackOptions;
  readonly workspace: Workspace;
  readonly messages: MessageStore;
  /** A fresh single-use Socket Mode URL (what `apps.connections.open` hands out). */
  issueSocketUrl(): string;
}

export interface MethodContext {
  readonly args: ApiArgs;
  readonly tokenKind: TokenKind;
  readonly state: FakeSlackState;
}

export type ApiResult =
  | ({ ok: true } & Record<string, unknown>)
  | ({ ok: false; error: string } & Record<string, unknown>);

export type MethodHandler = (context: MethodContext) => ApiResult;

export interface MethodDefinition {
  handler: MethodHandler;
  /** Token kinds allowed; others get `not_allowed_token_type` as on Slack. */
  tokens: readonly TokenKind[];
}

export function failure(error: string): ApiResult {
  return { ok: false, error };
}
