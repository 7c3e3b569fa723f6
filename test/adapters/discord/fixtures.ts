/**
 * The Discord translation tests' fixtures: JSON payloads in Discord's documented shapes under
 * ./fixtures/, loaded by name prefix, each returned as a fresh copy with dotted paths
 * replaced (or removed with REMOVE) so one fixture serves many edge cases.
 */
import { readdirSync, readFileSync } from 'node:fs';

export const REMOVE = Symbol('remove');

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export interface FixtureSet {
  /** Fixture names (file names without `.json`), sorted. */
  readonly names: string[];
  fixture(name: string, changes?: Record<string, unknown>): unknown;
}

export function loadFixtures(prefix: string): FixtureSet {
  const folder = new URL('./fixtures/', import.meta.url);
  const names = readdirSync(folder)
    .filter((file) => file.startsWith(prefix) && file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
  const texts = new Map(
    names.map((name) => [name, readFileSync(new URL(`${name}.json`, folder), 'utf8')]),
  );
  return {
    names,
    fixture(name, changes = {}) {
      const text = texts.get(name);
      if (text === undefined) throw new Error(`no fixture ${name}`);
      const root: unknown = JSON.parse(text);
      for (const [path, value] of Object.entries(changes)) {
        const keys = path.split('.');
        const parent = keys
          .slice(0, -1)
          .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), root);
        const last = keys.at(-1);
        if (!isRecord(parent) || last === undefined) throw new Error(`no ${path} in ${name}`);
        if (value === REMOVE) Reflect.deleteProperty(parent, last);
        else parent[last] = value;
      }
      return root;
    },
  };
}
