import { describe, expect, it } from 'vitest';
import { bodyOf, DraftError, draftOf, EMPTY_DRAFT } from '../../../console/src/form/draft.js';
import { faultField, fieldInForm } from '../../../console/src/form/fault-field.js';
import type { Alarm } from '../../../console/src/types.js';

describe('which field an Aodh faultstring names', () => {
  it.each([
    ["Invalid input for field/attribute threshold. Value: 'x'. could not convert string to float: 'x'", 'threshold', 'threshold'],
    ["Invalid input for field/attribute name. Value: 'None'. Mandatory field missing.", 'name', 'name'],
    ["Invalid input for field/attribute query. Value: 'None'. Mandatory field missing.", 'query', 'rule'],
    ['alarm_actions count exceeds maximum value 2', 'alarm_actions', 'alarm_actions'],
    ['prometheus_rule must be set for prometheus type alarm', 'rule', 'rule'],
    ["Unsupported action foo://", 'alarm_actions', 'alarm_actions'],
    ["Invalid input for field/attribute repeat_actions. Value: '1'. Wrong type.", 'repeat_actions', undefined],
    ['Alarm quota exceeded for user u on project p', undefined, undefined],
  ])('%s', (message, field, input) => {
    expect(faultField(message)).toBe(field);
    expect(fieldInForm(message)).toBe(input);
  });
});

describe('the form draft and the body it makes', () => {
  const alarm: Alarm = {
    alarm_id: 'a1', name: 'n', type: 'prometheus', state: 'ok', severity: 'low', enabled: true, description: 'd',
    timestamp: 't', alarm_actions: ['http://h/'], prometheus_rule: { query: 'up', threshold: 2, comparison_operator: 'lt' },
  };

  it('round-trips an alarm: threshold and operator on their own, the rest of the rule as JSON, read-only fields kept', () => {
    const draft = draftOf(alarm);
    expect(draft).toMatchObject({ threshold: '2', comparison_operator: 'lt', alarm_actions: 'http://h/' });
    expect(JSON.parse(draft.rule)).toEqual({ query: 'up' });
    expect(bodyOf(draft, alarm)).toEqual(alarm);
  });

  it('sends a threshold that is not a number as typed (the API names it), and drops the old rule on a type change', () => {
    const body = bodyOf({ ...draftOf(alarm), type: 'gnocchi_resources_threshold', threshold: 'high', rule: '{"metric": "cpu"}' }, alarm);
    expect(body.prometheus_rule).toBeUndefined();
    expect(body.gnocchi_resources_threshold_rule).toEqual({ metric: 'cpu', threshold: 'high', comparison_operator: 'lt' });
  });

  it('refuses rule JSON that is not an object, naming the rule field', () => {
    expect(() => bodyOf({ ...EMPTY_DRAFT, rule: '[1' })).toThrow(DraftError);
    expect(() => bodyOf({ ...EMPTY_DRAFT, rule: '[]' })).toThrow('must be a JSON object');
  });
});
