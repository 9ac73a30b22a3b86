import type { AlarmTypeRegistry } from '../../alarm-types/plugin.js';
import type { EvaluationContext } from '../../evaluation/context.js';
import type { Alarm } from '../../domain/alarm.js';
import { coalesceSources } from '../../evaluation/coalesce-sources.js';
import { MetricSourceUnavailableError } from '../../errors.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { logger } from '../../observability/logger.js';
import type { CounterIncrement, EvaluationCounters } from '../../ports/evaluation-counters.js';
import type { MetricSources } from '../../ports/metric-source.js';
import { resendPending } from '../../transitions/hand-off.js';
import { refreshAlarm, type RefreshDeps, type RefreshOutcome } from '../../transitions/refresh-alarm.js';
import { ConcurrencyBudget, forEachConcurrently } from '../concurrency.js';
import { evaluateAlarmResult } from './evaluate-alarm.js';
import { forEachAtOffset, spreadOffsetMs, type SpreadTiming } from './spread.js';

export interface EvaluatorDeps extends RefreshDeps {
  alarmTypes: AlarmTypeRegistry;
  sources: MetricSources;
  /** `[DEFAULT] additional_ingestion_lag` (s). */
  additionalIngestionLag: number;
  /**
   * Alarms evaluated at once per invocation, across all its shards (so metric reads in
   * flight stay near this however alarms fall into shards); CloudWatch batches them.
   */
  concurrency: number;
  /** Only with enable_evaluation_results_metrics (off by default, as in Aodh); absent, nothing is counted. */
  counters?: EvaluationCounters;
  /**
   * EVALUATION_SPREAD_PERCENT of the interval, in ms: each alarm's evaluation starts at its
   * stable offset in [0, spreadMs) after the cycle's `now`. Absent or 0: all at once, as before.
   */
  spreadMs?: number;
  /** Waits out an offset; node's timer unless a test runs on virtual time. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ShardReport {
  shard: number;
  evaluated: number;
  failed: number;
  /** Transitions and repeat notifications, by outcome. */
  outcomes: Partial<Record<RefreshOutcome, number>>;
  /** Outbox entries from earlier cycles handed to the queue now. */
  resent: number;
}

/** What the shards of one invocation's cycle share: the concurrency budget and the coalesced sources. */
export interface CycleShare {
  budget: ConcurrencyBudget;
  context: EvaluationContext;
}

function cycleShare(deps: EvaluatorDeps, now: Date): CycleShare {
  return {
    budget: new ConcurrencyBudget(deps.concurrency),
    context: { now, sources: coalesceSources(deps.sources), additionalIngestionLag: deps.additionalIngestionLag },
  };
}

/**
 * One evaluation cycle of one virtual shard: first re-send transitions an earlier
 * cycle could not hand off, then evaluate every enabled scheduled alarm of the shard.
 * A failing alarm (metric source down, bad query) is logged with its id and left as it
 * is; the next cycle retries it. Nothing is written for an alarm whose state holds
 * (unless evaluation counters are on: then each counted result is one increment at the end).
 */
export async function evaluateShard(deps: EvaluatorDeps, shard: number, now: Date, share: CycleShare = cycleShare(deps, now)): Promise<ShardReport> {
  const report: ShardReport = { shard, evaluated: 0, failed: 0, outcomes: {}, resent: 0 };
  const counted: CounterIncrement[] = [];
  report.resent = await resendPending(deps.store, deps.queue, shard);
  const { context } = share;
  const evaluate = async (alarm: Alarm) => {
    try {
      const plugin = deps.alarmTypes[alarm.type];
      if (!plugin) {
        logger.warn(`alarm type ${alarm.type} has no evaluator; skipped`, { alarm_id: alarm.alarm_id });
        return;
      }
      report.evaluated++;
      const { decision, counted: state } = await evaluateAlarmResult(alarm, plugin, context);
      // Counted on the result alone, as Aodh does, even if recording a transition fails below.
      if (state && deps.counters) counted.push({ alarmId: alarm.alarm_id, projectId: alarm.project_id, state });
      if (!decision) return;
      const outcome = await refreshAlarm(deps, alarm, decision);
      report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    } catch (error) {
      report.failed++;
      // A source that is down or not configured is an operating condition, not a bug: no stack.
      if (error instanceof MetricSourceUnavailableError) {
        logger.warn('metric source unavailable; state unchanged, retried next cycle', { alarm_id: alarm.alarm_id, reason: error.message });
      } else {
        logger.error('alarm evaluation failed; state unchanged, retried next cycle', { alarm_id: alarm.alarm_id, error: error as Error });
      }
    }
  };
  const listing = deps.store.listShardAlarms(shard);
  const spreadMs = deps.spreadMs ?? 0;
  if (spreadMs > 0) {
    // The evaluation time stays the cycle's `now`: coalesced reads and query windows are the cycle's, not the offset's.
    const start = now.getTime();
    await forEachAtOffset(listing, share.budget, timingOf(deps), (alarm) => start + spreadOffsetMs(alarm.alarm_id, spreadMs), evaluate);
  } else {
    await forEachConcurrently(listing, share.budget, evaluate);
  }
  await countResults(deps.counters, counted, shard);
  return report;
}

/** One batch per cycle. Counters are statistics: losing a cycle's worth is logged, never fatal. */
async function countResults(counters: EvaluationCounters | undefined, counted: CounterIncrement[], shard: number): Promise<void> {
  if (!counters || counted.length === 0) return;
  try {
    await counters.increment(counted);
  } catch (error) {
    logger.error('evaluation counters not updated for this cycle', { shard, alarms: counted.length, error: error as Error });
  }
}

function timingOf(deps: EvaluatorDeps): SpreadTiming {
  return { now: () => deps.clock.now().getTime(), sleep: deps.sleep ?? ((ms) => sleep(ms).then(() => undefined)) };
}

async function* each<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

/**
 * Several shards of one invocation, all drawing on one budget of `deps.concurrency` alarms in
 * flight and one set of coalesced sources. Shards are listed up to that many at once too, so a
 * budget of 100 stays full even when each shard holds a handful of alarms (each listing holds
 * one page at most, so memory stays bounded).
 */
export async function evaluateShards(deps: EvaluatorDeps, shards: readonly number[], now: Date): Promise<ShardReport[]> {
  const reports: ShardReport[] = [];
  const share = cycleShare(deps, now);
  // Spread, a shard holds its listing slot until its last offset: every shard is listed at the
  // tick, or shards beyond the first `concurrency` would start late and bunch their alarms.
  const listing = (deps.spreadMs ?? 0) > 0 ? Math.max(1, shards.length) : deps.concurrency;
  await forEachConcurrently(each(shards), listing, async (shard) => {
    try {
      reports.push(await evaluateShard(deps, shard, now, share));
    } catch (error) {
      // The shard's listing or outbox could not be read (e.g. DynamoDB throttled): the next cycle starts afresh.
      logger.error('shard evaluation failed', { shard, error: error as Error });
      reports.push({ shard, evaluated: 0, failed: 1, outcomes: {}, resent: 0 });
    }
  });
  return reports;
}
