import { setTimeout as delay } from 'node:timers/promises';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { VIRTUAL_SHARDS } from '#shared/domain/shard.js';
import { logger } from '#shared/observability/logger.js';
import { evaluateShards, type EvaluatorDeps, type ShardReport } from '#shared/services/evaluation/evaluate-shard.js';
import { purgeDeletedAlarms } from '#shared/services/alarms/purge-deleted.js';

/** Most of an invocation's time that the history purge of deleted alarms may take after evaluating. */
const PURGE_BUDGET_MS = 10_000;

/** The schedule's constant input: which virtual shards this invocation owns. */
export interface EvaluateEvent {
  shards: number[];
  /** Evaluation rounds in this invocation; default: one per interval within the minute. */
  rounds?: number;
}

export interface EvaluateResult {
  rounds: number;
  evaluated: number;
  failed: number;
  transitions: number;
}

function shardsOf(event: EvaluateEvent): number[] {
  const shards = event?.shards;
  if (!Array.isArray(shards) || !shards.every((shard) => Number.isInteger(shard) && shard >= 0 && shard < VIRTUAL_SHARDS)) {
    throw new Error(`evaluate event must carry "shards": integers in [0, ${VIRTUAL_SHARDS}), got ${JSON.stringify(shards)}`);
  }
  return shards;
}

function total(reports: ShardReport[], pick: (report: ShardReport) => number): number {
  return reports.reduce((sum, report) => sum + pick(report), 0);
}

/**
 * Schedules tick at most once a minute. For intervals under a minute the invocation
 * runs 60/interval rounds, one per interval, and stops early rather than overrun its
 * timeout; for longer intervals the schedule's rate is the interval and one round runs.
 */
export function createEvaluateHandler(deps: EvaluatorDeps, intervalSeconds: number) {
  return middy<EvaluateEvent, EvaluateResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      const shards = shardsOf(event);
      const rounds = event.rounds ?? (intervalSeconds < 60 ? Math.floor(60 / intervalSeconds) : 1);
      const result: EvaluateResult = { rounds: 0, evaluated: 0, failed: 0, transitions: 0 };
      for (let round = 0; round < rounds; round++) {
        const started = Date.now();
        const reports = await evaluateShards(deps, shards, new Date(started));
        result.rounds++;
        result.evaluated += total(reports, (report) => report.evaluated);
        result.failed += total(reports, (report) => report.failed);
        result.transitions += total(reports, (report) => report.outcomes.transitioned ?? 0);
        const next = started + intervalSeconds * 1000;
        if (round + 1 >= rounds || context.getRemainingTimeInMillis() < next - Date.now() + 15_000) break;
        await delay(Math.max(0, next - Date.now()));
      }
      // The background half of alarm deletes (issue 11 A7): their history, in bounded steps, well inside the timeout.
      const purgeDeadline = Date.now() + Math.min(PURGE_BUDGET_MS, Math.max(0, context.getRemainingTimeInMillis() - 15_000));
      const purges = await purgeDeletedAlarms(deps, shards, purgeDeadline);
      logger.info('evaluation finished', { shards: shards.length, ...result, purges });
      return result;
    });
}
