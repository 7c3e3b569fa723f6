/**
 * Pack errors as a person fixing a YAML file needs them: which file and line, which question,
 * which field, and what was expected. Turns YAML parser errors and zod issues into that shape.
 */
import path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { type Document, isMap, isNode, isScalar, type LineCounter, type YAMLError } from 'yaml';
import { z } from 'zod';

export interface PackError {
  /** The pack file (or the folder, for a missing folder). */
  readonly file: string;
  /** 1-based, where known. */
  readonly line?: number;
  readonly column?: number;
  /** The question the error is in, when it is inside one. */
  readonly questionId?: string;
  /** The key point the error is in, when it is inside one. */
  readonly keyPointId?: string;
  /** Field path relative to the question when `questionId` is set, otherwise to the pack. */
  readonly field?: string;
  /** What is wrong and what was expected. */
  readonly message: string;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A path relative to `cwd` when it lies below it, else as given: short and unambiguous. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative)
    ? file
    : relative;
}

/** `content/ai.yaml:42:5: question "ai-x", field framework.points[1].rubric: <message>` */
export function formatPackError(error: PackError, cwd: string = process.cwd()): string {
  const file = displayPath(error.file, cwd);
  const where = [file, error.line, error.column].filter((part) => part !== undefined).join(':');
  const context = [
    error.questionId === undefined ? undefined : `question "${error.questionId}"`,
    error.keyPointId === undefined ? undefined : `key point "${error.keyPointId}"`,
    error.field === undefined || error.field === '' ? undefined : `field ${error.field}`,
  ].filter((part) => part !== undefined);
  return `${where}: ${context.length > 0 ? `${context.join(', ')}: ` : ''}${error.message}`;
}

/** The parser's own words, without the " at line 3, column 8:" suffix and source excerpt. */
export function fromYamlError(file: string, error: YAMLError): PackError {
  const start = error.linePos?.[0];
  const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim();
  return { file, line: start?.line, column: start?.col, message: `YAML: ${message}` };
}

type IssuePath = ReadonlyArray<PropertyKey>;

/** `framework.points[1].rubric` */
export function formatFieldPath(keys: IssuePath): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Finds the source position of the node at `keys`, or of its nearest existing ancestor. */
export function locateNode(
  doc: Document,
  lineCounter: LineCounter,
  keys: IssuePath,
  unknownKey?: string,
): Position | undefined {
  for (let depth = keys.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(keys.slice(0, depth), true);
    if (!isNode(node) || !node.range) continue;
    let offset = node.range[0];
    if (unknownKey !== undefined && depth === keys.length && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === unknownKey);
      if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  }
  return undefined;
}

/** The keys a strict object accepts at `keys` in `schema`, for "did you mean" hints. */
function allowedKeysAt(schema: z.ZodType, keys: IssuePath): string[] {
  let current: z.ZodType = schema;
  const rest = [...keys];
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
      continue;
    }
    const key = rest.shift();
    if (key === undefined) break;
    if (current instanceof z.ZodArray && typeof key === 'number')
      current = current.element as z.ZodType;
    else if (current instanceof z.ZodObject && typeof key === 'string' && key in current.shape)
      current = current.shape[key] as z.ZodType;
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function didYouMean(unknown: string, allowed: readonly string[]): string {
  const near = allowed
    .map((key) => ({ key, edits: distance(unknown.toLowerCase(), key.toLowerCase()) }))
    .filter(({ edits }) => edits <= Math.max(2, Math.floor(unknown.length / 3)))
    .sort((a, b) => a.edits - b.edits)[0];
  const list = allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
  return near ? ` (did you mean "${near.key}"?)` : list;
}

/** zod's wording with the generic prefix dropped and the unhelpful cases spelled out. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `required field is missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_union') {
    const values = issue.errors.flat().flatMap((inner) => {
      return inner.code === 'invalid_value'
        ? inner.values.map((value) => JSON.stringify(value))
        : [];
    });
    if (values.length > 0) return `expected one of ${values.join(', ')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

function childAt(value: unknown, key: PropertyKey): unknown {
  if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
  if (value === null || typeof value !== 'object' || typeof key !== 'string') return undefined;
  return (value as Record<string, unknown>)[key];
}

/** The `id` of the object at `keys` in the raw data, if it has a string one. */
function idAt(data: unknown, keys: IssuePath): string | undefined {
  const id = childAt(keys.reduce(childAt, data), 'id');
  return typeof id === 'string' ? id : undefined;
}

/** The question (and key point) a path points into, and the path relative to the question. */
function scopeOf(
  data: unknown,
  keys: IssuePath,
): Pick<PackError, 'questionId' | 'keyPointId' | 'field'> {
  const [top, index, ...inQuestion] = keys;
  if (top !== 'questions' || typeof index !== 'number') return { field: formatFieldPath(keys) };
  const inPoint = inQuestion[0] === 'framework' && inQuestion[1] === 'points';
  return {
    questionId: idAt(data, ['questions', index]) ?? `questions[${index}]`,
    keyPointId: inPoint ? idAt(data, keys.slice(0, 5)) : undefined,
    field: formatFieldPath(inQuestion),
  };
}

/** One pack error per zod issue (and per unknown key), each with its line. */
export function fromZodIssues(
  file: string,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  doc: Document,
  lineCounter: LineCounter,
): PackError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(schema, issue.path);
      return issue.keys.map((key) => ({
        file,
        ...locateNode(doc, lineCounter, issue.path, key),
        ...scopeOf(data, [...issue.path, key]),
        message: `unknown field "${key}"${didYouMean(key, allowed)}`,
      }));
    }
    return [
      {
        file,
        ...locateNode(doc, lineCounter, issue.path),
        ...scopeOf(data, issue.path),
        message: describeIssue(issue),
      },
    ];
  });
}
