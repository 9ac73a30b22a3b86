import { NotAuthorizedError } from '../errors.js';
import { leavesOf, type FilterNode } from './filter-node.js';
import { pyStr } from '../python/repr.js';

export type VisibilityField = 'project_id' | 'on_behalf_of';

/** The values a filter compares `field` with, as Aodh prints them (`%s`); an `in` list counts once per item. */
export function projectsNamed(node: FilterNode | undefined, field: VisibilityField): string[] {
  if (!node) return [];
  return leavesOf(node)
    .filter((leaf) => leaf.field === field)
    .flatMap((leaf) => (leaf.op === 'in' ? leaf.values.map(pyStr) : [pyStr(leaf.value)]));
}

/**
 * Confines a non-admin's complex query to their project (§6.12): the filter becomes
 * `{"and": [{"=": {field: projectId}}, filter]}`.
 *
 * Any leaf on the visibility field that names something other than the caller's project is a
 * 401, whatever its operator (Aodh's `_check_cross_project_references`). An `in` leaf is
 * compared as a whole list against the project id, as Aodh does, so it is always refused, with
 * the list's Python repr in the message (`Not Authorized to access project ['p1']`).
 */
export function restrictToProject(node: FilterNode | undefined, field: VisibilityField, projectId: string): FilterNode {
  for (const leaf of node ? leavesOf(node) : []) {
    if (leaf.field !== field) continue;
    const named = leaf.op === 'in' ? leaf.values : leaf.value;
    if (named !== projectId) throw new NotAuthorizedError(`Not Authorized to access project ${pyStr(named)}`);
  }
  const restriction: FilterNode = { op: '=', field, value: projectId };
  return node ? { op: 'and', operands: [restriction, node] } : restriction;
}
