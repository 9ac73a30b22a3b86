import { randomUUID } from 'node:crypto';
import type { Alarm } from '../../shared/domain/alarm.js';
import type { AlarmChange } from '../../shared/domain/history.js';

const CREATED = '2024-01-15T10:00:00.000000';

/**
 * A complete, valid alarm as a service would hand it to the store before creation
 * (version 0, fresh UUID). Overrides win; pass `alarm_id` for a stable id.
 */
export function makeAlarm(overrides: Partial<Alarm> = {}): Alarm {
  return {
    alarm_id: randomUUID(),
    name: 'cpu-high',
    description: 'gnocchi_resources_threshold alarm rule',
    type: 'gnocchi_resources_threshold',
    enabled: true,
    ok_actions: [],
    alarm_actions: ['log://'],
    insufficient_data_actions: [],
    repeat_actions: false,
    time_constraints: [],
    state: 'insufficient data',
    state_reason: 'Not evaluated yet',
    severity: 'low',
    project_id: 'project-a',
    user_id: 'user-a',
    timestamp: CREATED,
    state_timestamp: CREATED,
    evaluate_timestamp: CREATED,
    rule: {
      metric: 'cpu',
      threshold: 80.0,
      comparison_operator: 'gt',
      aggregation_method: 'mean',
      granularity: 300,
      evaluation_periods: 1,
      resource_id: 'instance-1',
      resource_type: 'instance',
    },
    version: 0,
    ...overrides,
  };
}

/**
 * A history row. With an alarm, the row belongs to it (alarm_id, on_behalf_of =
 * its project, its severity) and defaults to a `creation` row made by its owner.
 */
export function makeChange(alarm?: Pick<Alarm, 'alarm_id' | 'project_id' | 'user_id' | 'severity'>, overrides: Partial<AlarmChange> = {}): AlarmChange {
  return {
    event_id: randomUUID(),
    alarm_id: alarm?.alarm_id ?? randomUUID(),
    type: 'creation',
    detail: '{}',
    user_id: alarm?.user_id ?? 'user-a',
    project_id: alarm?.project_id ?? 'project-a',
    on_behalf_of: alarm?.project_id ?? 'project-a',
    timestamp: CREATED,
    severity: alarm?.severity ?? 'low',
    ...overrides,
  };
}
