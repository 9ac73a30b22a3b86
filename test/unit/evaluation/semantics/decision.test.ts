import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlarmState, JsonObject } from '../../../../shared/domain/alarm.js';
import type { ThresholdOutcome } from '../../../../shared/evaluation/context.js';
import { classifyWindow, type Verdict } from '../../../../shared/evaluation/semantics/classify.js';
import { decideAlarmThreshold } from '../../../../shared/evaluation/semantics/decide.js';
import { TREAT_MISSING_DATA, type TreatMissingData } from '../../../../shared/evaluation/semantics/fields.js';
import { readSemantics } from '../../../../shared/evaluation/semantics/read.js';
import { classifyPeriods, decideThreshold } from '../../../../shared/evaluation/threshold.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const STATES: AlarmState[] = ['ok', 'alarm', 'insufficient data'];
const state = fc.constantFrom(...STATES);
const value = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(Number.NaN));
const operator = fc.constantFrom('lt' as const, 'le' as const, 'eq' as const, 'ne' as const, 'ge' as const, 'gt' as const);

describe('a rule without semantics fields is decided exactly as Aodh decides it', () => {
  it('equals decideThreshold over any outcome, state and repeat_actions (also with the fields stored as null)', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), fc.integer({ min: 1, max: 5 }), operator, state, fc.boolean(), fc.boolean(), (values, periods, op, current, repeat, nulls) => {
        const rule: JsonObject = { comparison_operator: op, threshold: 50, evaluation_periods: periods };
        if (nulls) Object.assign(rule, { datapoints_to_alarm: null, datapoints_to_ok: null, treat_missing_data: null, ok_threshold: null });
        const outcome: ThresholdOutcome = classifyPeriods(values, { comparison_operator: op, threshold: 50, evaluation_periods: periods });
        const alarm = { state: current, repeat_actions: repeat, rule };
        expect(decideAlarmThreshold(outcome, alarm, NOW)).toStrictEqual(decideThreshold(outcome, alarm));
      }),
    );
  });
});

/**
 * CloudWatch's evaluation as its documentation states it (AlarmThatSendsEmail.html, "How alarm
 * state is evaluated when data is missing"): missing points are filled as breaching or
 * not_breaching; ALARM when at least M of N breach; OK when it cannot reach M even if every
 * still-missing point breached; all missing → INSUFFICIENT_DATA (missing) or kept (ignore);
 * otherwise the state is retained.
 */
function cloudwatchOracle(points: Array<'X' | '0' | '-'>, m: number, treat: TreatMissingData): Verdict {
  const filled = points.map((p) => (p !== '-' ? p : treat === 'breaching' ? 'X' : treat === 'not_breaching' ? '0' : '-'));
  if (filled.every((p) => p === '-')) return treat === 'missing' ? 'insufficient' : 'hold';
  const breaching = filled.filter((p) => p === 'X').length;
  const unknown = filled.filter((p) => p === '-').length;
  if (breaching >= m) return 'alarm';
  if (breaching + unknown < m) return 'ok';
  return 'hold';
}

/** 'X' breaches `gt 50` (value 90), '0' does not (10), '-' is a point the source did not have. */
function verdictOf(points: Array<'X' | '0' | '-'>, rule: JsonObject): Verdict {
  const values = points.filter((p) => p !== '-').map((p) => (p === 'X' ? 90 : 10));
  const semantics = readSemantics(rule, points.length);
  if (!semantics) throw new Error('rule has no semantics');
  return classifyWindow(values, semantics, { comparison_operator: 'gt', threshold: 50 }).verdict;
}

describe("CloudWatch's M-of-N and missing-data table", () => {
  // M = N = 3, as the documentation's table; datapoints_to_ok = N - M + 1 is CloudWatch's "not ALARM is OK".
  const rows: Array<{ points: string; missing: Verdict; ignore: Verdict; breaching: Verdict; not_breaching: Verdict }> = [
    { points: '000', missing: 'ok', ignore: 'ok', breaching: 'ok', not_breaching: 'ok' },
    { points: '00X', missing: 'ok', ignore: 'ok', breaching: 'ok', not_breaching: 'ok' },
    { points: '0XX', missing: 'ok', ignore: 'ok', breaching: 'ok', not_breaching: 'ok' },
    { points: 'XXX', missing: 'alarm', ignore: 'alarm', breaching: 'alarm', not_breaching: 'alarm' },
    { points: '0X-', missing: 'ok', ignore: 'ok', breaching: 'ok', not_breaching: 'ok' },
    { points: '--X', missing: 'hold', ignore: 'hold', breaching: 'alarm', not_breaching: 'ok' },
    { points: '---', missing: 'insufficient', ignore: 'hold', breaching: 'alarm', not_breaching: 'ok' },
  ];
  it.each(rows)('$points', (row) => {
    const points = [...row.points] as Array<'X' | '0' | '-'>;
    for (const treat of TREAT_MISSING_DATA) {
      expect(verdictOf(points, { datapoints_to_alarm: 3, datapoints_to_ok: 1, treat_missing_data: treat }), treat).toBe(row[treat]);
    }
  });

  it('matches the documented rule for every N, M, window and policy when datapoints_to_ok = N - M + 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('X' as const, '0' as const, '-' as const), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(...TREAT_MISSING_DATA),
        (points, mRaw, treat) => {
          const m = Math.min(mRaw, points.length);
          const rule = { datapoints_to_alarm: m, datapoints_to_ok: points.length - m + 1, treat_missing_data: treat };
          expect(verdictOf(points, rule)).toBe(cloudwatchOracle(points, m, treat));
        },
      ),
    );
  });

  it('by default (datapoints_to_ok = M) a window short of both M and M clearing points holds the state', () => {
    expect(verdictOf([...'XX000'] as Array<'X' | '0'>, { datapoints_to_alarm: 3 })).toBe('ok');
    expect(verdictOf([...'XX00-'] as Array<'X' | '0' | '-'>, { datapoints_to_alarm: 3 })).toBe('hold');
    expect(verdictOf([...'XX00-'] as Array<'X' | '0' | '-'>, { datapoints_to_alarm: 3, treat_missing_data: 'breaching' })).toBe('alarm');
  });
});

