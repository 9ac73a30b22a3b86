import { describe, expect, it } from 'vitest';
import { compilePattern, matchesPattern } from '../../../infra/local/event-pattern.js';
import { LISTENER_EVENT_PATTERN } from '../../../shared/listener/rule-pattern.js';

/**
 * The local bus's pattern matcher against the semantics the EventBridge user guide documents
 * ("Event patterns", "Content filtering in Amazon EventBridge event patterns"), one row per rule.
 */
const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'compute.instance.create.end',
  source: 'openstack.nova',
  account: '000000000000',
  time: '2024-05-01T12:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:000000000000:instance/i-1', 'arn:aws:ec2:us-east-1:000000000000:instance/i-2'],
  detail: {
    state: 'running',
    count: 5,
    ratio: 0.25,
    enabled: true,
    nothing: null,
    empty: '',
    tags: ['blue', 'prod'],
    sizes: [1, 50],
    nested: { zone: 'az1', depth: { level: 3 } },
    volumes: [
      { id: 'v-1', size: 10 },
      { id: 'v-2', size: 200 },
    ],
    emptyList: [],
    teams: [[{ lead: 'ann', size: 3 }], [{ lead: 'bob', size: 7 }]],
    literal: 'a*b\\c',
  },
};

const cases: Array<[string, object, boolean]> = [
  // Exact values: strings, numbers (compared as numbers), booleans, null, empty strings.
  ['exact string', { source: ['openstack.nova'] }, true],
  ['exact string, other value', { source: ['openstack.glance'] }, false],
  ['OR within a key’s array', { source: ['openstack.glance', 'openstack.nova'] }, true],
  ['AND across keys', { source: ['openstack.nova'], 'detail-type': ['nope'] }, false],
  ['exact number', { detail: { count: [5] } }, true],
  ['a string never equals a number', { detail: { count: ['5'] } }, false],
  ['exact boolean', { detail: { enabled: [true] } }, true],
  ['null matches a null value', { detail: { nothing: [null] } }, true],
  ['null does not match an absent field', { detail: { missing: [null] } }, false],
  ['empty string matches an empty string', { detail: { empty: [''] } }, true],
  ['matching is case-sensitive', { detail: { state: ['Running'] } }, false],
  // Arrays in the event: the pattern matches if any element does.
  ['array: one element matches', { resources: ['arn:aws:ec2:us-east-1:000000000000:instance/i-2'] }, true],
  ['array of strings', { detail: { tags: ['prod'] } }, true],
  ['array, no element matches', { detail: { tags: ['green'] } }, false],
  ['array of numbers, numeric range', { detail: { sizes: [{ numeric: ['>', 40] }] } }, true],
  ['empty array holds no value', { detail: { emptyList: [{ exists: true }] } }, false],
  // Nested objects.
  ['nested object', { detail: { nested: { zone: ['az1'] } } }, true],
  ['deeply nested', { detail: { nested: { depth: { level: [3] } } } }, true],
  ['nested, other value', { detail: { nested: { zone: ['az2'] } } }, false],
  ['nested pattern over an absent object', { detail: { ghost: { zone: ['az1'] } } }, false],
  ['array of objects: one element matches', { detail: { volumes: { size: [200] } } }, true],
  ['array of objects: all keys from one element', { detail: { volumes: { id: ['v-2'], size: [200] } } }, true],
  ['array of objects: keys from different elements', { detail: { volumes: { id: ['v-1'], size: [200] } } }, false],
  ['arrays of arrays of objects are crushed out', { detail: { teams: { lead: ['bob'], size: [7] } } }, true],
  ['…still one object at a time', { detail: { teams: { lead: ['ann'], size: [7] } } }, false],
  // prefix / suffix / equals-ignore-case / wildcard.
  ['prefix', { source: [{ prefix: 'openstack.' }] }, true],
  ['prefix, no match', { source: [{ prefix: 'aws.' }] }, false],
  ['prefix on a number never matches', { detail: { count: [{ prefix: '5' }] } }, false],
  ['suffix', { 'detail-type': [{ suffix: '.end' }] }, true],
  ['suffix, no match', { 'detail-type': [{ suffix: '.start' }] }, false],
  ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'RUNNING' }] } }, true],
  ['wildcard', { 'detail-type': [{ wildcard: 'compute.*.end' }] }, true],
  ['wildcard, no match', { 'detail-type': [{ wildcard: 'volume.*' }] }, false],
  ['wildcard with escaped star and backslash', { detail: { literal: [{ wildcard: 'a\\*b\\\\c' }] } }, true],
  ['wildcard: an escaped star is no wildcard', { detail: { literal: [{ wildcard: 'a\\*' }] } }, false],
  ['wildcard: regex characters are literal', { 'detail-type': [{ wildcard: 'compute.instance.create.en?' }] }, false],
  // anything-but: a value, a list, a prefix or suffix; never matches an absent field.
  ['anything-but value', { source: [{ 'anything-but': 'aodh' }] }, true],
  ['anything-but value, excluded', { source: [{ 'anything-but': 'openstack.nova' }] }, false],
  ['anything-but list', { source: [{ 'anything-but': ['aodh', 'openstack.nova'] }] }, false],
  ['anything-but number', { detail: { count: [{ 'anything-but': [4, 6] }] } }, true],
  ['anything-but number, excluded', { detail: { count: [{ 'anything-but': 5 }] } }, false],
  ['anything-but prefix', { source: [{ 'anything-but': { prefix: 'aws.' } }] }, true],
  ['anything-but prefix, excluded', { source: [{ 'anything-but': { prefix: 'openstack.' } }] }, false],
  ['anything-but suffix, excluded', { 'detail-type': [{ 'anything-but': { suffix: '.end' } }] }, false],
  ['anything-but over an array: one element outside the list', { detail: { tags: [{ 'anything-but': ['blue'] }] } }, true],
  ['anything-but does not match an absent field', { detail: { missing: [{ 'anything-but': 'x' }] } }, false],
  // exists.
  ['exists: true on a present leaf', { detail: { state: [{ exists: true }] } }, true],
  ['exists: true on a null leaf', { detail: { nothing: [{ exists: true }] } }, true],
  ['exists: true on an absent field', { detail: { missing: [{ exists: true }] } }, false],
  ['exists: false on an absent field', { detail: { missing: [{ exists: false }] } }, true],
  ['exists: false on a present leaf', { detail: { state: [{ exists: false }] } }, false],
  ['exists: false under an absent object', { detail: { ghost: { zone: [{ exists: false }] } } }, true],
  ['exists only sees leaves: an object is no leaf', { detail: { nested: [{ exists: true }] } }, false],
  // numeric.
  ['numeric >', { detail: { count: [{ numeric: ['>', 4] }] } }, true],
  ['numeric range', { detail: { ratio: [{ numeric: ['>=', 0, '<', 1] }] } }, true],
  ['numeric range, outside', { detail: { count: [{ numeric: ['>', 0, '<=', 4] }] } }, false],
  ['numeric =', { detail: { count: [{ numeric: ['=', 5] }] } }, true],
  ['numeric on a string never matches', { detail: { state: [{ numeric: ['>', 0] }] } }, false],
  ['numeric on an absent field', { detail: { missing: [{ numeric: ['>', 0] }] } }, false],
  // OR of conditions in one array, and $or across keys.
  ['array mixes values and conditions', { source: ['x', { prefix: 'openstack' }] }, true],
  ['$or: one branch matches', { $or: [{ source: ['x'] }, { detail: { count: [5] } }] }, true],
  ['$or: no branch matches', { $or: [{ source: ['x'] }, { detail: { count: [6] } }] }, false],
  ['the empty pattern matches everything', {}, true],
];

