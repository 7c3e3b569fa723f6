/**
 * Composition root for `drillbot start`: config -> database -> migrations -> question packs
 * -> platforms.
 * Everything is built here and handed down; nothing below reads the environment.
 */

import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { type Config, PLATFORM_VARIABLES } from './config.ts';
import { loadCatalog } from './content/catalog.ts';
import type { Logger } from './logger.ts';

export interface StartIo {
  /** Where the one-line banners for a person go (stdout in the CLI). */
  say(line: string): void;
  logger: Logger;
}

function describeDatabase(config: Config): string {
  return config.database.kind === 'postgres'
    ? 'PostgreSQL (DATABASE_URL)'
    : `the embedded database in ${config.database.dataDir}`;
}

export async function start(config: Config, io: StartIo): Promise<number> {
  const handle = await openDatabase(config.database);
  try {
    await migrateDatabase(handle);
    io.logger.info({ engine: handle.engine }, 'database ready');
    const catalog = await loadCatalog(handle.db, config.contentDirs);
    for (const problem of catalog.errors) io.logger.warn({ problem }, 'question pack left out');
    const questions = catalog.packs.reduce((sum, pack) => sum + pack.questions.length, 0);
    io.logger.info({ packs: catalog.packs.length, questions }, 'question packs loaded');
    const platforms = [config.slack && 'Slack', config.discord && 'Discord'].filter(Boolean);
    if (platforms.length === 0) {
      io.say(
        `drillbot: no chat platform configured (looked for ${PLATFORM_VARIABLES.join(' and ')}); ` +
          `${describeDatabase(config)} is migrated, ${questions} questions in ${catalog.packs.length} packs are loaded. ` +
          'The terminal channel is not built yet.',
      );
      return 0;
    }
    io.say(
      `drillbot: ${platforms.join(' and ')} configured, but this version has no chat adapters yet; ` +
        'nothing to connect. See README.md for the roadmap.',
    );
    return 1;
  } finally {
    await handle.close();
  }
}
