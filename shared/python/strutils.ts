/**
 * oslo_utils.strutils, as Aodh calls it: `bool_from_string(text, strict=True)` validates and
 * converts boolean query values (the API's simple and event queries, and the listener's
 * `boolean` conditions alike).
 */

const TRUE_STRINGS: ReadonlySet<string> = new Set(['1', 't', 'true', 'on', 'y', 'yes']);
const FALSE_STRINGS: ReadonlySet<string> = new Set(['0', 'f', 'false', 'off', 'n', 'no']);

/** `bool_from_string(text, strict=True)`: blanks around and case ignored; undefined where oslo raises. */
export function boolFromString(text: string): boolean | undefined {
  const clean = text.trim().toLowerCase();
  if (TRUE_STRINGS.has(clean)) return true;
  if (FALSE_STRINGS.has(clean)) return false;
  return undefined;
}
