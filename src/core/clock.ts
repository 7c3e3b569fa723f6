/**
 * Time and chance come from outside the core: production passes the system clock and
 * crypto randomness, tests pass a fake clock they advance by hand.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Random {
  /** A 31-bit non-negative integer. */
  int(): number;
}
