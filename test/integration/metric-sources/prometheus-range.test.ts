import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../shared/domain/alarm.js';
import { prometheus as prometheusType } from '../../../shared/alarm-types/prometheus/index.js';
import { prometheusRange } from '../../../shared/alarm-types/prometheus/evaluate.js';
import { PrometheusHttpSource } from '../../../shared/metric-sources/prometheus/source.js';
import { evaluateAlarm } from '../../../shared/services/evaluation/evaluate-alarm.js';
import { type PrometheusHarness, startPrometheus } from '../../support/prometheus.js';
import { alarm, context } from '../../unit/evaluation/fakes.js';

const STEP = 60;
// Five whole steps ending a few minutes ago; the step `end - 2` has no sample (a missing point).
const END = Math.floor(Date.now() / 1000 / STEP) * STEP - 10 * STEP;
const SAMPLES: Array<[offset: number, value: number]> = [[-4, 90], [-3, 10], [-1, 90], [0, 90]];
const NOW = new Date((END + 5) * 1000);
// last_over_time over less than a step: a step without its own sample is missing, not the previous one.
const QUERY = 'max(last_over_time(latency[30s]))';

describe('prometheus rules with evaluation_periods: a range query over the last N steps (real Prometheus)', () => {
  let harness: PrometheusHarness;
  let source: PrometheusHttpSource;

  beforeAll(async () => {
    const lines = SAMPLES.map(([offset, value]) => `latency{host="a"} ${value} ${END + offset * STEP}`);
    harness = await startPrometheus({ waitForFirstScrape: false, backfill: `# TYPE latency gauge\n${lines.join('\n')}\n# EOF\n` });
    source = new PrometheusHttpSource({ baseUrl: harness.url });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const evaluate = (rule: JsonObject, state: 'ok' | 'alarm' | 'insufficient data' = 'ok') =>
    evaluateAlarm(
      alarm('prometheus', { query: QUERY, threshold: 50, comparison_operator: 'gt', evaluation_periods: 5, granularity: STEP, ...rule }, state),
      prometheusType,
      context({ prometheus: source }, { now: NOW }),
    );

  it('reads the one series at each step, oldest first, leaving out the step without a sample', async () => {
    expect(prometheusRange(NOW, STEP, 5)).toEqual({ start: END - 4 * STEP, end: END, step: STEP });
    expect(await source.read({ query: QUERY, range: prometheusRange(NOW, STEP, 5) })).toEqual([90, 10, 90, 90]);
  });

  it('without semantics fields, 4 of 5 points is insufficient data, as a gnocchi rule would be', async () => {
    expect(await evaluate({})).toMatchObject({ state: 'insufficient data', reason: '5 datapoints are unknown' });
  });

  it('datapoints_to_alarm 3 of 5 alarms on the 3 breaching points; 4 needs the missing one treated as breaching', async () => {
    expect(await evaluate({ datapoints_to_alarm: 3 })).toMatchObject({
      state: 'alarm',
      reason: 'Transition to alarm due to 3 of 5 datapoints breaching threshold (3 needed, 1 missing), most recent: 90.0',
    });
    expect(await evaluate({ datapoints_to_alarm: 4 })).toBeUndefined();
    expect(await evaluate({ datapoints_to_alarm: 4, treat_missing_data: 'breaching' })).toMatchObject({ state: 'alarm' });
  });

  it('a query returning several series is refused (N would be ambiguous)', async () => {
    await expect(source.read({ query: 'last_over_time(latency[30s]) or vector(1)', range: prometheusRange(NOW, STEP, 5) })).rejects.toThrow(/series; a rule with evaluation_periods needs one/);
  });
});
