/**
 * `npm run content:lint [FOLDER ...]`: lints the bundled `content/` plus the given folders.
 * `drillbot content lint` imports `lintContent` instead, adding DRILLBOT_CONTENT_DIRS itself.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type LintOutput, lintPacks } from './lint.ts';
import { bundledContentDir } from './load.ts';

/** Lints `content/` and `extraDirs`; returns the exit code. */
export function lintContent(
  extraDirs: readonly string[] = [],
  out: LintOutput = process.stdout,
): Promise<number> {
  return lintPacks([bundledContentDir, ...extraDirs], out);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(realpathSync(script)).href;
}

if (isEntryPoint()) {
  process.exitCode = await lintContent(process.argv.slice(2));
}
