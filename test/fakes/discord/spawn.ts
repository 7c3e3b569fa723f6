/**
 * Starts the standalone fake Discord as a child process (see ../common/standalone-process.ts)
 * and hands back its port with a control client.
 */
import { fileURLToPath } from 'node:url';
import {
  type ExitStatus,
  type StandaloneProcess,
  spawnStandalone,
} from '../common/standalone-process.ts';
import { FakeDiscordControl } from './control-client.ts';
import { type FakeDiscordInfo, fakeDiscordInfoSchema } from './info.ts';
import type { FakeDiscordOptions } from './options.ts';

export type { ExitStatus };

const STANDALONE = fileURLToPath(new URL('./standalone.ts', import.meta.url));

export interface SpawnFakeDiscordOptions {
  port?: number;
  /** Everything but the port and the clock, sent as JSON on the command line. */
  options?: Omit<FakeDiscordOptions, 'now' | 'port'>;
  readyTimeoutMs?: number;
}

export interface StandaloneFakeDiscord extends StandaloneProcess<FakeDiscordInfo> {
  readonly control: FakeDiscordControl;
}

export async function spawnFakeDiscord(
  options: SpawnFakeDiscordOptions = {},
): Promise<StandaloneFakeDiscord> {
  const args = ['--port', String(options.port ?? 0)];
  if (options.options) args.push('--options', JSON.stringify(options.options));
  const started = await spawnStandalone({
    name: 'fake discord',
    script: STANDALONE,
    args,
    info: fakeDiscordInfoSchema,
    stdin: 'ignore',
    readyTimeoutMs: options.readyTimeoutMs,
  });
  return { ...started, control: new FakeDiscordControl(started.info.baseUrl) };
}
