import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readApiSettings, readEvaluatorSettings } from '../../functions/runtime/env.js';
import { synthAodh } from './synth.js';
import { crossStackResolver, environmentOf, logicalId, resourceNamed, statementsOf } from './templates.js';

const actionsOn = (statements: { Action: string | string[]; Resource: unknown }[], follow: (value: unknown) => string, table: string) =>
  statements
    .filter((statement) => [statement.Resource].flat().some((resource) => follow(resource).startsWith(table)))
    .flatMap((statement) => [statement.Action].flat())
    .sort();

describe('evaluation counters (enableEvaluationResultsMetrics)', () => {
  it('are off by default: no function knows the counters table', () => {
    const stacks = synthAodh();
    const service = Template.fromStack(stacks.service);
    const follow = crossStackResolver(Template.fromStack(stacks.stateful));
    for (const name of ['ApiHandlerFunction', 'EvaluatorHandlerFunction']) {
      const env = environmentOf(resourceNamed(service, 'AWS::Lambda::Function', name), follow);
      expect(env.COUNTERS_TABLE).toBeUndefined();
      expect(env.ENABLE_EVALUATION_RESULTS_METRICS).toBeUndefined();
    }
  });

  it('when on, the API reads (and deletes with alarms) and the evaluator only adds', () => {
    const stacks = synthAodh({ enableEvaluationResultsMetrics: 'true' });
    const service = Template.fromStack(stacks.service);
    const follow = crossStackResolver(Template.fromStack(stacks.stateful));
    const counters = logicalId(stacks.stateful, stacks.stateful.tables.counters);
    const api = environmentOf(resourceNamed(service, 'AWS::Lambda::Function', 'ApiHandlerFunction'), follow);
    const evaluator = environmentOf(resourceNamed(service, 'AWS::Lambda::Function', 'EvaluatorHandlerFunction'), follow);
    expect(readApiSettings(api).evaluationResultsMetrics).toEqual({ countersTable: counters });
    expect(readEvaluatorSettings(evaluator).evaluationResultsMetrics).toEqual({ countersTable: counters });
    expect(actionsOn(statementsOf(service, 'EvaluatorHandler'), follow, counters)).toEqual(['dynamodb:UpdateItem']);
    const apiActions = actionsOn(statementsOf(service, 'ApiHandler'), follow, counters);
    expect(apiActions).toContain('dynamodb:Query');
    // A deleted alarm's counters become a tombstone (a Put), so that late increments cannot revive them.
    expect(apiActions).toContain('dynamodb:PutItem');
    expect(apiActions).not.toContain('dynamodb:UpdateItem');
    expect(apiActions).not.toContain('dynamodb:DeleteItem');
  });
});
