import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAlarmListQuery } from '../../../shared/query/alarm-list-query.js';
import { filterPredicate, parseComplexQuery, restrictToProject } from '../../../shared/query/complex-query.js';
import { parseHistoryQuery } from '../../../shared/query/history-query.js';
import { ALARM_SORT_KEYS, HISTORY_SORT_KEYS, parsePagination } from '../../../shared/query/pagination.js';
import { convertQueryValue, parseSimpleQueries, type QueryParams } from '../../../shared/query/simple-query.js';
import { isClientError } from '../../support/expect-error.js';

/** Runs a parser on client input: it may succeed or refuse with a 400/401, nothing else. */
function onlyClientErrors(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(isClientError(error), String(error)).toBe(true);
  }
}

const anyText = fc.string({ unit: 'binary', maxLength: 12 });
const queryKey = fc.oneof(fc.constantFrom('q.field', 'q.op', 'q.value', 'q.type', 'limit', 'marker', 'sort'), anyText);
const queryValue = fc.oneof(
  anyText,
  fc.constantFrom('', 'eq', 'lt', 'gt', 'ne', 'name', 'project', 'user_id', 'timestamp', 'search_offset', 'all_projects'),
  fc.constantFrom('enabled', 'integer', 'boolean', 'datetime', 'True', '5', '-1', 'name:desc', '2015-01-01', "'x'", '0x1F'),
);
const params: fc.Arbitrary<QueryParams> = fc.dictionary(queryKey, fc.array(queryValue, { maxLength: 4 }));

describe('simple-query parsers on arbitrary query strings', () => {
  it('never throw anything but client errors', () => {
    fc.assert(
      fc.property(params, (query) => {
        onlyClientErrors(() => parseAlarmListQuery(parseSimpleQueries(query)));
        onlyClientErrors(() => parseHistoryQuery(parseSimpleQueries(query)).predicate({
          event_id: 'e', alarm_id: 'a', type: 'creation', detail: '{}', user_id: 'u', project_id: 'p', on_behalf_of: 'p',
          timestamp: '2015-01-01T00:00:00', severity: 'low',
        }));
        onlyClientErrors(() => parsePagination(query, { sortKeys: ALARM_SORT_KEYS, defaultSort: [] }));
        onlyClientErrors(() => parsePagination(query, { sortKeys: HISTORY_SORT_KEYS, defaultSort: [] }));
      }),
      { numRuns: 2000 },
    );
  });

  it('convert any value with any type or none', () => {
    fc.assert(
      fc.property(anyText, fc.oneof(anyText, fc.constantFrom('', 'integer', 'float', 'string', 'boolean', 'datetime')), (value, type) => {
        onlyClientErrors(() => convertQueryValue({ value, type }));
      }),
      { numRuns: 2000 },
    );
  });
});

const target = fc.constantFrom('alarm' as const, 'history' as const);
const field = fc.oneof(fc.constantFrom('name', 'project', 'project_id', 'on_behalf_of', 'timestamp', 'state_timestamp', 'rule', 'user'), anyText);
const op = fc.oneof(fc.constantFrom('=', '!=', '<', '=<', '=>', '=~', 'in', 'IN', 'and', 'Or', 'not'), anyText);
const leafValue = fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('2015-01-01', '(', '[', '\\', '*'));
const value = fc.oneof(leafValue, fc.array(leafValue, { maxLength: 3 }), fc.dictionary(field, leafValue, { maxKeys: 2 }));
const { filterJson } = fc.letrec((tie) => ({
  filterJson: fc.oneof(
    { depthSize: 'small' },
    fc.dictionary(op, fc.dictionary(field, value, { maxKeys: 2 }), { maxKeys: 2 }),
    fc.dictionary(op, fc.array(tie('filterJson'), { maxLength: 3 }), { maxKeys: 2 }),
    fc.dictionary(op, tie('filterJson'), { maxKeys: 1 }),
    value,
  ),
}));
const orderJson = fc.oneof(fc.array(fc.dictionary(field, fc.oneof(fc.constantFrom('asc', 'DESC'), leafValue), { maxKeys: 2 }), { maxLength: 3 }), value);

describe('parseComplexQuery on arbitrary bodies', () => {
  it('never throws anything but client errors on any JSON body', () => {
    fc.assert(fc.property(fc.jsonValue(), target, (body, kind) => onlyClientErrors(() => parseComplexQuery(body, kind))), { numRuns: 1000 });
  });

  it('never throws anything but client errors on arbitrary filter and orderby strings', () => {
    const text = fc.oneof(anyText, fc.string({ unit: fc.constantFrom(...'{}[]":, \\tn0-1.eE+a='), maxLength: 20 }));
    fc.assert(
      fc.property(text, text, target, (filter, orderby, kind) => {
        onlyClientErrors(() => parseComplexQuery({ filter }, kind));
        onlyClientErrors(() => parseComplexQuery({ orderby }, kind));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but client errors on near-grammar filters, then restricts and evaluates them safely', () => {
    fc.assert(
      fc.property(filterJson, orderJson, fc.jsonValue(), target, fc.constantFrom('p1', 'p2'), (filter, orderby, limit, kind, project) => {
        onlyClientErrors(() => {
          const query = parseComplexQuery({ filter: JSON.stringify(filter), orderby: JSON.stringify(orderby), limit }, kind);
          const restricted = restrictToProject(query.filter, kind === 'alarm' ? 'project_id' : 'on_behalf_of', project);
          expect(typeof filterPredicate(restricted)({ project_id: project, on_behalf_of: project, name: 'x', rule: { a: 1 } })).toBe('boolean');
        });
      }),
      { numRuns: 3000 },
    );
  });
});
