import { describe, expect, it } from 'vitest';
import { stateSeries } from '../../../console/src/pages/state-chart.js';

describe('stateSeries (the detail page chart)', () => {
  it('steps through the states of creation and transitions, oldest first, closed by the current state now', () => {
    const history = [
      { type: 'state transition', detail: JSON.stringify({ state: 'alarm', state_reason: 'high' }), timestamp: '2026-12-04T10:05:00.000000' },
      { type: 'creation', detail: JSON.stringify({ name: 'cpu', state: 'insufficient data' }), timestamp: '2026-12-04T10:00:00.000000' },
      { type: 'rule change', detail: JSON.stringify({ threshold: 3 }), timestamp: '2026-12-04T10:06:00.000000' },
      { type: 'state transition', detail: 'not json', timestamp: '2026-12-04T10:07:00.000000' },
    ];
    const now = Date.parse('2026-12-04T11:00:00Z') / 1000;
    const [xs, levels] = stateSeries(history, 'alarm', now);
    expect(xs).toEqual([Date.parse('2026-12-04T10:00:00Z') / 1000, Date.parse('2026-12-04T10:05:00Z') / 1000, now]);
    expect(levels).toEqual([1, 2, 2]);
  });

  it('draws the current state alone when there is no history', () => {
    expect(stateSeries([], 'ok', 100)).toEqual([[100], [0]]);
  });
});
