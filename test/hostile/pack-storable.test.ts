/**
 * Packs with text the database cannot store (a NUL or an unpaired surrogate, written with
 * YAML's `\0`/`\u` escapes, in any text field or a reference URL). Such a pack once made the
 * whole catalog load throw (the snapshot insert failed), so no pack loaded and the bot could
 * not start or reload. Now the pack is left out with an error naming the field and the fix,
 * and every other pack loads.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/content/catalog.ts';
import { formatPackError } from '../../src/content/pack-errors.ts';
import { useDatabase } from '../support/db.ts';
import { hostilePack, writePackDir } from './pack-files.ts';

const BAD = [
  {
    id: 'nul-question',
    pack: hostilePack('nul-question', { question: 'why\u0000not' }),
    error:
      /question "hostile-q-nul-question", field question: contains a NUL character .* remove it/,
  },
  {
    id: 'high-surrogate-title',
    pack: hostilePack('high-surrogate-title', { pack: 'title \ud800' }),
    error: /field title: contains an unpaired surrogate .* remove it or write the whole character/,
  },
  {
    id: 'low-surrogate-label',
    pack: hostilePack('low-surrogate-label', { question: '\udfff label' }),
    error: /field framework\.points\[0\]\.label: contains an unpaired surrogate/,
  },
  {
    id: 'nul-url',
    pack: hostilePack('nul-url', { url: 'https://example.com/a\u0000b' }),
    error: /field references\[0\]\.url: contains a NUL character/,
  },
];

describe('packs holding text that cannot be stored', () => {
  const database = useDatabase('pglite');

  it('are left out with an error naming the field; every other pack still loads', async () => {
    const good = hostilePack('fine', { question: '<!channel> @everyone how?' });
    const dir = writePackDir([...BAD.map((bad) => bad.pack), good]);
    const catalog = await loadCatalog(database.db, [dir]);
    const ids = catalog.packs.map((pack) => pack.id);
    expect(ids).toContain('hostile-fine');
    expect(ids).toContain('ai-security-engineer');
    for (const bad of BAD) {
      expect(ids).not.toContain(`hostile-${bad.id}`);
      const messages = catalog.errors
        .filter((error) => error.file.endsWith(`hostile-${bad.id}.yaml`))
        .map((error) => formatPackError(error));
      expect(messages.length, bad.id).toBeGreaterThan(0);
      expect(messages.join('\n')).toMatch(bad.error);
    }
    expect(catalog.snapshotId('hostile-fine', 'hostile-q-fine')).toEqual(expect.any(Number));
  });
});
