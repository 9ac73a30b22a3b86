import { randomUUID } from 'node:crypto';
import { MemoryAlarmStore } from '../../shared/adapters/memory/memory-alarm-store.js';
import { MemoryTransitionQueue } from '../../shared/adapters/memory/memory-transition-queue.js';
import type { AlarmTypePlugin } from '../../shared/alarm-types/plugin.js';
import { parseRuleObject } from '../../shared/alarm-types/rule-object.js';
import { comparisonFields } from '../../shared/evaluation/comparison.js';
import { comparisonOf } from '../../shared/evaluation/rule-fields.js';
import { checkSemantics, semanticsFields } from '../../shared/evaluation/semantics/fields.js';
import { classifyPeriods } from '../../shared/evaluation/threshold.js';
import { evaluateShard, type EvaluatorDeps } from '../../shared/services/evaluation/evaluate-shard.js';

/**
 * The evaluator over the memory store with a `scripted_threshold` type whose one value per
 * cycle the test sets, and a clock the test moves: each `cycle(value)` is 60 s after the last.
 * `semantics` spreads in the fields beyond Aodh (M-of-N, pending, …); without, Aodh's rule only.
 */
export function scriptedEvaluator(options: { semantics?: boolean } = {}) {
  let current = 0;
  const fields = { ...comparisonFields, evaluation_periods: { type: 'int' as const, default: 1 }, ...(options.semantics ? semanticsFields : {}) };
  const scripted: AlarmTypePlugin = {
    type: 'scripted_threshold',
    trigger: 'scheduled',
    composable: true,
    parseRule: (input) => {
      const rule = parseRuleObject('scripted_threshold', input, fields);
      return options.semantics ? checkSemantics(rule) : rule;
    },
    evaluateThreshold: async (rule) => classifyPeriods([current], { ...comparisonOf(rule), evaluation_periods: 1 }),
  };
  const store = new MemoryAlarmStore({ shardOf: () => 0, isScheduledType: () => true, isEventType: () => false });
  const queue = new MemoryTransitionQueue();
  let now = new Date('2026-01-01T00:00:00Z');
  const deps: EvaluatorDeps = {
    store,
    queue,
    clock: { now: () => now },
    newId: randomUUID,
    serviceIdentity: { userId: 'aodh', projectId: 'service' },
    alarmTypes: { scripted_threshold: scripted },
    sources: {},
    additionalIngestionLag: 0,
    concurrency: 1,
  };
  const cycle = async (value: number) => {
    current = value;
    now = new Date(now.getTime() + 60_000);
    return evaluateShard(deps, 0, now);
  };
  return { store, queue, cycle, parseRule: scripted.parseRule };
}
