import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../../shared/domain/alarm.js';
import { CandidateCache } from '../../../shared/listener/candidate-cache.js';
import { eventAlarm } from './fixtures.js';

function setup(ttlSeconds: number, maxProjects?: number) {
  let now = Date.parse('2024-05-01T10:00:00Z');
  const clock = { now: () => new Date(now) };
  const cache = new CandidateCache({ ttlSeconds, clock, ...(maxProjects === undefined ? {} : { maxProjects }) });
  const loads: string[] = [];
  const loader = (project: string, alarms: Alarm[]) => async () => {
    loads.push(project);
    return alarms;
  };
  return { cache, loads, loader, advance: (seconds: number) => (now += seconds * 1000) };
}

const alarm = eventAlarm();

describe('CandidateCache', () => {
  it('reuses a project list until the TTL has passed', async () => {
    const { cache, loads, loader, advance } = setup(60);
    expect(await cache.get('project-a', loader('project-a', [alarm]))).toEqual([alarm]);
    advance(59.999);
    await cache.get('project-a', loader('project-a', [alarm]));
    expect(loads).toEqual(['project-a']);
    advance(0.001);
    await cache.get('project-a', loader('project-a', []));
    expect(loads).toEqual(['project-a', 'project-a']);
  });

  it('keeps projects apart', async () => {
    const { cache, loads, loader } = setup(60);
    await cache.get('project-a', loader('project-a', [alarm]));
    expect(await cache.get('project-b', loader('project-b', []))).toEqual([]);
    expect(loads).toEqual(['project-a', 'project-b']);
  });

  it('with TTL 0 loads every time', async () => {
    const { cache, loads, loader } = setup(0);
    await cache.get('project-a', loader('project-a', [alarm]));
    await cache.get('project-a', loader('project-a', [alarm]));
    expect(loads).toHaveLength(2);
    expect(cache.size).toBe(0);
  });

  it('writes the listener’s own state change into the cached list, never going back in time', async () => {
    const { cache, loader } = setup(60);
    const before = await cache.get('project-a', loader('project-a', [alarm, eventAlarm({}, { alarm_id: 'other' })]));
    const fired = { ...alarm, state: 'alarm' as const, version: alarm.version + 1 };
    cache.replace(fired);
    const after = await cache.get('project-a', loader('project-a', []));
    expect(after.map((a) => [a.alarm_id, a.state])).toEqual([['alarm-1', 'alarm'], ['other', 'ok']]);
    // The list a caller was iterating is left alone.
    expect(before[0]?.state).toBe('ok');
    cache.replace({ ...alarm, state: 'ok' });
    expect((await cache.get('project-a', loader('project-a', [])))[0]?.state).toBe('alarm');
  });

  it('ignores replacements for uncached projects and unknown alarms', async () => {
    const { cache, loader } = setup(60);
    cache.replace(alarm);
    expect(cache.size).toBe(0);
    await cache.get('project-a', loader('project-a', []));
    cache.replace(alarm);
    expect(await cache.get('project-a', loader('project-a', [alarm]))).toEqual([]);
  });

  it('applies a replacement made while the list is loading', async () => {
    const { cache } = setup(60);
    let release: (alarms: Alarm[]) => void = () => undefined;
    const pending = cache.get('project-a', () => new Promise<Alarm[]>((resolve) => (release = resolve)));
    cache.replace({ ...alarm, state: 'alarm', version: 1 });
    release([alarm]);
    expect((await pending)[0]?.state).toBe('alarm');
  });

  it('shares one load between concurrent gets, and does not cache a failure', async () => {
    const { cache } = setup(60);
    let calls = 0;
    const slow = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [alarm];
    };
    await Promise.all([cache.get('project-a', slow), cache.get('project-a', slow)]);
    expect(calls).toBe(1);
    await expect(cache.get('project-b', () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    expect(await cache.get('project-b', async () => [alarm])).toEqual([alarm]);
  });

  it('invalidate forgets a project', async () => {
    const { cache, loads, loader } = setup(60);
    await cache.get('project-a', loader('project-a', [alarm]));
    cache.invalidate('project-a');
    await cache.get('project-a', loader('project-a', [alarm]));
    expect(loads).toHaveLength(2);
  });

  it('keeps at most maxProjects, dropping the oldest load', async () => {
    const { cache, loads, loader } = setup(60, 2);
    for (const project of ['p1', 'p2', 'p3']) await cache.get(project, loader(project, []));
    await cache.get('p3', loader('p3', []));
    await cache.get('p1', loader('p1', []));
    expect(loads).toEqual(['p1', 'p2', 'p3', 'p1']);
    expect(cache.size).toBe(2);
  });
});
