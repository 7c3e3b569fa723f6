/**
 * `npm run test:chaos`, part one: three drillbot processes on one PostgreSQL and both
 * standalone fakes, drills every 15 s in many channels, members replying all the time, and
 * a random process SIGKILLed (and started again) every few seconds. Nothing may be lost or
 * doubled: see ./audit.ts for what is counted.
 */
import { expect, it } from 'vitest';
import { runScenario } from './scenario.ts';

const DISRUPT_MS = Number(process.env.CHAOS_SECONDS ?? 90) * 1000;

it('survives SIGKILLs every few seconds with every slot, reveal and reply accounted for', {
  timeout: 600_000,
}, async () => {
  const result = await runScenario({
    name: 'sigkill',
    channelsPerPlatform: 8,
    processes: 3,
    disruptMs: DISRUPT_MS,
    replyEveryMs: 100,
    settleMs: Number(process.env.CHAOS_SETTLE_SECONDS ?? 70) * 1000,
    async disrupt(chaos) {
      const { fleet, pause, log } = chaos;
      let round = 0;
      while (chaos.active) {
        await pause(2_500 + Math.random() * 2_500);
        if (!chaos.active) return;
        const slot = Math.floor(Math.random() * fleet.size);
        await fleet.kill(slot);
        fleet.start(slot);
        round += 1;
        log(`SIGKILL #${round}: process ${slot} killed and started again`);
      }
    },
  });
  process.stdout.write(`\n${result.report}\n`);
  expect(result.audit.violations).toEqual([]);
  expect(result.fleet.crashes).toEqual([]);
  expect(result.exitCodes.every((code) => code === 0)).toBe(true);
  // One SIGKILL every 2.5 to 5 s.
  expect(result.fleet.kills).toBeGreaterThanOrEqual(Math.floor(DISRUPT_MS / 5_000) - 1);
  const { counts } = result.audit;
  expect(counts.slotsPosted).toBeGreaterThan(counts.slotsExpected * 0.8);
  expect(counts.drillsRevealed).toBeGreaterThan(0);
  expect(counts.repliesAcknowledged).toBeGreaterThan(DISRUPT_MS / 1_000);
  expect(result.connections.discordLive).toBe(1);
  expect(result.connections.slackSockets).toBe(3);
});
