/**
 * Python's `urllib.parse.urlsplit` and `SplitResult.geturl()` (3.11, as Debian ships it),
 * for action URLs: Aodh parses every action this way and stores what `geturl()` gives back,
 * so `log://` is stored as `log:` and `HTTP://h?` as `http://h`.
 */
export interface PySplitResult {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

/** Schemes for which urlunsplit writes `//` even with an empty network location. */
const USES_NETLOC = new Set([
  '', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews',
  'prospero', 'rtsp', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss',
]);

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** The parts, or undefined where Python raises ValueError (unbalanced IPv6 brackets). */
export function pyUrlSplit(text: string): PySplitResult | undefined {
  // bpo-43882 and CVE-2023-24329: tabs and newlines go anywhere, C0 controls and spaces in front.
  let url = text.replace(/[\t\r\n]/g, '').replace(/^[\u0000-\u0020]+/, '');
  let scheme = '';
  const match = SCHEME.exec(url);
  if (match?.[1] !== undefined) {
    scheme = match[1].toLowerCase();
    url = url.slice(match[0].length);
  }
  let netloc = '';
  if (url.startsWith('//')) {
    const end = url.slice(2).search(/[/?#]/);
    netloc = end < 0 ? url.slice(2) : url.slice(2, 2 + end);
    url = end < 0 ? '' : url.slice(2 + end);
    if (netloc.includes('[') !== netloc.includes(']')) return undefined;
  }
  let fragment = '';
  const hash = url.indexOf('#');
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  let query = '';
  const question = url.indexOf('?');
  if (question >= 0) {
    query = url.slice(question + 1);
    url = url.slice(0, question);
  }
  return { scheme, netloc, path: url, query, fragment };
}

/** `urlunsplit`, i.e. `SplitResult.geturl()`: empty query and fragment disappear. */
export function pyUrlUnsplit({ scheme, netloc, path, query, fragment }: PySplitResult): string {
  let url = path;
  if (netloc !== '' || (scheme !== '' && USES_NETLOC.has(scheme) && !url.startsWith('//'))) {
    if (url !== '' && !url.startsWith('/')) url = `/${url}`;
    url = `//${netloc}${url}`;
  }
  if (scheme !== '') url = `${scheme}:${url}`;
  if (query !== '') url = `${url}?${query}`;
  if (fragment !== '') url = `${url}#${fragment}`;
  return url;
}
