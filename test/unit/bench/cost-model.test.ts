import { describe, expect, it } from 'vitest';
import { cloudwatchPerAlarmMonth, evaluatorCost, type Layout, type MeasuredCycle } from '../../bench/cost-model.js';

const measured: MeasuredCycle = { cpuMsPerRound: 10, cpuMsPerAlarm: 0.1, rruPerRound: 8, rruPerAlarm: 0.125, wruPerAlarm: 0, sqsRequestsPerAlarm: 0 };
// 1,769 MB is one full vCPU, so CPU ms are wall ms; 16,000 alarms are 1,000 per group.
const layout: Layout = { alarms: 16_000, intervalSeconds: 60, groups: 16, memoryMb: 1_769, spreadPercent: 0, concurrency: 100, sourceLatencyMs: 0, ioMsPerRound: 0 };

describe('evaluator cost model', () => {
  it('prices a 60 s layout by hand', () => {
    const cost = evaluatorCost(measured, layout);
    // 16 schedules × 43,200 ticks in 30 days; each round 10 + 1,000 × 0.1 ms.
    expect(cost.invocations_per_month).toBe(691_200);
    expect(cost.billed_ms_per_invocation).toBeCloseTo(110);
    expect(cost.usd_per_month.lambda_compute).toBeCloseTo(691_200 * 0.11 * (1_769 / 1_024) * 0.0000133334, 6);
    expect(cost.usd_per_month.lambda_requests).toBeCloseTo(0.13824, 6);
    expect(cost.usd_per_month.schedules).toBeCloseTo(0.6912, 6);
    // (691,200 rounds × 8 + 16,000 × 43,200 × 0.125) RRU at $0.125 per million.
    expect(cost.usd_per_month.dynamodb_reads).toBeCloseTo(11.4912, 6);
    expect(cost.usd_per_month.dynamodb_writes).toBe(0);
    expect(cost.usd_per_alarm_month).toBeCloseTo(cost.usd_per_month.total / 16_000, 12);
    expect(cost.round_fits_interval).toBe(true);
  });

  it('bills the sleeps between sub-minute rounds and flags a round longer than the interval', () => {
    const ten = evaluatorCost(measured, { ...layout, intervalSeconds: 10 });
    // Six rounds a minute: five whole intervals, then the last round's 110 ms.
    expect(ten.billed_ms_per_invocation).toBeCloseTo(50_110);
    expect(ten.invocations_per_month).toBe(691_200);
    expect(ten.usd_per_month.dynamodb_reads).toBeCloseTo(6 * 11.4912, 6);
    const crowded = evaluatorCost(measured, { ...layout, intervalSeconds: 10, alarms: 16 * 200_000 });
    expect(crowded.round_ms).toBeCloseTo(20_010);
    expect(crowded.round_fits_interval).toBe(false);
  });

  it('a spread round lasts its window; a slow source or a small function stretches it', () => {
    expect(evaluatorCost(measured, { ...layout, spreadPercent: 90 }).round_ms).toBe(54_000);
    expect(evaluatorCost(measured, { ...layout, sourceLatencyMs: 20 }).round_ms).toBeCloseTo(200);
    expect(evaluatorCost(measured, { ...layout, memoryMb: 1_769 / 2 }).round_ms).toBeCloseTo(220);
    expect(evaluatorCost(measured, { ...layout, memoryMb: 4_096 }).round_ms).toBeCloseTo(110);
  });

  it('prices CloudWatch GetMetricData apart: one metric per cycle', () => {
    expect(cloudwatchPerAlarmMonth(60)).toBeCloseTo(0.432, 9);
    expect(cloudwatchPerAlarmMonth(10, 2)).toBeCloseTo(5.184, 9);
  });
});
