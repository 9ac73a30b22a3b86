import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../shared/domain/alarm.js';
import { parseEvent } from '../../../shared/listener/event.js';
import { ceilometerDetail, envelope, nativeEnvelope, parsed, PROJECT } from './fixtures.js';

const deep = (levels: number): JsonObject => (levels <= 1 ? {} : { a: deep(levels - 1) });

describe('parseEvent: Ceilometer event in detail', () => {
  it('maps the event dict and converts every dtype (§5.1)', () => {
    const detail = ceilometerDetail([
      ['state', 1, 'error'],
      ['memory_mb', 2, 512],
      ['disk_gb', 2, ' 20 '],
      ['load', 3, 0.75],
      ['ratio', 3, '1e-3'],
      ['launched_at', 4, '2024-05-01T12:00:00+02:00'],
      ['deleted_at', 4, '2024-05-01 10:00:00.5'],
      ['nothing', 0, null],
    ]);
    const input = envelope(detail);
    const event = parsed(input);
    expect(event).toEqual({
      shape: 'ceilometer',
      message_id: 'c5a7e2d4-0f5e-4a5c-9b59-3f1f0e6a1f00',
      event_type: 'compute.instance.update',
      generated: '2024-05-01T10:00:00.123456',
      project: PROJECT,
      raw: detail,
      traits: {
        project_id: { dtype: 1, value: PROJECT },
        state: { dtype: 1, value: 'error' },
        memory_mb: { dtype: 2, value: 512 },
        disk_gb: { dtype: 2, value: 20 },
        load: { dtype: 3, value: 0.75 },
        ratio: { dtype: 3, value: 0.001 },
        launched_at: { dtype: 4, value: '2024-05-01T10:00:00.000000' },
        deleted_at: { dtype: 4, value: '2024-05-01T10:00:00.500000' },
        nothing: { dtype: 0, value: 'None' },
      },
    });
    // reason_data carries the Ceilometer dict itself, as Aodh sends it.
    expect(event.raw).toBe(detail);
  });

  it('is recognised by structure when a forwarder sets another detail-type', () => {
    const event = parsed(envelope(ceilometerDetail([]), { 'detail-type': 'OpenStack Notification' }));
    expect(event.shape).toBe('ceilometer');
    expect(event.message_id).toBe('c5a7e2d4-0f5e-4a5c-9b59-3f1f0e6a1f00');
  });

  it('accepts a missing traits list and takes generated from the envelope when absent', () => {
    const { traits: _unused, generated: _also, ...detail } = ceilometerDetail([]);
    const event = parsed(envelope(detail));
    expect(Object.keys(event.traits)).toEqual([]);
    expect(event.project).toBe('');
    expect(event.generated).toBe('2024-05-01T10:00:01Z');
  });

  it.each<[string, JsonValue[], string]>([
    ['project_id only', [['project_id', 1, 'p1']], 'p1'],
    ['tenant_id after project_id wins', [['project_id', 1, 'p1'], ['tenant_id', 1, 't1']], 't1'],
    ['project_id after tenant_id wins', [['tenant_id', 1, 't1'], ['project_id', 1, 'p1']], 'p1'],
    ['neither: no project', [['user_id', 1, 'u1']], ''],
    ['an integer project prints as Python does', [['project_id', 2, 42]], '42'],
    ["a null project is Python's str(None)", [['project_id', 0, null]], 'None'],
  ])('project scoping (§5.2): %s', (_name, traits, project) => {
    expect(parsed(envelope({ message_id: 'm', event_type: 't', traits })).project).toBe(project);
  });

  // Issue 17 item 3: before, 7.9 as dtype 2, dtypes 7 and "integer", and a dtype-0 null each
  // made the event invalid (or kept null as None); Aodh converts them all.
  it.each<[string, JsonValue, JsonValue, { dtype: number; value: string | number }]>([
    ['dtype 2 truncates a float as int() does', 2, 7.9, { dtype: 2, value: 7 }],
    ['dtype 2 truncates toward zero', 2, -7.9, { dtype: 2, value: -7 }],
    ['dtype 2 reads True as 1', 2, true, { dtype: 2, value: 1 }],
    ["dtype 'integer' converts with int()", 'integer', '42', { dtype: 2, value: 42 }],
    ["dtype 'float' converts with float()", 'float', '2.5', { dtype: 3, value: 2.5 }],
    ["dtype 'datetime' converts to naive UTC", 'datetime', '2024-05-01T12:00:00+02:00', { dtype: 4, value: '2024-05-01T10:00:00.000000' }],
    ['dtype 3 reads False as 0.0', 3, false, { dtype: 3, value: 0 }],
    ['an unknown dtype 7 is str()', 7, 'x', { dtype: 1, value: 'x' }],
    ['an unknown dtype 7 prints a number as str() does', 7, 512, { dtype: 1, value: '512' }],
    ['dtype as the text "2" is unknown, so str()', '2', 5, { dtype: 1, value: '5' }],
    ['dtype null is unknown, so str()', null, true, { dtype: 1, value: 'True' }],
    ['dtype 1 holding a number is str() of it', 1, 5, { dtype: 1, value: '5' }],
    ['dtype 1 holding a list is its repr', 1, ['a', 1], { dtype: 1, value: "['a', 1]" }],
    ["dtype 0 holding null is the text 'None'", 0, null, { dtype: 0, value: 'None' }],
    ['dtype 0 holding a number is str() of it', 0, 1, { dtype: 0, value: '1' }],
  ])('converts as Aodh does (§5.1): %s', (_name, dtype, value, trait) => {
    expect(parsed(envelope({ message_id: 'm', event_type: 't', traits: [['x', dtype, value]] })).traits.x).toEqual(trait);
  });

  it('reads t[0], t[1], t[2] of a trait as Aodh does: extra items ignored, a non-text name unreachable', () => {
    const event = parsed(envelope({ message_id: 'm', event_type: 't', traits: [['a', 1, 'x', 'ignored'], [1, 1, 'y'], [null, 2, 3]] }));
    expect(event.traits).toEqual({ a: { dtype: 1, value: 'x' } });
  });

  it('keeps the last occurrence of a trait name, and treats __proto__ as data', () => {
    const event = parsed(envelope({ message_id: 'm', event_type: 't', traits: [['x', 1, 'first'], ['x', 1, 'last'], ['__proto__', 1, 'p'], ['constructor', 2, 1]] }));
    expect(event.traits.x).toEqual({ dtype: 1, value: 'last' });
    expect(event.traits.__proto__).toEqual({ dtype: 1, value: 'p' });
    expect(event.traits.constructor).toEqual({ dtype: 2, value: 1 });
    expect(event.traits.toString).toBeUndefined();
  });
});

