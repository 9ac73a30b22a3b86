import { RE2JS } from 're2js';

/**
 * Longest `=~` pattern accepted. Aodh has none (its database compiles whatever it gets);
 * RE2 runs in time linear in the subject, but compiling costs with the pattern's size, so a
 * pattern is bounded too. 1,024 characters is far more than any name or id filter needs.
 */
export const MAX_SEARCH_PATTERN_LENGTH = 1024;

export interface Search {
  test(subject: string): boolean;
}

/**
 * `=~` (Aodh's REGEXP / `~`): an unanchored search, with RE2 semantics, so no pattern can take
 * longer than linear time on any subject (`^(a+)+$` cannot backtrack). RE2 reads a leading
 * `(?i)` itself, as MySQL and PostgreSQL do. RE2 has no backreferences or lookaround: such a
 * pattern does not compile, and the caller refuses it. Undefined when it does not compile.
 */
export function compileSearch(pattern: string): Search | undefined {
  if (pattern.length > MAX_SEARCH_PATTERN_LENGTH) return undefined;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch {
    return undefined;
  }
  return { test: (subject) => compiled.matcher(subject).find() };
}