describe('hysteresis (ok_threshold)', () => {
  /** Runs the decision cycle by cycle over a series, windows of N, and returns the states taken. */
  function run(series: number[], rule: JsonObject, periods: number): AlarmState[] {
    let current: AlarmState = 'insufficient data';
    const states: AlarmState[] = [];
    for (let end = 1; end <= series.length; end++) {
      const values = series.slice(Math.max(0, end - periods), end);
      const full = { comparison_operator: 'gt', threshold: 80, evaluation_periods: periods, ...rule };
      const outcome = classifyPeriods(values, { comparison_operator: 'gt', threshold: 80, evaluation_periods: periods });
      const decision = decideAlarmThreshold(outcome, { state: current, repeat_actions: false, rule: full }, NOW);
      if (decision) current = decision.state;
      states.push(current);
    }
    return states;
  }
  const changes = (states: AlarmState[]) => states.filter((s, i) => i > 0 && s !== states[i - 1]).length;
  // Values oscillating between a breach (> 80) and the band between ok_threshold (60) and threshold.
  const oscillating = fc.array(fc.tuple(fc.integer({ min: 81, max: 100 }), fc.integer({ min: 61, max: 80 })), { minLength: 2, maxLength: 20 });

  it('never flaps: once in alarm, a series that never goes past ok_threshold stays in alarm', () => {
    fc.assert(
      fc.property(oscillating, fc.integer({ min: 1, max: 3 }), (pairs, periods) => {
        const series = [100, 100, 100, ...pairs.flat()];
        const states = run(series, { datapoints_to_alarm: 1, ok_threshold: 60 }, periods);
        expect(states.slice(periods - 1).every((s) => s === 'alarm')).toBe(true);
      }),
    );
  });

  it('without ok_threshold the same series flaps (so the property above can fail)', () => {
    const series = [100, 70, 100, 70, 100, 70];
    expect(changes(run(series, { datapoints_to_alarm: 1 }, 1))).toBe(5);
    expect(changes(run(series, { datapoints_to_alarm: 1, ok_threshold: 60 }, 1))).toBe(0);
  });

  it('clears once datapoints_to_ok points are past ok_threshold', () => {
    const states = run([100, 50, 70, 50, 50], { datapoints_to_alarm: 1, datapoints_to_ok: 2, ok_threshold: 60 }, 3);
    // A partial first window already decides: one breach is M. Alarm wins while the breach is in the window.
    expect(states).toEqual(['alarm', 'alarm', 'alarm', 'ok', 'ok']);
  });
});

describe('reasons', () => {
  it('say how many of N breached and how missing points were treated', () => {
    const outcome = classifyPeriods([90, 90], { comparison_operator: 'gt', threshold: 50, evaluation_periods: 3 });
    const rule = { comparison_operator: 'gt', threshold: 50, evaluation_periods: 3, datapoints_to_alarm: 3, treat_missing_data: 'breaching' };
    expect(decideAlarmThreshold(outcome, { state: 'ok', repeat_actions: false, rule }, NOW)).toMatchObject({
      state: 'alarm',
      reason: 'Transition to alarm due to 3 of 3 datapoints breaching threshold (3 needed, 1 missing counted as breaching), most recent: 90.0',
      reasonData: { type: 'threshold', disposition: 'outside', count: 3, most_recent: 90, missing: 1 },
    });
  });
  it('nothing happens when the state holds and repeat_actions is off; a repeat re-notifies the held state', () => {
    const outcome = classifyPeriods([90, 10], { comparison_operator: 'gt', threshold: 50, evaluation_periods: 2 });
    const rule = { comparison_operator: 'gt', threshold: 50, evaluation_periods: 2, datapoints_to_alarm: 2 };
    expect(decideAlarmThreshold(outcome, { state: 'alarm', repeat_actions: false, rule }, NOW)).toBeUndefined();
    expect(decideAlarmThreshold(outcome, { state: 'alarm', repeat_actions: true, rule }, NOW)?.state).toBe('alarm');
    expect(decideAlarmThreshold(outcome, { state: 'insufficient data', repeat_actions: false, rule }, NOW)).toBeUndefined();
  });
});