describe('parseEvent: native EventBridge event', () => {
  const detail = {
    orderId: 'o-1',
    amount: 12,
    price: 9.5,
    paid: false,
    note: null,
    customer: { tier: 'gold', tags: ['new', 'eu'] },
    empty: {},
    project_id: PROJECT,
  };

  it('maps id, detail-type, time and flattens detail into dotted traits', () => {
    const input = nativeEnvelope(detail);
    const event = parsed(input);
    expect(event).toEqual({
      shape: 'native',
      message_id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      event_type: 'Order Failed',
      generated: '2024-05-01T10:00:01Z',
      project: PROJECT,
      raw: input,
      traits: {
        orderId: { dtype: 1, value: 'o-1' },
        amount: { dtype: 2, value: 12 },
        price: { dtype: 3, value: 9.5 },
        paid: { dtype: 1, value: 'False' },
        note: { dtype: 0, value: 'None' },
        'customer.tier': { dtype: 1, value: 'gold' },
        'customer.tags.0': { dtype: 1, value: 'new' },
        'customer.tags.1': { dtype: 1, value: 'eu' },
        project_id: { dtype: 1, value: PROJECT },
      },
    });
    // reason_data carries the whole envelope as received.
    expect(event.raw).toBe(input);
  });

  it('prefers a non-empty detail.event_type over detail-type', () => {
    expect(parsed(nativeEnvelope({ event_type: 'orders.failed' })).event_type).toBe('orders.failed');
    expect(parsed(nativeEnvelope({ event_type: '' })).event_type).toBe('Order Failed');
    expect(parsed(nativeEnvelope({ event_type: 7 })).event_type).toBe('Order Failed');
  });

  it('takes the project from detail.project_id / tenant_id (last wins), never from the account', () => {
    expect(parsed(nativeEnvelope({ tenant_id: 't', project_id: 'p' })).project).toBe('p');
    expect(parsed(nativeEnvelope({ project_id: 'p', tenant_id: 't' })).project).toBe('t');
    expect(parsed(nativeEnvelope({ nested: { project_id: 'p' } })).project).toBe('');
    expect(parsed(nativeEnvelope({})).project).toBe('');
  });

  it('accepts an envelope without detail or time', () => {
    const { detail: _d, time: _t, ...bare } = nativeEnvelope({});
    const event = parsed(bare);
    expect(event.traits).toEqual({});
    expect(event.generated).toBe('');
  });
});

