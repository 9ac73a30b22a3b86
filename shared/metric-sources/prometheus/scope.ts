import { parser } from '@prometheus-io/lezer-promql';
import { InvalidQueryError } from '../errors.js';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** Prometheus label names; the project label is spliced into queries unquoted, so it must be one. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/**
 * §3.3.2 scope_to_project: adds `<label>="<project>"` to every vector selector of `query`
 * (matrix selectors, subqueries, offsets and `@` wrap a vector selector, so they are covered),
 * replacing any matcher the query already had on that label. Everything outside selectors is
 * kept byte for byte, so strings that contain braces or comments cannot confuse the rewrite.
 *
 * Aodh uses python-observabilityclient's text-based helper, which appends the label instead
 * of replacing it; both restrict the query to the project. A query that does not parse is
 * refused (fail closed): an unscoped selector would read other projects' series.
 */
export function scopeToProject(query: string, label: string, project: string): string {
  if (!isLabelName(label)) throw new TypeError(`invalid Prometheus label name for project scoping: ${label}`);
  const tree = parser.parse(query);
  const edits: Array<{ from: number; to: number; text: string }> = [];
  let malformed = false;
  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError || (ref.name === 'StringLiteral' && !isTerminated(query.slice(ref.from, ref.to)))) malformed = true;
      // Selectors never nest, so edits never overlap; their children are still visited for the checks above.
      if (ref.name === 'VectorSelector') edits.push({ from: ref.from, to: ref.to, text: scopedSelector(ref.node, query, label, project) });
    },
  });
  if (malformed) throw new InvalidQueryError('prometheus', `cannot scope the query to project ${project}: invalid PromQL: ${query}`);
  let scoped = query;
  for (const edit of edits.reverse()) scoped = scoped.slice(0, edit.from) + edit.text + scoped.slice(edit.to);
  return scoped;
}

function scopedSelector(selector: SyntaxNode, query: string, label: string, project: string): string {
  const text = (node: SyntaxNode) => query.slice(node.from, node.to);
  const identifier = selector.getChild('Identifier');
  const kept: string[] = [];
  for (let child = selector.getChild('LabelMatchers')?.firstChild; child; child = child.nextSibling) {
    if (child.name === 'UnquotedLabelMatcher') {
      const name = child.getChild('LabelName');
      if (name && text(name) === label) continue;
      kept.push(text(child));
    } else if (child.name === 'QuotedLabelMatcher') {
      const name = child.getChild('QuotedLabelName');
      if (name && unquote(text(name)) === label) continue;
      kept.push(text(child));
    } else if (child.name === 'QuotedLabelName') {
      kept.push(text(child)); // `{"metric.name"}`: a quoted metric name, not a matcher
    }
  }
  // JSON's escapes are a subset of Go's, which PromQL strings use.
  kept.push(`${label}=${JSON.stringify(project)}`);
  return `${identifier ? text(identifier) : ''}{${kept.join(', ')}}`;
}

/** lezer accepts a missing closing quote (for editor use); Prometheus does not. */
function isTerminated(literal: string): boolean {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote) return false;
  if (quote === '`') return true;
  let backslashes = 0;
  for (let i = literal.length - 2; i > 0 && literal[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Good enough to compare label names; an exotic escape only means the old matcher is kept as well. */
function unquote(literal: string): string {
  const inner = literal.slice(1, -1);
  if (literal.startsWith('`')) return inner;
  try {
    const asJson: unknown = JSON.parse(`"${literal.startsWith("'") ? inner.replace(/\\'/g, "'").replace(/"/g, '\\"') : inner}"`);
    return typeof asJson === 'string' ? asJson : inner;
  } catch {
    return inner;
  }
}
