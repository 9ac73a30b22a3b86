/**
 * Action URLs carry credentials: Basic-auth userinfo (which Aodh's webhook sends, as requests
 * does), tokens and pre-signed signatures in the query string. Every URL that reaches a log
 * line, an error message, a delivery report or the ledger goes through here first.
 *
 * Limitation: a secret in the path (Slack-style `/services/T…/B…/<secret>`) is not recognised;
 * such receivers should put their secret in a query parameter or the userinfo instead.
 */
export const REDACTED = 'REDACTED';

/** Query parameter names that look like credentials (`token`, `api_key`, `X-Amz-Signature`, `sig`…). */
const SECRET_PARAM = /token|key|secret|sig|passw|pwd|auth|credential|session/i;

export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The query string with secret-looking values replaced, every other byte as it was. */
function redactQuery(search: string): string {
  if (search.length <= 1) return search;
  const parts = search.slice(1).split('&').map((part) => {
    const equals = part.indexOf('=');
    if (equals < 0 || !isSecretParam(decode(part.slice(0, equals)))) return part;
    return `${part.slice(0, equals + 1)}${REDACTED}`;
  });
  return `?${parts.join('&')}`;
}

/**
 * A printable form of an action: userinfo dropped, secret query values replaced, fragment
 * dropped (never sent anyway). Text that does not parse as a URL is redacted by pattern.
 */
export function redactUrl(action: URL | string): string {
  let url: URL;
  try {
    url = typeof action === 'string' ? new URL(action) : action;
  } catch {
    return redactUnparsed(String(action));
  }
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  copy.hash = '';
  // Special schemes normalise what they can; `log://`, `sns://`… keep a raw authority, so
  // drop any userinfo that survived from the text itself.
  const href = copy.href.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  const queryStart = href.indexOf('?');
  return queryStart < 0 ? href : href.slice(0, queryStart) + redactQuery(href.slice(queryStart));
}

function redactUnparsed(text: string): string {
  const withoutUserinfo = text.replace(/(\/\/)[^/?#@]*@/g, '$1');
  const [beforeHash = ''] = withoutUserinfo.split('#', 1);
  const queryStart = beforeHash.indexOf('?');
  return queryStart < 0 ? beforeHash : beforeHash.slice(0, queryStart) + redactQuery(beforeHash.slice(queryStart));
}

/** The secret strings inside an action (raw and decoded), longest first so overlaps redact fully. */
export function secretsOf(action: string): string[] {
  const found = new Set<string>();
  const add = (value: string) => {
    // Very short values would shred unrelated text; they are not credentials worth the damage.
    if (value.length >= 3) found.add(value);
    const decoded = decode(value);
    if (decoded.length >= 3) found.add(decoded);
  };
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(action)?.[1];
  if (authority !== undefined) for (const part of authority.split(':')) add(part);
  const query = action.split('#', 1)[0]?.split('?').slice(1).join('?') ?? '';
  for (const part of query.split('&')) {
    const equals = part.indexOf('=');
    if (equals > 0 && isSecretParam(decode(part.slice(0, equals)))) add(part.slice(equals + 1));
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * Last line of defence for text we did not write ourselves (an unexpected error's message):
 * every secret of `action` is replaced wherever it appears.
 */
export function scrubSecrets(text: string, action: string): string {
  let out = text;
  for (const secret of secretsOf(action)) out = out.split(secret).join(REDACTED);
  return out;
}
