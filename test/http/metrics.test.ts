import { describe, expect, it } from 'vitest';
import { noMetrics } from '../../src/core/metrics-port.ts';
import { DrillMetrics, TICK_BUCKETS_SECONDS } from '../../src/metrics.ts';
import { serve } from './harness.ts';

/** `name{labels}` -> value, from the Prometheus text format. */
function samples(text: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    result.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return result;
}

async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return samples(await response.text());
}

describe('GET /metrics', () => {
  it('serves the Prometheus text format with its content type', async () => {
    const { url } = await serve();
    const response = await fetch(url('/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE drillbot_drills_posted_total counter');
    expect(text).toContain('# TYPE drillbot_tick_duration_seconds histogram');
    // Default runtime metrics keep their standard names.
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('shows every engine metric with its labels', async () => {
    const { url, metrics } = await serve();
    const before = await scrape(url('/metrics'));
    expect(before.get('drillbot_connected_platforms')).toBe(0);
    expect(before.has('drillbot_drills_posted_total{platform="slack"}')).toBe(false);

    metrics.drillPosted('slack');
    metrics.drillPosted('slack');
    metrics.drillPosted('discord');
    metrics.drillRevealed('discord');
    metrics.answerStored('console');
    metrics.answerStored('console');
    metrics.answerStored('console');
    metrics.platformError('slack', 'rate_limited');
    metrics.platformError('discord', 'other');
    metrics.eventHandled('thread_reply', true);
    metrics.eventHandled('thread_reply', false);
    metrics.eventHandled('command', true);
    metrics.tickFinished(3);
    metrics.tickFinished(1_500);

    const after = await scrape(url('/metrics'));
    const expected: Record<string, number> = {
      'drillbot_drills_posted_total{platform="slack"}': 2,
      'drillbot_drills_posted_total{platform="discord"}': 1,
      'drillbot_reveals_total{platform="discord"}': 1,
      'drillbot_answers_stored_total{platform="console"}': 3,
      'drillbot_platform_errors_total{platform="slack",kind="rate_limited"}': 1,
      'drillbot_platform_errors_total{platform="discord",kind="other"}': 1,
      'drillbot_events_total{type="thread_reply"}': 2,
      'drillbot_events_total{type="command"}': 1,
      'drillbot_event_failures_total{type="thread_reply"}': 1,
      'drillbot_tick_duration_seconds_bucket{le="0.001"}': 0,
      'drillbot_tick_duration_seconds_bucket{le="0.005"}': 1,
      'drillbot_tick_duration_seconds_bucket{le="1"}': 1,
      'drillbot_tick_duration_seconds_bucket{le="2.5"}': 2,
      'drillbot_tick_duration_seconds_bucket{le="30"}': 2,
      'drillbot_tick_duration_seconds_bucket{le="+Inf"}': 2,
      drillbot_tick_duration_seconds_count: 2,
      drillbot_tick_duration_seconds_sum: 1.503,
    };
    for (const [series, value] of Object.entries(expected)) {
      expect([series, after.get(series)]).toStrictEqual([series, value]);
    }
    expect(after.has('drillbot_event_failures_total{type="command"}')).toBe(false);
    expect(after.has('drillbot_reveals_total{platform="slack"}')).toBe(false);
  });

  it('has one bucket per configured bound, 1 ms to 30 s', async () => {
    const { url } = await serve();
    const buckets = [...(await scrape(url('/metrics'))).keys()]
      .filter((series) => series.startsWith('drillbot_tick_duration_seconds_bucket'))
      .map((series) => series.replace(/^.*le="([^"]+)".*$/, '$1'));
    expect(buckets).toStrictEqual([...TICK_BUCKETS_SECONDS.map(String), '+Inf']);
    expect(TICK_BUCKETS_SECONDS[0]).toBe(0.001);
    expect(TICK_BUCKETS_SECONDS.at(-1)).toBe(30);
  });

  it('tracks connected platforms as a count and per platform', async () => {
    const { url, metrics } = await serve();
    metrics.setConnected('slack', true);
    metrics.setConnected('discord', true);
    metrics.setConnected('slack', true); // a reconnect report must not count twice
    let scraped = await scrape(url('/metrics'));
    expect(scraped.get('drillbot_connected_platforms')).toBe(2);
    expect(scraped.get('drillbot_platform_connected{platform="slack"}')).toBe(1);
    expect(scraped.get('drillbot_platform_connected{platform="discord"}')).toBe(1);

    metrics.setConnected('discord', false);
    scraped = await scrape(url('/metrics'));
    expect(scraped.get('drillbot_connected_platforms')).toBe(1);
    expect(scraped.get('drillbot_platform_connected{platform="discord"}')).toBe(0);
    expect(scraped.get('drillbot_platform_connected{platform="slack"}')).toBe(1);
  });

  it('drops tick durations that are not a finite non-negative number', async () => {
    const { url, metrics } = await serve();
    metrics.tickFinished(-5);
    metrics.tickFinished(Number.NaN);
    metrics.tickFinished(Number.POSITIVE_INFINITY);
    metrics.tickFinished(0);
    const scraped = await scrape(url('/metrics'));
    expect(scraped.get('drillbot_tick_duration_seconds_count')).toBe(1);
    expect(scraped.get('drillbot_tick_duration_seconds_sum')).toBe(0);
  });
});

describe('DrillMetrics', () => {
  it('keeps separate instances apart (own registry each)', async () => {
    const first = new DrillMetrics();
    const second = new DrillMetrics();
    first.drillPosted('slack');
    expect(samples(await first.text()).get('drillbot_drills_posted_total{platform="slack"}')).toBe(
      1,
    );
    expect(samples(await second.text()).has('drillbot_drills_posted_total{platform="slack"}')).toBe(
      false,
    );
  });

  it('offers no-op metrics with the same methods', () => {
    const methods = Object.keys(noMetrics).sort();
    const real = new DrillMetrics();
    for (const method of methods) {
      expect(typeof Reflect.get(real, method)).toBe('function');
    }
    expect(methods).toStrictEqual([
      'answerStored',
      'drillPosted',
      'drillRevealed',
      'eventHandled',
      'platformError',
      'tickFinished',
    ]);
    expect(Object.isFrozen(noMetrics)).toBe(true);
  });
});
