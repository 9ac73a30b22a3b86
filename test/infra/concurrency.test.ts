import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemsFrom, settingsFrom } from './settings-support.js';
import { synthAodh } from './synth.js';

type Resource = { Properties: Record<string, unknown> };

/** Reserved concurrency per function (by logical-id prefix) and the notifier's SQS maximum concurrency. */
function concurrencyOf(context: Record<string, unknown>) {
  const template = Template.fromStack(synthAodh(context).service).toJSON() as { Resources: Record<string, Resource & { Type: string }> };
  const entries = Object.entries(template.Resources);
  const reserved = (prefix: string) => {
    const fn = entries.find(([id, resource]) => resource.Type === 'AWS::Lambda::Function' && id.startsWith(prefix));
    if (!fn) throw new Error(`no function ${prefix}`);
    return fn[1].Properties.ReservedConcurrentExecutions;
  };
  const mapping = entries.find(([, resource]) => resource.Type === 'AWS::Lambda::EventSourceMapping')?.[1];
  return {
    api: reserved('ApiHandlerFunction'),
    evaluator: reserved('EvaluatorHandlerFunction'),
    listener: reserved('ListenerHandlerFunction'),
    notifier: reserved('NotifierHandlerFunction'),
    notifierMax: (mapping?.Properties.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency,
  };
}

/** Issue 11 A10: an API flood must not starve the evaluator, notifier or listener of account concurrency. */
describe('concurrency of the evaluate, notify and listen functions', () => {
  // Synthesized once up front: the first synth of a worker is slow on a busy machine.
  const overrides = { evaluatorReservedConcurrency: '64', listenerReservedConcurrency: '0', notifierReservedConcurrency: '50', notifierMaxConcurrency: '40' };
  let defaults: ReturnType<typeof concurrencyOf>;
  let configured: ReturnType<typeof concurrencyOf>;
  beforeAll(() => {
    defaults = concurrencyOf({});
    configured = concurrencyOf(overrides);
  });

  it('is reserved by default for the three, and the API keeps the unreserved pool', () => {
    expect(defaults).toEqual({ api: undefined, evaluator: 32, listener: 20, notifier: 20, notifierMax: 20 });
  });

  it('follows the context keys, and 0 reserves none', () => {
    expect(configured).toEqual({ api: undefined, evaluator: 64, listener: undefined, notifier: 50, notifierMax: 40 });
  });

  it('refuses reservations that would throttle the schedules or the event source, naming the keys', () => {
    expect(problemsFrom({ evaluatorReservedConcurrency: 8 })).toContain("context key 'evaluatorReservedConcurrency' (8) must be 0 or at least evaluatorShardGroups (16)");
    expect(settingsFrom({ evaluatorReservedConcurrency: 8, evaluatorShardGroups: 8 }).evaluatorReservedConcurrency).toBe(8);
    // Unset, the evaluator's reservation follows the groups: twice as many.
    expect(settingsFrom({ evaluatorShardGroups: 256 }).evaluatorReservedConcurrency).toBe(512);
    expect(problemsFrom({ notifierReservedConcurrency: 10 })).toContain("context key 'notifierReservedConcurrency' (10) must be 0 or at least notifierMaxConcurrency (20)");
    expect(problemsFrom({ notifierMaxConcurrency: 1 })).toContain("context key 'notifierMaxConcurrency' must be an integer from 2 to 1000");
    expect(problemsFrom({ listenerReservedConcurrency: -1 })).toContain("context key 'listenerReservedConcurrency' must be an integer ≥ 0");
  });
});
