import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NotAuthorizedError } from '../../../shared/errors.js';
import { filterPredicate, parseComplexQuery, projectsNamed, restrictToProject, type FilterNode } from '../../../shared/query/complex-query.js';
import { expectNotAuthorized } from '../../support/expect-error.js';

const parse = (filter: string, target: 'alarm' | 'history' = 'alarm'): FilterNode | undefined => parseComplexQuery({ filter }, target).filter;

describe('restrictToProject', () => {
  it('confines an absent filter to the project', () => {
    expect(restrictToProject(undefined, 'project_id', 'p1')).toEqual({ op: '=', field: 'project_id', value: 'p1' });
  });

  it('wraps a filter as {"and": [{"=": {field: project}}, filter]}', () => {
    const node = parse('{"=": {"name": "x"}}');
    expect(restrictToProject(node, 'on_behalf_of', 'p1')).toEqual({
      op: 'and',
      operands: [{ op: '=', field: 'on_behalf_of', value: 'p1' }, { op: '=', field: 'name', value: 'x' }],
    });
  });

  it('allows comparisons naming the caller’s own project, through the alias too', () => {
    expect(() => restrictToProject(parse('{"or": [{"=": {"project": "p1"}}, {"!=": {"project_id": "p1"}}]}'), 'project_id', 'p1')).not.toThrow();
  });

  it.each([
    ['{"=": {"project_id": "p2"}}', 'Not Authorized to access project p2'],
    ['{"=": {"project": "p2"}}', 'Not Authorized to access project p2'],
    ['{"!=": {"project_id": "p2"}}', 'Not Authorized to access project p2'],
    ['{"=~": {"project_id": "p.*"}}', 'Not Authorized to access project p.*'],
    ['{"=": {"project_id": 42}}', 'Not Authorized to access project 42'],
    ['{"and": [{"=": {"name": "x"}}, {"not": {"=": {"project_id": "p3"}}}]}', 'Not Authorized to access project p3'],
    // Aodh compares an `in` list as a whole with the project id: always refused.
    ['{"in": {"project_id": ["p1"]}}', "Not Authorized to access project ['p1']"],
    ['{"in": {"project_id": ["p1", "p2"]}}', "Not Authorized to access project ['p1', 'p2']"],
  ])('refuses %s for a caller of p1', (filter, message) => {
    expectNotAuthorized(() => restrictToProject(parse(filter), 'project_id', 'p1'), message);
  });

  it('checks the visibility field only: project_id is free in history queries', () => {
    const node = parse('{"=": {"project": "p2"}}', 'history');
    expect(restrictToProject(node, 'on_behalf_of', 'p1')).toMatchObject({ op: 'and' });
    expectNotAuthorized(() => restrictToProject(parse('{"=": {"on_behalf_of": "p2"}}', 'history'), 'on_behalf_of', 'p1'), 'Not Authorized to access project p2');
  });

  it('lists the projects a filter names', () => {
    expect(projectsNamed(parse('{"or": [{"=": {"project": "p1"}}, {"in": {"project_id": ["p2", 3]}}, {"=": {"name": "p4"}}]}'), 'project_id')).toEqual([
      'p1',
      'p2',
      '3',
    ]);
    expect(projectsNamed(undefined, 'project_id')).toEqual([]);
  });

  const project = fc.constantFrom('p1', 'p2', 'p3');
  const leaf: fc.Arbitrary<FilterNode> = fc.oneof(
    fc.record({ op: fc.constantFrom('=', '!=', '<', '>=' as const), field: fc.constantFrom('project_id', 'name'), value: project }),
    fc.record({ op: fc.constant('in' as const), field: fc.constantFrom('name', 'state'), values: fc.array(project, { minLength: 1, maxLength: 2 }) }),
  );
  const { node } = fc.letrec<{ node: FilterNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.record({ op: fc.constantFrom('and', 'or' as const), operands: fc.array(tie('node'), { minLength: 2, maxLength: 3 }) }),
      fc.record({ op: fc.constant('not' as const), operand: tie('node') }),
    ),
  }));

  it('never lets a restricted predicate match a record of another project', () => {
    fc.assert(
      fc.property(fc.option(node, { nil: undefined }), project, project, fc.constantFrom('p1', 'p2', 'x'), (filter, caller, owner, name) => {
        let restricted: FilterNode;
        try {
          restricted = restrictToProject(filter, 'project_id', caller);
        } catch (error) {
          expect(error).toBeInstanceOf(NotAuthorizedError);
          return;
        }
        const matches = filterPredicate(restricted)({ project_id: owner, name, state: name });
        if (owner !== caller) expect(matches).toBe(false);
      }),
    );
  });
});
