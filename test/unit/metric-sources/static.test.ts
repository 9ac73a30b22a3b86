import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../../shared/errors.js';
import { staticSource } from '../../../shared/metric-sources/static/source.js';
import { MAX_STATIC_FILE_BYTES, StaticMetricSource } from '../../../shared/metric-sources/static/source.js';

describe('static metric source', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'static-source-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is not configured without datapoints or a file', () => {
    expect(staticSource.create({})).toBeUndefined();
  });

  it('reads fixed datapoints by series, oldest first, as copies', async () => {
    const source = new StaticMetricSource({ datapoints: { cpu: [1, 2, 3] } });
    const values = await source.read({ series: 'cpu' });
    expect(values).toEqual([1, 2, 3]);
    values.push(4);
    await expect(source.read({ series: 'cpu' })).resolves.toEqual([1, 2, 3]);
  });

  it('answers an unknown series with insufficient data, naming it', async () => {
    const source = new StaticMetricSource({ datapoints: { cpu: [1] } });
    await expect(source.read({ series: 'mem' })).rejects.toThrow(new InsufficientDataError('static series mem does not exist'));
    await expect(source.read({ series: 'constructor' })).rejects.toBeInstanceOf(InsufficientDataError);
  });

  it('re-reads its file at every read, so editing it drives a running demo', async () => {
    const file = join(dir, 'points.json');
    writeFileSync(file, JSON.stringify({ cpu: [10] }));
    const source = staticSource.create({ staticDatapointsFile: file, staticDatapoints: { cpu: [99] } });
    await expect(source?.read({ series: 'cpu' })).resolves.toEqual([10]);
    writeFileSync(file, JSON.stringify({ cpu: [10, 95] }));
    await expect(source?.read({ series: 'cpu' })).resolves.toEqual([10, 95]);
  });

  it('is unavailable while its file is missing, malformed or too large', async () => {
    const file = join(dir, 'points.json');
    const source = new StaticMetricSource({ file });
    await expect(source.read({ series: 'cpu' })).rejects.toThrow(MetricSourceUnavailableError);
    writeFileSync(file, '{"cpu": [1,');
    await expect(source.read({ series: 'cpu' })).rejects.toThrow(/^static datapoints file .* is not JSON/);
    writeFileSync(file, JSON.stringify({ cpu: [1, 'two'] }));
    await expect(source.read({ series: 'cpu' })).rejects.toThrow(new MetricSourceUnavailableError(`static datapoints file ${file} must map series cpu to a list of numbers`));
    writeFileSync(file, JSON.stringify([1, 2]));
    await expect(source.read({ series: 'cpu' })).rejects.toThrow(new MetricSourceUnavailableError(`static datapoints file ${file} must be an object of series`));
    writeFileSync(file, JSON.stringify({ cpu: [1] }).padEnd(MAX_STATIC_FILE_BYTES + 1, ' '));
    await expect(source.read({ series: 'cpu' })).rejects.toThrow(new MetricSourceUnavailableError(`static datapoints file ${file} is ${MAX_STATIC_FILE_BYTES + 1} bytes, more than ${MAX_STATIC_FILE_BYTES}`));
    writeFileSync(file, JSON.stringify({ cpu: [1] }).padEnd(MAX_STATIC_FILE_BYTES, ' '));
    await expect(source.read({ series: 'cpu' })).resolves.toEqual([1]);
  });

  it('refuses fixed datapoints that are not lists of finite numbers when built', () => {
    expect(() => new StaticMetricSource({ datapoints: { cpu: [1, Number.NaN] } })).toThrow(TypeError);
  });
});
