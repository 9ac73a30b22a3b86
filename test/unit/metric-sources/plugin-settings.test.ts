import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEvaluatorSettings } from '../../../functions/runtime/env.js';
import { buildEvaluatorDeps, documentClient } from '../../../functions/runtime/wiring.js';
import { deployEnvironment } from '../../../infra/function-environment.js';
import { readDeploySettings } from '../../../infra/settings.js';
import { SETTINGS } from '../../../shared/settings/table.js';

// A source's setting declared only in its folder (shared/metric-sources/static/query.ts)
// reaches the table, the Lambda runtime and the CDK function environment with no code per row.
const evaluator = { ALARMS_TABLE: 'alarms', HISTORY_TABLE: 'history', QUOTAS_TABLE: 'quotas', OUTBOX_TABLE: 'outbox', TRANSITION_QUEUE_URL: 'http://queue', DEAD_LETTER_QUEUE_URL: 'http://dlq' };

function deploySettings(context: Record<string, string>) {
  return readDeploySettings(new Stack(new App({ context: { authMode: 'jwt', ...context } }), 'S').node);
}

describe('STATIC_DATAPOINTS_FILE, a plugin-declared setting', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'static-setting-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is a row of the one settings table', () => {
    expect(SETTINGS.staticDatapointsFile).toMatchObject({ key: 'staticDatapointsFile', env: 'STATIC_DATAPOINTS_FILE', section: 'evaluator' });
  });

  it('absent: no static source, exactly as before', () => {
    const settings = readEvaluatorSettings(evaluator);
    expect(settings.metricSources).not.toHaveProperty('staticDatapointsFile');
    expect(buildEvaluatorDeps(settings, documentClient()).sources).not.toHaveProperty('static');
  });

  it('set: the evaluator reads the file-fed series', async () => {
    const file = join(dir, 'points.json');
    writeFileSync(file, JSON.stringify({ cpu: [1, 2.5] }));
    const settings = readEvaluatorSettings({ ...evaluator, STATIC_DATAPOINTS_FILE: file });
    expect(settings.metricSources).toMatchObject({ staticDatapointsFile: file });
    const source = buildEvaluatorDeps(settings, documentClient()).sources.static;
    await expect(source?.read({ series: 'cpu' })).resolves.toEqual([1, 2.5]);
  });

  it('CDK context sets it on the evaluator and the API (back-tests read sources), and leaves it unset by default', () => {
    expect(deployEnvironment('evaluator', deploySettings({}))).not.toHaveProperty('STATIC_DATAPOINTS_FILE');
    const settings = deploySettings({ staticDatapointsFile: '/var/task/points.json' });
    expect(deployEnvironment('evaluator', settings)).toMatchObject({ STATIC_DATAPOINTS_FILE: '/var/task/points.json' });
    expect(deployEnvironment('api', settings)).toMatchObject({ STATIC_DATAPOINTS_FILE: '/var/task/points.json' });
    expect(deployEnvironment('notifier', settings)).not.toHaveProperty('STATIC_DATAPOINTS_FILE');
  });
});
