/**
 * A logger that keeps every error-level line, for "never a crash": the engine and the adapters
 * catch what goes wrong at their boundaries and log it as an error instead of dying, so a
 * test that saw no crash has not proved much unless it also saw no error logged.
 */
import { type Logger, pino } from 'pino';

export interface ErrorLog {
  readonly logger: Logger;
  /** The error lines logged since the last call (message and error message), emptied. */
  take(): string[];
}

export function errorLog(): ErrorLog {
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
  return {
    logger,
    take() {
      return lines.splice(0).map((line) => {
        const entry: unknown = JSON.parse(line);
        const field = (name: string, from: unknown = entry): unknown =>
          typeof from === 'object' && from !== null ? Reflect.get(from, name) : undefined;
        return `${String(field('msg'))}: ${String(field('message', field('err')) ?? '')}`;
      });
    },
  };
}
