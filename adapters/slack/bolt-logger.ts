/**
 * Bolt's and the Slack SDK's log lines go to the process's pino logger (and so through its
 * secret scrubbing) instead of the SDK's console logger. Levels are pino's business: Bolt's
 * `setLevel` is ignored, and `getLevel` reports pino's level so the SDK skips debug-only work.
 * https://docs.slack.dev/tools/bolt-js/concepts/logging
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';

function levelOf(logger: Logger): LogLevel {
  if (logger.isLevelEnabled('debug')) return LogLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return LogLevel.INFO;
  if (logger.isLevelEnabled('warn')) return LogLevel.WARN;
  return LogLevel.ERROR;
}

/** Bolt logs `(message, error)`, `(error)` or several strings; pino wants `({ err }, message)`. */
function write(logger: Logger, level: 'debug' | 'info' | 'warn' | 'error', args: unknown[]): void {
  if (!logger.isLevelEnabled(level)) return;
  const err = args.find((arg) => arg instanceof Error);
  const text = args
    .filter((arg) => arg !== err)
    .map((arg) => (typeof arg === 'string' ? arg : safeJson(arg)))
    .join(' ');
  if (err) logger[level]({ err }, text || 'slack sdk error');
  else logger[level](text);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function boltLogger(parent: Logger): BoltLogger {
  const logger = parent.child({ component: 'slack-sdk' });
  return {
    debug: (...args: unknown[]) => write(logger, 'debug', args),
    info: (...args: unknown[]) => write(logger, 'info', args),
    warn: (...args: unknown[]) => write(logger, 'warn', args),
    error: (...args: unknown[]) => write(logger, 'error', args),
    setLevel: () => {},
    getLevel: () => levelOf(logger),
    setName: () => {},
  };
}
