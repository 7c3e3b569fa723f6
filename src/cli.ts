/**
 * `drillbot <command>`: the package's command line. Each command parses its own flags,
 * answers `--help`, and returns an exit code; errors with a code become one clear line.
 */
import { parseArgs } from 'node:util';
import { configSecrets, loadConfig } from './config.ts';
import { isDrillError } from './core/errors.ts';
import { createLogger, secretValues } from './logger.ts';
import type { StartOptions } from './main.ts';

interface CommandSpec {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Parses flags shared by every command; only --help for now. */
function wantsHelp(args: string[]): boolean {
  const { values } = parseArgs({
    args,
    options: { help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
  });
  return values.help === true;
}

async function runStart(options: StartOptions): Promise<number> {
  const config = loadConfig();
  const { start } = await import('./main.ts');
  const secrets = secretValues(configSecrets(config));
  return start(
    config,
    {
      say: out,
      logger: (destination) => createLogger({ level: config.logLevel, secrets, destination }),
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      color: process.stdout.isTTY === true,
      signals: process,
    },
    options,
  );
}

const COMMANDS: Record<string, CommandSpec> = {
  start: {
    usage: 'drillbot start',
    summary:
      'Migrate the database and run the bot: Slack and Discord as configured in the environment (see .env.example), else the terminal channel.',
    run: () => runStart({}),
  },
  practice: {
    usage: 'drillbot practice [PACK or TAG]',
    summary:
      'Private practice in the terminal: a question chosen for you (spaced repetition); answer on the next line, /drill practice for another.',
    run: (args) => {
      const filter = args
        .filter((arg) => !arg.startsWith('-'))
        .join(' ')
        .trim();
      return runStart({ initialCommand: filter ? `practice ${filter}` : 'practice' });
    },
  },
  'db migrate': {
    usage: 'drillbot db migrate',
    summary: 'Apply pending database migrations (DATABASE_URL, or the embedded database) and exit.',
    async run() {
      const config = loadConfig();
      const { openDatabase } = await import('../db/client.ts');
      const { migrateDatabase } = await import('../db/migrate.ts');
      const handle = await openDatabase(config.database);
      try {
        await migrateDatabase(handle);
        out(`drillbot: migrations applied (${handle.engine}).`);
        return 0;
      } finally {
        await handle.close();
      }
    },
  },
  'discord register': {
    usage: 'drillbot discord register [--guild ID]',
    summary:
      'Register /drill with Discord (DISCORD_TOKEN, DISCORD_APPLICATION_ID): globally, or for one server with --guild (usable at once).',
    async run(args) {
      const { values } = parseArgs({
        args,
        options: { guild: { type: 'string' } },
        allowPositionals: false,
        strict: true,
      });
      const guild = values.guild?.trim();
      if (guild !== undefined && !/^\d{15,21}$/.test(guild)) {
        err(`drillbot: --guild takes a server id (digits), not ${JSON.stringify(guild)}.`);
        return 2;
      }
      const config = loadConfig();
      if (!config.discord) {
        err(
          'drillbot: set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register /drill with Discord.',
        );
        return 1;
      }
      const { registerCommands } = await import('../adapters/discord/register.ts');
      await registerCommands({ ...config.discord, guildId: guild });
      out(
        guild
          ? `drillbot: /drill registered for server ${guild}.`
          : 'drillbot: /drill registered globally (new commands can take a while to appear in every server).',
      );
      return 0;
    },
  },
  'content lint': {
    usage: 'drillbot content lint [FOLDER ...]',
    summary:
      'Validate every question pack in content/, DRILLBOT_CONTENT_DIRS and the given folders; print a summary per pack.',
    async run(args) {
      const config = loadConfig();
      const { lintContent } = await import('./content/lint-cli.ts');
      const extra = args.filter((arg) => !arg.startsWith('-'));
      return lintContent([...config.contentDirs, ...extra]);
    },
  },
};

function overview(): string {
  const lines = ['Usage: drillbot <command> [--help]', '', 'Commands:'];
  for (const spec of Object.values(COMMANDS))
    lines.push(`  ${spec.usage.padEnd(40)} ${spec.summary}`);
  return lines.join('\n');
}

/** Finds the longest command name at the start of argv ("db migrate" before "db"). */
function resolve(argv: string[]): { spec: CommandSpec; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const spec = COMMANDS[name];
    if (spec) return { spec, rest: argv.slice(words) };
  }
  return undefined;
}

export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    out(overview());
    return argv.length === 0 ? 2 : 0;
  }
  const found = resolve(argv);
  if (!found) {
    err(`drillbot: unknown command "${argv.join(' ')}".\n${overview()}`);
    return 2;
  }
  if (wantsHelp(found.rest)) {
    out(`Usage: ${found.spec.usage}\n\n${found.spec.summary}`);
    return 0;
  }
  try {
    return await found.spec.run(found.rest);
  } catch (error) {
    if (isDrillError(error)) {
      err(error.code === 'CONFIG_INVALID' ? error.message : `drillbot: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
