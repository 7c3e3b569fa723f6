/**
 * Capture what the engine sends to the database, and replay the very same statements
 * directly, so an engine-versus-SQL comparison compares like with like.
 *
 * A recorder (a drizzle Logger) collects each statement's text and parameters, and counts
 * the transactions the engine opens on the driver (BEGIN and COMMIT are not statements
 * drizzle logs, yet they are round trips the reference must make too, or skip too). From
 * one captured unit of work (say, one answer) a template is learnt: every parameter gets a role,
 * found by its value: one of the unit's own fields (event id, member, text, ...), a value an
 * earlier statement of the unit returned (an id from RETURNING), a timestamp drizzle takes
 * from the wall clock, or a constant. Every later captured unit is then checked against the
 * template (same statement texts, the parameters it predicts), so the replay is known to send
 * exactly what the engine sent, only without the engine.
 */
import type { Logger } from 'drizzle-orm';
import type { DriverSession, RunStatement } from './bench-db.ts';

export interface CapturedStatement {
  text: string;
  params: readonly unknown[];
}

/** Statements and transactions recorded since the last `take()`. */
export interface CapturedWork {
  statements: CapturedStatement[];
  transactions: number;
}

/**
 * Collects statements (as drizzle's Logger) and transactions (told by bench-db.ts, which
 * wraps the driver's transaction call) while `recording`; the cost when on is an array push.
 */
export class StatementRecorder implements Logger {
  recording = false;
  private work: CapturedWork = { statements: [], transactions: 0 };

  logQuery(query: string, params: unknown[]): void {
    if (this.recording) this.work.statements.push({ text: query, params });
  }

  transactionOpened(): void {
    if (this.recording) this.work.transactions += 1;
  }

  /** What was recorded since the last call. */
  take(): CapturedWork {
    const taken = this.work;
    this.work = { statements: [], transactions: 0 };
    return taken;
  }
}

/** The values that make one unit of work unique: ids, texts, instants as drizzle sends them. */
export type UnitFields = Readonly<Record<string, string | number>>;

type ParamRole =
  | { kind: 'field'; field: string }
  | { kind: 'returned'; statement: number; asNumber: boolean }
  | { kind: 'wallclock' }
  | { kind: 'constant'; value: unknown };

export interface StatementTemplate {
  text: string;
  roles: ParamRole[];
}

/** One unit of work: its statements, and whether the engine wrapped them in a transaction. */
export interface UnitTemplate {
  statements: StatementTemplate[];
  transaction: boolean;
}

/** A value an earlier statement returned (first column, first row), and which one did. */
export interface ReturnedValue {
  value: string | number;
  returnedBy: (statementText: string) => boolean;
}

const WALLCLOCK_SLACK_MS = 10 * 60_000;

/** An ISO instant near the real time: drizzle's `$onUpdate(() => new Date())`. */
function isWallclock(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(value)) return false;
  return Math.abs(Date.parse(value) - Date.now()) < WALLCLOCK_SLACK_MS;
}

function roleOf(
  value: unknown,
  index: number,
  statements: readonly CapturedStatement[],
  fields: UnitFields,
  returned: readonly ReturnedValue[],
): ParamRole {
  const fieldNames = Object.keys(fields).filter((name) => fields[name] === value);
  const byReturn = returned.filter((entry) => entry.value === value);
  if (fieldNames.length + byReturn.length > 1) {
    throw new Error(
      `parameter ${JSON.stringify(value)} is ambiguous: pick a unit with distinct values`,
    );
  }
  const [field] = fieldNames;
  if (field !== undefined) return { kind: 'field', field };
  const [source] = byReturn;
  if (source) {
    const statement = statements
      .slice(0, index)
      .findLastIndex((candidate) => source.returnedBy(candidate.text));
    if (statement === -1) throw new Error(`no earlier statement returns ${String(value)}`);
    return { kind: 'returned', statement, asNumber: typeof source.value === 'number' };
  }
  if (isWallclock(value)) return { kind: 'wallclock' };
  return { kind: 'constant', value };
}

/** Learns the roles of every parameter of one captured unit of work. */
export function learnTemplate(
  work: CapturedWork,
  fields: UnitFields,
  returned: readonly ReturnedValue[],
): UnitTemplate {
  if (work.transactions > 1) throw new Error(`${work.transactions} transactions in one unit`);
  const { statements } = work;
  return {
    transaction: work.transactions === 1,
    statements: statements.map((statement, index) => ({
      text: statement.text,
      roles: statement.params.map((value) => roleOf(value, index, statements, fields, returned)),
    })),
  };
}

/**
 * Throws unless `statements` are the template's, with the parameters it predicts for
 * `fields` (`returned[i]` standing for what statement i returned, where the template uses it).
 */
export function checkAgainstTemplate(
  unit: UnitTemplate,
  statements: readonly CapturedStatement[],
  fields: UnitFields,
  returned: ReadonlyMap<number, string | number>,
): void {
  const template = unit.statements;
  if (statements.length !== template.length) {
    throw new Error(`expected ${template.length} statements, the engine sent ${statements.length}`);
  }
  template.forEach((expected, index) => {
    const actual = statements[index];
    if (actual?.text !== expected.text) {
      throw new Error(`statement ${index} differs from the template:\n${actual?.text}`);
    }
    expected.roles.forEach((role, at) => {
      const value = actual.params[at];
      const ok =
        role.kind === 'field'
          ? value === fields[role.field]
          : role.kind === 'returned'
            ? value === returned.get(role.statement)
            : role.kind === 'wallclock'
              ? isWallclock(value)
              : value === role.value;
      if (!ok) {
        throw new Error(
          `statement ${index} parameter ${at + 1}: ${JSON.stringify(value)} (${role.kind})`,
        );
      }
    });
  });
}

function paramValue(role: ParamRole, fields: UnitFields, results: unknown[][][]): unknown {
  switch (role.kind) {
    case 'field':
      return fields[role.field];
    case 'returned': {
      const value = results[role.statement]?.[0]?.[0];
      // drizzle maps bigint ids to numbers (mode: 'number'); postgres.js reads them as text.
      return role.asNumber ? Number(value) : value;
    }
    case 'wallclock':
      return new Date().toISOString();
    case 'constant':
      return role.value;
  }
}

/**
 * Runs the template for `fields` on the driver: the engine's SQL without the engine, in a
 * transaction exactly when the engine used one (a lone statement is its own transaction).
 */
export function replay(
  driver: DriverSession,
  unit: UnitTemplate,
  fields: UnitFields,
): Promise<void> {
  const work = async (run: RunStatement) => {
    const results: unknown[][][] = [];
    for (const statement of unit.statements) {
      const params = statement.roles.map((role) => paramValue(role, fields, results));
      results.push(await run(statement.text, params));
    }
  };
  return unit.transaction ? driver.transaction(work) : work(driver.run);
}
