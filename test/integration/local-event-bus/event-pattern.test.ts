import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../infra/local/event-pattern.js';
import { LISTENER_EVENT_PATTERN } from '../../../shared/listener/rule-pattern.js';

/**
 * The local bus's pattern subset (what the listener rule needs) against the semantics the
 * EventBridge user guide documents for it ("Event patterns", "anything-but matching"), and
 * its refusal of everything else, so local routing can never quietly differ from AWS's.
 */
const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'compute.instance.create.end',
  source: 'openstack.nova',
  account: '000000000000',
  time: '2024-05-01T12:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { state: 'running' },
};

const matches = (pattern: object, candidate: unknown = event) => compilePattern(pattern)(candidate);

const cases: Array<[string, object, boolean]> = [
  ['exact string', { source: ['openstack.nova'] }, true],
  ['exact string, other value', { source: ['openstack.glance'] }, false],
  ['matching is case-sensitive', { source: ['OpenStack.Nova'] }, false],
  ['OR within a field’s array', { source: ['openstack.glance', 'openstack.nova'] }, true],
  ['AND across fields', { source: ['openstack.nova'], 'detail-type': ['nope'] }, false],
  ['AND across fields, all match', { source: ['openstack.nova'], region: ['us-east-1'], account: ['000000000000'] }, true],
  ['anything-but a list, value not in it', { source: [{ 'anything-but': ['aodh', 'x'] }] }, true],
  ['anything-but a list, value in it', { source: [{ 'anything-but': ['aodh', 'openstack.nova'] }] }, false],
  ['anything-but a single string', { 'detail-type': [{ 'anything-but': 'compute.instance.create.end' }] }, false],
  ['an exact value OR anything-but', { source: ['openstack.nova', { 'anything-but': ['openstack.nova'] }] }, true],
  ['the empty pattern matches everything', {}, true],
];

describe('EventBridge pattern matching (local bus)', () => {
  it.each(cases)('%s', (_name, pattern, expected) => {
    expect(matches(pattern)).toBe(expected);
  });

  it.each([
    ['a source other than aodh', 'openstack.nova', true],
    ['a custom source', 'com.example.orders', true],
    ["the service's own notifications (source aodh)", 'aodh', false],
  ])('the listener rule routes %s: %s', (_name, source, expected) => {
    expect(matches(LISTENER_EVENT_PATTERN, { ...event, source })).toBe(expected);
  });

  it('never matches an envelope whose field is missing or not a string', () => {
    expect(matches(LISTENER_EVENT_PATTERN, { ...event, source: undefined })).toBe(false);
    expect(matches(LISTENER_EVENT_PATTERN, { ...event, source: ['openstack.nova'] })).toBe(false);
    expect(matches(LISTENER_EVENT_PATTERN, null)).toBe(false);
  });

  it.each<[string, object, RegExp]>([
    ['an unsupported operator', { source: [{ cidr: '10.0.0.0/24' }] }, /source: unsupported operator "cidr"/],
    ['prefix, which the listener rule does not use', { source: [{ prefix: 'openstack' }] }, /unsupported operator "prefix"/],
    ['a nested (detail) field', { detail: { state: ['running'] } }, /detail: only source, detail-type, account, region/],
    ['$or', { $or: [{ source: ['a'] }, { source: ['b'] }] }, /\$or: only source/],
    ['a field that is not an array', { source: 'aodh' }, /source: values must be non-empty arrays/],
    ['an empty array', { source: [] }, /source: values must be non-empty arrays/],
    ['a number alternative', { source: [5] }, /cannot match 5/],
    ['anything-but of a prefix', { source: [{ 'anything-but': { prefix: 'a' } }] }, /anything-but expects a string or a list of strings/],
    ['anything-but of numbers', { source: [{ 'anything-but': [1] }] }, /anything-but expects/],
    ['a condition with two operators', { source: [{ 'anything-but': 'a', prefix: 'b' }] }, /takes one operator/],
    ['an array as the pattern', [], /<root>: a pattern is a JSON object/],
  ])('rejects %s when compiled, before any event arrives', (_name, pattern, message) => {
    expect(() => compilePattern(pattern)).toThrow(message);
  });

  it('validates alternatives a match would never reach', () => {
    expect(() => compilePattern({ source: ['openstack.nova', { cidr: '10.0.0.0/8' }] })).toThrow(/unsupported operator/);
  });
});
