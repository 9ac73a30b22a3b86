import { describe, expect, it } from 'vitest';
import { pyUrlSplit, pyUrlUnsplit } from '../../../shared/python/urlsplit.js';

/** Expected values printed by Debian's Python 3.11.2: `urlsplit(url).geturl()` and the parts. */
describe('pyUrlSplit / pyUrlUnsplit', () => {
  it.each([
    ['log://', 'log:', ['log', '', '', '', '']],
    ['test://', 'test:', ['test', '', '', '', '']],
    ['log:', 'log:', ['log', '', '', '', '']],
    ['log://host/x', 'log://host/x', ['log', 'host', '/x', '', '']],
    ['log:///x', 'log:/x', ['log', '', '/x', '', '']],
    ['HTTP://Host:80', 'http://Host:80', ['http', 'Host:80', '', '', '']],
    ['http://h', 'http://h', ['http', 'h', '', '', '']],
    ['http://h?', 'http://h', ['http', 'h', '', '', '']],
    ['http://h/x?a=1#', 'http://h/x?a=1', ['http', 'h', '/x', 'a=1', '']],
    ['http://h/x#frag', 'http://h/x#frag', ['http', 'h', '/x', '', 'frag']],
    ['http://', 'http://', ['http', '', '', '', '']],
    ['https://u:p@h/p?q#f', 'https://u:p@h/p?q#f', ['https', 'u:p@h', '/p', 'q', 'f']],
    ['sns://arn:aws:sns:us-east-1:1:t', 'sns://arn:aws:sns:us-east-1:1:t', ['sns', 'arn:aws:sns:us-east-1:1:t', '', '', '']],
    [' http://h/x', 'http://h/x', ['http', 'h', '/x', '', '']],
    ['http://h/\tx\n', 'http://h/x', ['http', 'h', '/x', '', '']],
    ['test://?a=b', 'test:?a=b', ['test', '', '', 'a=b', '']],
    ['Log://X', 'log://X', ['log', 'X', '', '', '']],
    ['http:h', 'http:///h', ['http', '', 'h', '', '']],
    ['events://', 'events:', ['events', '', '', '', '']],
    ['//h/x', '//h/x', ['', 'h', '/x', '', '']],
    ['noscheme', 'noscheme', ['', '', 'noscheme', '', '']],
    ['1a://h', '1a://h', ['', '', '1a://h', '', '']],
    ['http://[::1]:8/x', 'http://[::1]:8/x', ['http', '[::1]:8', '/x', '', '']],
  ])('%j -> %j', (input, geturl, parts) => {
    const split = pyUrlSplit(input);
    expect(split && [split.scheme, split.netloc, split.path, split.query, split.fragment]).toEqual(parts);
    expect(split && pyUrlUnsplit(split)).toBe(geturl);
  });

  it('fails where Python raises ValueError (Invalid IPv6 URL)', () => {
    expect(pyUrlSplit('http://[::1/x')).toBeUndefined();
    expect(pyUrlSplit('http://::1]/x')).toBeUndefined();
  });
});