describe('parseEvent: invalid events are reported, never thrown', () => {
  const ceil = (traits: JsonValue[]): JsonObject => envelope({ message_id: 'm-1', event_type: 't', traits });
  const tooMany = Array.from({ length: 1001 }, (_, i) => [`t${i}`, 1, 'v']);
  const cyclic: Record<string, unknown> = { id: 'x', 'detail-type': 'T' };
  cyclic.detail = cyclic;

  it.each<[string, unknown, RegExp, string | undefined]>([
    ['null', null, /not a JSON object/, undefined],
    ['a string', 'event', /not a JSON object/, undefined],
    ['an array', [envelope({})], /not a JSON object/, undefined],
    ['Ceilometer without message_id', envelope({ event_type: 't', traits: [] }), /no message_id/, '6a7e8feb-b491-4cf7-a9f1-bf3703467718'],
    ['Ceilometer with empty message_id', envelope({ message_id: '', event_type: 't', traits: [] }), /no message_id/, '6a7e8feb-b491-4cf7-a9f1-bf3703467718'],
    ['Ceilometer with numeric message_id', envelope({ message_id: 5, event_type: 't', traits: [] }), /no message_id/, '6a7e8feb-b491-4cf7-a9f1-bf3703467718'],
    ['Ceilometer without event_type', envelope({ message_id: 'm-1', traits: [] }), /no event_type/, 'm-1'],
    ['Ceilometer detail not an object', envelope('text'), /detail is not a JSON object/, '6a7e8feb-b491-4cf7-a9f1-bf3703467718'],
    ['traits not a list', envelope({ message_id: 'm-1', event_type: 't', traits: {} }), /traits is not a list/, 'm-1'],
    ['trait of two items', ceil([['a', 1]]), /not a \[name, dtype, value\] triple/, 'm-1'],
    ['trait as an object', ceil([{ name: 'a', dtype: 1, value: 'x' }]), /triple/, 'm-1'],
    ['trait name a list (unhashable in Python)', ceil([[['a'], 1, 'x']]), /name that is a list or an object/, 'm-1'],
    ['integer trait holding text', ceil([['a', 2, 'abc']]), /not a valid integer/, 'm-1'],
    ['integer trait holding decimal text', ceil([['a', 2, '7.9']]), /not a valid integer/, 'm-1'],
    ['integer trait holding null', ceil([['a', 2, null]]), /not a valid integer/, 'm-1'],
    ["'integer' dtype holding text", ceil([['a', 'integer', 'abc']]), /not a valid integer/, 'm-1'],
    ['float trait holding text', ceil([['a', 3, 'x']]), /not a valid float/, 'm-1'],
    ['float trait holding null', ceil([['a', 3, null]]), /not a valid float/, 'm-1'],
    ['datetime trait holding text', ceil([['a', 4, 'yesterday']]), /not a valid datetime/, 'm-1'],
    ['datetime trait holding a number', ceil([['a', 4, 1714557600]]), /not a valid datetime/, 'm-1'],
    ['more than 1,000 traits', ceil(tooMany), /1001 traits, more than 1000/, 'm-1'],
    // Issue 11 A11: before, any length was matched (quadratically) against every pattern.
    ['a Ceilometer event type over 255 characters', envelope({ message_id: 'm-1', event_type: 'a'.repeat(256), traits: [] }), /event type is 256 characters long, more than 255/, 'm-1'],
    ['a native event type over 255 characters', nativeEnvelope({ event_type: 'é'.repeat(20_000) }), /event type is 20000 characters long, more than 255/, '6a7e8feb-b491-4cf7-a9f1-bf3703467718'],
    ['native without id', { 'detail-type': 'T', detail: {} }, /no id/, undefined],
    ['native with empty id', { id: '', 'detail-type': 'T', detail: {} }, /no id/, undefined],
    ['native without any event type', { id: 'e-1', detail: { a: 1 } }, /no event type/, 'e-1'],
    ['native with a non-string detail-type', { id: 'e-1', 'detail-type': 3, detail: {} }, /no event type/, 'e-1'],
    ['native detail as an array', { id: 'e-1', 'detail-type': 'T', detail: [1] }, /detail is not a JSON object/, 'e-1'],
    ['native detail flattening to more than 1,000 values', nativeEnvelope({ list: Array.from({ length: 1001 }, (_, i) => i) }), /more than 1000 values/, '6a7e8feb-b491-4cf7-a9f1-bf3703467718'],
    ['over 256 KiB', nativeEnvelope({ blob: 'x'.repeat(256 * 1024) }), /larger than 262144 bytes/, '6a7e8feb-b491-4cf7-a9f1-bf3703467718'],
    ['over 256 KiB in multi-byte text', nativeEnvelope({ blob: 'é'.repeat(140 * 1024) }), /larger than 262144 bytes/, '6a7e8feb-b491-4cf7-a9f1-bf3703467718'],
    ['nested deeper than 32 levels', { id: 'e-1', 'detail-type': 'T', detail: deep(32) }, /deeper than 32 levels/, 'e-1'],
    ['a non-finite number', { id: 'e-1', 'detail-type': 'T', detail: { n: Number.NaN } }, /number JSON cannot represent/, 'e-1'],
    ['a Date object', { id: 'e-1', 'detail-type': 'T', detail: { at: new Date(0) } }, /not plain JSON/, 'e-1'],
    ['a function', { id: 'e-1', 'detail-type': 'T', detail: { f: () => 1 } }, /function, which is not JSON/, 'e-1'],
    ['a bigint', { id: 'e-1', 'detail-type': 'T', detail: { n: 1n } }, /bigint, which is not JSON/, 'e-1'],
    ['a cycle', cyclic, /deeper than 32 levels/, 'x'],
  ])('%s', (_name, input, reason, id) => {
    const result = parseEvent(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
    expect(result.id).toBe(id);
  });

  it('accepts an event type of exactly 255 characters, astral ones counted as one', () => {
    expect(parseEvent(envelope({ message_id: 'm', event_type: '😀'.repeat(255), traits: [] })).ok).toBe(true);
    expect(parseEvent(nativeEnvelope({ event_type: 'a'.repeat(255) })).ok).toBe(true);
  });

  it('accepts exactly 32 levels, 1,000 traits and just under 256 KiB', () => {
    expect(parseEvent({ id: 'e-1', 'detail-type': 'T', detail: deep(31) }).ok).toBe(true);
    expect(parseEvent(envelope({ message_id: 'm', event_type: 't', traits: tooMany.slice(0, 1000) })).ok).toBe(true);
    const base = JSON.stringify(nativeEnvelope({ blob: '' })).length;
    expect(parseEvent(nativeEnvelope({ blob: 'x'.repeat(256 * 1024 - base) })).ok).toBe(true);
    expect(parseEvent(nativeEnvelope({ blob: 'x'.repeat(256 * 1024 - base + 1) })).ok).toBe(false);
  });

  it('never throws on a getter that throws', () => {
    const hostile = { id: 'e-1', 'detail-type': 'T' };
    Object.defineProperty(hostile, 'detail', { enumerable: true, get: () => { throw new Error('boom'); } });
    const result = parseEvent(hostile);
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('boom') });
  });
});
