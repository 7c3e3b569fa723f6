/**
 * A throwaway PostgreSQL server the test owns, so it can restart it under load (the chaos and
 * fault tests). Uses Debian's server binaries (`/usr/lib/postgresql/<v>/bin`, installed by
 * .ci/with-postgres.sh in CI); as root the server runs as the `postgres` account, which it
 * requires. Listens on 127.0.0.1 on a free port that stays the same across restarts.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { freePort } from './free-port.ts';

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or undefined when no server is installed. */
export function findPostgresBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((name) => existsSync(join(PG_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? undefined : join(PG_ROOT, newest, 'bin');
}

/** argv prefix that runs a command as the server's account when we are root. */
function asServerUser(): string[] {
  if (process.getuid?.() !== 0) return [];
  const user = 'postgres';
  try {
    execFileSync('id', [user], { stdio: 'ignore' });
  } catch {
    throw new Error('running as root but there is no "postgres" account to run the server as');
  }
  return ['setpriv', `--reuid=${user}`, `--regid=${user}`, '--init-groups', '--'];
}

export class PostgresServer {
  readonly port: number;
  readonly url: string;
  private readonly bin: string;
  private readonly dir: string;
  private child: ChildProcess | undefined;
  private log = '';

  private constructor(bin: string, dir: string, port: number) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  static async start(): Promise<PostgresServer> {
    const bin = findPostgresBin();
    if (!bin) throw new Error(`no PostgreSQL server under ${PG_ROOT}: apt-get install postgresql`);
    const dir = mkdtempSync(join(tmpdir(), 'drillbot-pgserver-'));
    chmodSync(dir, 0o777);
    const prefix = asServerUser();
    const initdb = [join(bin, 'initdb'), '-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust'];
    const [command, ...args] = [...prefix, ...initdb, '-E', 'UTF8', '--no-sync'];
    execFileSync(command as string, args, { stdio: 'pipe' });
    const server = new PostgresServer(bin, dir, await freePort());
    await server.up();
    return server;
  }

  /** Starts the server process and waits until it accepts connections. */
  async up(): Promise<void> {
    const [command, ...args] = [
      ...asServerUser(),
      join(this.bin, 'postgres'),
      '-D',
      join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-k',
      this.dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ];
    const child = spawn(command as string, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => {
      this.log += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.log += chunk.toString();
    });
    this.child = child;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${this.log}`);
      const probe = postgres(this.url, { max: 1, connect_timeout: 1, onnotice: () => {} });
      try {
        await probe`select 1`;
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      } finally {
        await probe.end({ timeout: 1 });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Fast shutdown (SIGINT: open sessions are cut, as in a crash or an operator's restart). */
  async down(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
  }

  async restart(): Promise<void> {
    await this.down();
    await this.up();
  }

  async createDatabase(name: string): Promise<string> {
    const admin = postgres(this.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(this.url);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async stop(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get serverLog(): string {
    return this.log;
  }
}
