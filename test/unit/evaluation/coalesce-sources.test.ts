import { describe, expect, it } from 'vitest';
import { coalesceSources } from '../../../shared/evaluation/coalesce-sources.js';
import { MetricSourceUnavailableError } from '../../../shared/errors.js';

describe('coalesceSources', () => {
  it('asks an identical query once per cycle, and each distinct query once', async () => {
    const asked: string[] = [];
    const sources = coalesceSources({ prometheus: { instantQuery: async ({ query }) => (asked.push(query), [asked.length]) } });
    const answers = await Promise.all(['a', 'b', 'a', 'a', 'b'].map((query) => sources.prometheus?.instantQuery({ query })));
    expect(asked).toEqual(['a', 'b']);
    expect(answers).toEqual([[1], [2], [1], [1], [2]]);
  });

  it('does not remember failures', async () => {
    let calls = 0;
    const sources = coalesceSources({
      prometheus: {
        instantQuery: async () => {
          calls++;
          if (calls === 1) throw new MetricSourceUnavailableError('down');
          return [5];
        },
      },
    });
    await expect(sources.prometheus?.instantQuery({ query: 'q' })).rejects.toBeInstanceOf(MetricSourceUnavailableError);
    await expect(sources.prometheus?.instantQuery({ query: 'q' })).resolves.toEqual([5]);
    expect(calls).toBe(2);
  });

  it('leaves unconfigured sources unconfigured', () => {
    expect(coalesceSources({})).toEqual({});
  });
});
