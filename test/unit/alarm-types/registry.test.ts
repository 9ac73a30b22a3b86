import { describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';

describe('alarm type registry', () => {
  it("registers Aodh's types in Aodh's order, plus cloudwatch_threshold", () => {
    expect(Object.keys(alarmTypes)).toEqual([
      'gnocchi_resources_threshold',
      'gnocchi_aggregation_by_metrics_threshold',
      'gnocchi_aggregation_by_resources_threshold',
      'composite',
      'event',
      'prometheus',
      'cloudwatch_threshold',
    ]);
  });

  it('does not register loadbalancer_member_health or the legacy threshold', () => {
    expect(alarmTypes).not.toHaveProperty('loadbalancer_member_health');
    expect(alarmTypes).not.toHaveProperty('threshold');
  });

  it('keys every plugin by its own type name', () => {
    for (const [name, plugin] of Object.entries(alarmTypes)) expect(plugin.type).toBe(name);
  });

  it('evaluates everything on the timer except event alarms', () => {
    const triggers = Object.fromEntries(Object.entries(alarmTypes).map(([name, plugin]) => [name, plugin.trigger]));
    expect(triggers).toEqual({
      gnocchi_resources_threshold: 'scheduled',
      gnocchi_aggregation_by_metrics_threshold: 'scheduled',
      gnocchi_aggregation_by_resources_threshold: 'scheduled',
      composite: 'scheduled',
      event: 'event',
      prometheus: 'scheduled',
      cloudwatch_threshold: 'scheduled',
    });
  });

  it('lets the threshold types be composite leaves', () => {
    const composable = Object.entries(alarmTypes).filter(([, plugin]) => plugin.composable).map(([name]) => name);
    expect(composable).toEqual([
      'gnocchi_resources_threshold',
      'gnocchi_aggregation_by_metrics_threshold',
      'gnocchi_aggregation_by_resources_threshold',
      'prometheus',
      'cloudwatch_threshold',
    ]);
  });
});
