/**
 * `npm start` with no chat tokens, end to end: the real CLI, the embedded database, the
 * terminal channel fed by a script on stdin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CapturedProcess, type CliResult, runToExit } from '../support/cli.ts';

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** `npm start` itself, as the README tells a newcomer to run it, not bin/drillbot.js. */
function npmStart(stdin: string, env: Record<string, string>): Promise<CliResult> {
  const running = new CapturedProcess('npm', ['start', '--silent'], { env });
  return runToExit(running, 'npm start', { stdin, timeoutMs: 90_000 });
}

describe('npm start with no chat tokens', () => {
  it('runs a full round in the terminal channel from a script and exits 0 at end of input', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drillbot-e2e-'));
    dataDirs.push(dataDir);
    const script = [
      '/drill now',
      '/as alice Least privilege for every tool the agent can call, \\',
      'and a human approves deletes and outbound emails before they happen.',
      '/as bob Run generated code in a sandbox and keep an audit log of every tool call.',
      '/drill reveal',
      '/drill leaderboard',
      '/drill practice prompt-injection',
      'Instructions and data share one channel, the context window, so nothing like a parameterised query exists.',
      '',
    ].join('\n');
    const result = await npmStart(script, { DRILLBOT_DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain(
      'no chat platform configured (looked for SLACK_BOT_TOKEN and DISCORD_TOKEN)',
    );
    expect(out).toContain('Daily drill');
    expect(out).toContain('Reveal: what a strong answer covers');
    expect(out).toContain('Answered (2)');
    expect(out).toMatch(/@alice/);
    expect(out).toMatch(/@bob/);
    expect(out).toContain('Common mistake');
    expect(out.indexOf('Daily drill')).toBeLessThan(
      out.indexOf('Reveal: what a strong answer covers'),
    );
    // Points on the reveal, the board, and a private practice question answered on the next line.
    expect(out).toMatch(/Answered \(2\): @(alice|bob) \d+ pts? · @(alice|bob) \d+ pts?/);
    expect(out).toContain('Leaderboard · this channel');
    expect(out).toMatch(/1\. @alice — \d+ pts? · streak 1/);
    expect(out).toContain('Practice · AI Security Engineer');
    expect(out).toMatch(/You covered [1-9] of \d+ key points/);
    expect(out).toMatch(/This question comes back in \d+ days?/);
    // Piped output carries no colour codes.
    expect(out.includes(String.fromCharCode(27))).toBe(false);
  });
});