describe('EventBridge pattern matching (local bus)', () => {
  it.each(cases)('%s', (_name, pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  it.each([
    ['a source other than aodh', 'openstack.nova', true],
    ['a custom source', 'com.example.orders', true],
    ["the service's own notifications (source aodh)", 'aodh', false],
  ])('the listener rule routes %s: %s', (_name, source, expected) => {
    expect(matchesPattern(LISTENER_EVENT_PATTERN, { ...event, source })).toBe(expected);
  });

  it.each<[string, object, RegExp]>([
    ['an unsupported operator', { source: [{ cidr: '10.0.0.0/24' }] }, /source: unsupported operator "cidr"/],
    ['a leaf that is not an array', { source: 'aodh' }, /source: values must be arrays or objects/],
    ['an empty array', { source: [] }, /source: an empty array/],
    ['a numeric with an odd operand list', { detail: { count: [{ numeric: ['>'] }] } }, /detail\.count: numeric expects/],
    ['a numeric with an unknown operator', { detail: { count: [{ numeric: ['!=', 1] }] } }, /bad numeric comparison/],
    ['exists with a non-boolean', { source: [{ exists: 'yes' }] }, /exists expects true or false/],
    ['anything-but of a wildcard', { source: [{ 'anything-but': { wildcard: 'a*' } }] }, /anything-but does not take "wildcard"/],
    ['a condition with two operators', { source: [{ prefix: 'a', suffix: 'b' }] }, /takes one operator/],
    ['consecutive wildcards', { source: [{ wildcard: 'a**' }] }, /consecutive \*/],
    ['a wildcard escaping another character', { source: [{ wildcard: 'a\\b' }] }, /wildcard escapes only/],
    ['anything-but mixing strings and numbers', { source: [{ 'anything-but': ['a', 1] }] }, /not both/],
    ['$or with one branch', { $or: [{ source: ['a'] }] }, /\$or expects at least two patterns/],
  ])('rejects %s when compiled, before any event arrives', (_name, pattern, message) => {
    expect(() => compilePattern(pattern)).toThrow(message);
  });

  it('validates branches a match would never reach', () => {
    // The first alternative matches the event, yet the bad second alternative is still reported.
    expect(() => compilePattern({ source: ['openstack.nova', { cidr: '10.0.0.0/8' }] })).toThrow(/unsupported operator/);
  });
});
