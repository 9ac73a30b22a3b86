import { readFile, stat } from 'node:fs/promises';
import { InsufficientDataError, MetricSourceUnavailableError } from '../../errors.js';
import type { MetricSource } from '../../ports/metric-source.js';
import { STATIC, type StaticQuery, type staticSettings } from './query.js';
import type { RowValues } from '../../setting-rows/setting.js';
import type { MetricSourcePlugin } from '../plugin.js';

/** Series name → its values, oldest first. */
export type StaticDatapoints = Readonly<Record<string, readonly number[]>>;

/** A datapoints file is read whole at every read; past this it is refused rather than read. */
export const MAX_STATIC_FILE_BYTES = 1_048_576;

/**
 * Fixed datapoints for demos and tests: given in the settings, or read from a JSON file
 * (`{"<series>": [1, 2.5, ...]}`) at every read, so that editing the file drives the alarms
 * of a running demo. An unknown series is insufficient data, as a missing metric is in
 * Gnocchi; a file that cannot be read or is malformed makes the source unavailable (the
 * alarms keep their state until the file is fixed).
 */
export class StaticMetricSource implements MetricSource<StaticQuery, number[]> {
  constructor(private readonly feed: { datapoints: StaticDatapoints } | { file: string }) {
    if ('datapoints' in feed) checkDatapoints(feed.datapoints, (why) => new TypeError(`the static datapoints setting ${why}`));
  }

  async read({ series }: StaticQuery): Promise<number[]> {
    const datapoints = 'datapoints' in this.feed ? this.feed.datapoints : await readDatapointsFile(this.feed.file);
    const values = Object.hasOwn(datapoints, series) ? datapoints[series] : undefined;
    if (values === undefined) throw new InsufficientDataError(`static series ${series} does not exist`);
    return [...values];
  }
}

async function readDatapointsFile(file: string): Promise<StaticDatapoints> {
  const unavailable = (why: string, cause?: unknown) => new MetricSourceUnavailableError(`static datapoints file ${file} ${why}`, { cause });
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_STATIC_FILE_BYTES) throw unavailable(`is ${size} bytes, more than ${MAX_STATIC_FILE_BYTES}`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof MetricSourceUnavailableError) throw error;
    throw unavailable(`cannot be read: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unavailable(`is not JSON: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  return checkDatapoints(parsed, (why) => unavailable(why));
}

function checkDatapoints(value: unknown, fail: (why: string) => Error): StaticDatapoints {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('must be an object of series');
  for (const [series, values] of Object.entries(value)) {
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw fail(`must map series ${series} to a list of numbers`);
    }
  }
  return value as StaticDatapoints;
}

export type StaticSettings = RowValues<typeof staticSettings> & {
  /** Fixed series; ignored when a file is given. */
  staticDatapoints?: StaticDatapoints;
};

export const staticSource: MetricSourcePlugin<StaticQuery, number[], StaticSettings> = {
  ...STATIC,
  create: ({ staticDatapoints, staticDatapointsFile }) => {
    if (staticDatapointsFile !== undefined) return new StaticMetricSource({ file: staticDatapointsFile });
    return staticDatapoints === undefined ? undefined : new StaticMetricSource({ datapoints: staticDatapoints });
  },
};
