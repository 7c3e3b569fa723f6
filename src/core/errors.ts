/**
 * Coded errors. Every failure the bot can explain to a person carries a stable code, so the
 * event boundary can log it with context and answer with a clear message instead of crashing.
 */
export type DrillErrorCode =
  | 'CONFIG_INVALID'
  | 'DATA_DIR_LOCKED'
  | 'DB_UNREACHABLE'
  | 'MIGRATION_FAILED'
  | 'PACK_INVALID'
  | 'PACK_DUPLICATE'
  | 'UNKNOWN_PACK'
  | 'USAGE'
  | 'PLATFORM_UNAVAILABLE'
  | 'NOT_ADMIN'
  | 'NO_OPEN_DRILL'
  | 'NOT_ENROLLED'
  | 'NOT_AVAILABLE_YET';

export class DrillError extends Error {
  readonly code: DrillErrorCode;

  constructor(code: DrillErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DrillError';
    this.code = code;
  }
}

export function isDrillError(error: unknown, code?: DrillErrorCode): error is DrillError {
  return error instanceof DrillError && (code === undefined || error.code === code);
}
