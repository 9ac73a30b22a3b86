import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alarmTypes } from '../../../shared/alarm-types/registry.js';
import type { AlarmTypePlugin } from '../../../shared/alarm-types/plugin.js';
import type { AlarmState } from '../../../shared/domain/alarm.js';
import { evaluateAlarm } from '../../../shared/services/evaluation/evaluate-alarm.js';
import { GnocchiHttpSource } from '../../../shared/metric-sources/gnocchi/source.js';
import { startHttpServer, type RunningServer } from '../../support/http-server.js';
import { alarm, context, rules } from '../../unit/evaluation/fakes.js';

/**
 * B7: Gnocchi (Python) writes NaN bare and null for missing values. A real HTTP server sends
 * those bytes, as Gnocchi does; the alarm goes through the real source and evaluator.
 */
let server: RunningServer;
let answer = '[]';

beforeAll(async () => {
  server = await startHttpServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(answer);
  });
});

afterAll(async () => {
  await server?.close();
});

const plugin = alarmTypes.gnocchi_resources_threshold as AlarmTypePlugin;
const measures = (values: string[]) => `[${values.map((value, i) => `["2024-03-01T10:4${i + 2}:00+00:00", 60.0, ${value}]`).join(', ')}]`;

async function evaluate(values: string[], state: AlarmState = 'insufficient data') {
  answer = measures(values);
  const gnocchi = new GnocchiHttpSource({ baseUrl: server.url });
  return evaluateAlarm(alarm('gnocchi_resources_threshold', rules.gnocchiResources, state), plugin, context({ gnocchi }));
}

describe('Gnocchi answers holding NaN or null', () => {
  it('NaN compares false, as in Python: a gt rule goes to ok, and the reason says nan', async () => {
    const decision = await evaluate(['NaN', 'NaN', 'NaN']);
    expect(decision?.state).toBe('ok');
    expect(decision?.reason).toBe('Transition to ok due to 3 samples inside threshold, most recent: nan');
    // JSON and DynamoDB cannot hold NaN: reason_data says null where Aodh writes NaN.
    expect(decision?.reasonData).toEqual({ type: 'threshold', disposition: 'inside', count: 3, most_recent: null });
  });

  it('NaN among numbers: the numbers decide a trend, the newest NaN is not outside', async () => {
    const decision = await evaluate(['90', '95', 'NaN'], 'ok');
    expect(decision).toBeUndefined();
  });

  it('a null value makes the evaluation fail, which leaves the alarm as it is', async () => {
    await expect(evaluate(['90', 'null', '95'], 'alarm')).rejects.toThrow(TypeError);
  });

  it('a null value outside the compared window changes nothing', async () => {
    answer = measures(['null', '90', '95', '99']);
    const gnocchi = new GnocchiHttpSource({ baseUrl: server.url });
    const decision = await evaluateAlarm(alarm('gnocchi_resources_threshold', rules.gnocchiResources, 'ok'), plugin, context({ gnocchi }));
    expect(decision?.state).toBe('alarm');
  });
});
