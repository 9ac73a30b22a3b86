/**
 * The evaluator's AWS bill per alarm-month, from what a steady cycle was measured to cost
 * (CPU, DynamoDB units, requests) and the shard-group layout. Pure arithmetic, so it is unit
 * tested apart from the measurement (test/unit/bench/cost-model.test.ts).
 */
import * as P from './prices.js';

/** A 30-day month, in seconds. */
export const MONTH_SECONDS = 30 * 86_400;
/** EventBridge's finest rate: shorter intervals run several rounds per invocation (functions/evaluate/app.ts). */
const TICK_SECONDS = 60;

/** Measured on a steady cycle (no transitions): a fixed part per invocation round and a part per alarm. */
export interface MeasuredCycle {
  cpuMsPerRound: number;
  cpuMsPerAlarm: number;
  rruPerRound: number;
  rruPerAlarm: number;
  wruPerAlarm: number;
  sqsRequestsPerAlarm: number;
}

export interface Layout {
  alarms: number;
  intervalSeconds: number;
  /** Shard groups: one schedule and one invocation per tick each. */
  groups: number;
  memoryMb: number;
  spreadPercent: number;
  concurrency: number;
  /** Assumed, not measured: metric source latency (the measurement used a 0 ms stand-in). */
  sourceLatencyMs: number;
  /** Assumed: network wait per round on DynamoDB (first listing page, outbox, purge queries). */
  ioMsPerRound: number;
}

export interface Cost {
  invocations_per_month: number;
  billed_ms_per_invocation: number;
  round_ms: number;
  /** False when a round takes longer than the interval: the layout needs more groups. */
  round_fits_interval: boolean;
  usd_per_month: { lambda_compute: number; lambda_requests: number; dynamodb_reads: number; dynamodb_writes: number; sqs: number; schedules: number; total: number };
  usd_per_alarm_month: number;
}

const perMillion = (count: number, price: number) => (count / 1e6) * price;

export function evaluatorCost(measured: MeasuredCycle, layout: Layout): Cost {
  const { alarms, intervalSeconds, groups, memoryMb } = layout;
  const roundsPerTick = intervalSeconds < TICK_SECONDS ? TICK_SECONDS / intervalSeconds : 1;
  const invocations = groups * (MONTH_SECONDS / Math.max(TICK_SECONDS, intervalSeconds));
  const cycles = MONTH_SECONDS / intervalSeconds;
  const perGroup = alarms / groups;
  // Node runs the evaluation on one thread: more than one vCPU does not speed it up.
  const cpuSlowdown = Math.max(1, P.LAMBDA_MB_PER_VCPU / memoryMb);
  const cpuWallMs = (measured.cpuMsPerRound + measured.cpuMsPerAlarm * perGroup) * cpuSlowdown;
  const sourceWallMs = (perGroup * layout.sourceLatencyMs) / layout.concurrency;
  const spreadMs = (intervalSeconds * 1000 * layout.spreadPercent) / 100;
  const roundMs = Math.max(cpuWallMs, sourceWallMs, spreadMs) + layout.ioMsPerRound;
  // Between sub-minute rounds the invocation sleeps, and Lambda bills the sleep.
  const billedMs = (roundsPerTick - 1) * intervalSeconds * 1000 + roundMs;
  const gbSeconds = invocations * (billedMs / 1000) * (memoryMb / 1024);
  const rounds = groups * cycles;
  const usd = {
    lambda_compute: gbSeconds * P.LAMBDA_ARM_PER_GB_SECOND,
    lambda_requests: perMillion(invocations, P.LAMBDA_PER_MILLION_REQUESTS),
    dynamodb_reads: perMillion(rounds * measured.rruPerRound + alarms * cycles * measured.rruPerAlarm, P.DYNAMODB_PER_MILLION_RRU),
    dynamodb_writes: perMillion(alarms * cycles * measured.wruPerAlarm, P.DYNAMODB_PER_MILLION_WRU),
    sqs: perMillion(alarms * cycles * measured.sqsRequestsPerAlarm, P.SQS_FIFO_PER_MILLION_REQUESTS),
    schedules: perMillion(invocations, P.EVENTBRIDGE_PER_MILLION_INVOCATIONS),
    total: 0,
  };
  usd.total = usd.lambda_compute + usd.lambda_requests + usd.dynamodb_reads + usd.dynamodb_writes + usd.sqs + usd.schedules;
  return {
    invocations_per_month: invocations,
    billed_ms_per_invocation: billedMs,
    round_ms: roundMs,
    round_fits_interval: roundMs <= intervalSeconds * 1000,
    usd_per_month: usd,
    usd_per_alarm_month: usd.total / alarms,
  };
}

/** Reported apart: only cloudwatch_threshold alarms pay it, one metric per distinct query per cycle. */
export function cloudwatchPerAlarmMonth(intervalSeconds: number, metricsPerAlarm = 1): number {
  return ((MONTH_SECONDS / intervalSeconds) * metricsPerAlarm * P.CLOUDWATCH_GET_METRIC_DATA_PER_THOUSAND_METRICS) / 1000;
}
