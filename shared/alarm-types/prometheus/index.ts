import { PROMETHEUS } from '../../metric-sources/prometheus/query.js';
import type { AlarmTypePlugin } from '../plugin.js';
import { evaluatePrometheusThreshold } from './evaluate.js';
import { parsePrometheusRule, TYPE } from './rule.js';

export const prometheus: AlarmTypePlugin = {
  type: TYPE,
  trigger: 'scheduled',
  composable: true,
  source: PROMETHEUS.name,
  parseRule: parsePrometheusRule,
  evaluateThreshold: evaluatePrometheusThreshold,
  /** §2.5: the request's scoping project (§7), or null when unscoped (an admin on their own project). */
  async validateRule(rule, context) {
    return { ...rule, scope_to_project: context.scopeProjectId ?? null };
  },
};
