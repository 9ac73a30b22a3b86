import fc from 'fast-check';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { InvalidQueryError } from '../../../shared/metric-sources/errors.js';
import { scopeToProject } from '../../../shared/metric-sources/prometheus/scope.js';

const scope = (query: string, project = 'p1', label = 'project') => scopeToProject(query, label, project);

describe('scopeToProject', () => {
  it.each([
    ['a bare metric name', 'cpu_util', 'cpu_util{project="p1"}'],
    ['a selector with matchers', 'cpu_util{host="a"}', 'cpu_util{host="a", project="p1"}'],
    ['a name-less selector', '{__name__="cpu_util"}', '{__name__="cpu_util", project="p1"}'],
    ['a trailing comma in the matchers', 'cpu{a="b",}', 'cpu{a="b", project="p1"}'],
    ['empty matchers', 'cpu{}', 'cpu{project="p1"}'],
    ['every matcher operator', 'm{a!="1",b=~"x.*",c!~"y"}', 'm{a!="1", b=~"x.*", c!~"y", project="p1"}'],
    ['a metric name with colons', 'job:cpu:rate5m', 'job:cpu:rate5m{project="p1"}'],
    ['a function over a range vector', 'rate(http_requests_total[5m])', 'rate(http_requests_total{project="p1"}[5m])'],
    ['nested functions', 'abs(delta(cpu[1h]))', 'abs(delta(cpu{project="p1"}[1h]))'],
    ['an aggregation with by', 'sum by (host) (cpu)', 'sum by (host) (cpu{project="p1"})'],
    ['an aggregation with a trailing without', 'avg(cpu) without (core)', 'avg(cpu{project="p1"}) without (core)'],
    ['topk with a parameter', 'topk(3, cpu)', 'topk(3, cpu{project="p1"})'],
    ['count_values with a string parameter', 'count_values("v{}", cpu)', 'count_values("v{}", cpu{project="p1"})'],
    ['a binary operation between selectors', 'a / b', 'a{project="p1"} / b{project="p1"}'],
    ['on and group_left', 'a * on(host) group_left(role) b', 'a{project="p1"} * on(host) group_left(role) b{project="p1"}'],
    ['ignoring', 'a - ignoring(core) b', 'a{project="p1"} - ignoring(core) b{project="p1"}'],
    ['a comparison with bool', 'cpu > bool 90', 'cpu{project="p1"} > bool 90'],
    ['set operators', 'a and b or c unless d', 'a{project="p1"} and b{project="p1"} or c{project="p1"} unless d{project="p1"}'],
    ['an offset', 'cpu offset 5m', 'cpu{project="p1"} offset 5m'],
    ['an offset on a range', 'rate(cpu[5m] offset 1h)', 'rate(cpu{project="p1"}[5m] offset 1h)'],
    ['an @ timestamp', 'cpu @ 1609746000', 'cpu{project="p1"} @ 1609746000'],
    ['@ end()', 'cpu @ end()', 'cpu{project="p1"} @ end()'],
    ['a subquery', 'max_over_time(rate(cpu[1m])[10m:1m])', 'max_over_time(rate(cpu{project="p1"}[1m])[10m:1m])'],
    ['a subquery with the default step', 'avg_over_time(cpu[10m:])', 'avg_over_time(cpu{project="p1"}[10m:])'],
    ['parentheses and unary minus', '-(cpu)', '-(cpu{project="p1"})'],
    ['a histogram quantile', 'histogram_quantile(0.9, sum by (le) (rate(lat_bucket[5m])))', 'histogram_quantile(0.9, sum by (le) (rate(lat_bucket{project="p1"}[5m])))'],
    ['label_replace with braces in strings', 'label_replace(up{job="a"}, "dst", "}{$1", "src", "(.*)}")', 'label_replace(up{job="a", project="p1"}, "dst", "}{$1", "src", "(.*)}")'],
    ['a matcher value with braces and escaped quotes', 'cpu{path="/a/{id}\\"x"}', 'cpu{path="/a/{id}\\"x", project="p1"}'],
    ['single-quoted and raw strings', "cpu{a='x', b=`y`}", 'cpu{a=\'x\', b=`y`, project="p1"}'],
    ['a regex matcher on another label', 'cpu{host=~"web-[0-9]+"}', 'cpu{host=~"web-[0-9]+", project="p1"}'],
    ['vector() and scalars, which read no series', 'cpu or vector(0)', 'cpu{project="p1"} or vector(0)'],
    ['a number', '42', '42'],
    ['a string', '"{x}"', '"{x}"'],
    ['absent()', 'absent(up{job="x"})', 'absent(up{job="x", project="p1"})'],
    ['a multi-line query with a comment', 'sum(\n  cpu # usage {\n)', 'sum(\n  cpu{project="p1"} # usage {\n)'],
  ])('scopes %s', (_, query, expected) => {
    expect(scope(query)).toBe(expected);
  });

  it.each([
    ['an equality matcher', 'cpu{project="other"}', 'cpu{project="p1"}'],
    ['a regex matcher', 'cpu{project=~".+",host="a"}', 'cpu{host="a", project="p1"}'],
    ['a negative matcher', 'cpu{host="a", project!="p1"}', 'cpu{host="a", project="p1"}'],
    ['a quoted label name', 'cpu{"project"="other"}', 'cpu{project="p1"}'],
  ])('replaces %s on the project label', (_, query, expected) => {
    expect(scope(query)).toBe(expected);
  });

  it('uses the configured label and escapes the project id as a PromQL string', () => {
    expect(scope('cpu', 'a"b\\c', 'tenant')).toBe('cpu{tenant="a\\"b\\\\c"}');
  });

  it.each(['cpu{', 'sum(cpu', 'cpu{a="x}', 'rate(cpu[5m)', 'cpu +', ')'])('refuses to scope the invalid query %j', (query) => {
    expect(() => scope(query)).toThrow(InvalidQueryError);
  });

  it('rejects a project label that is not a label name', () => {
    expect(() => scopeToProject('cpu', 'bad-label', 'p1')).toThrow(TypeError);
  });

  it('always yields a query that parses and scopes every selector, whatever the project id', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('cpu', 'a / on(x) b{y="}"}', 'sum(rate(m{project="z"}[5m] offset 1m))'), (project, query) => {
        const scoped = scope(query, project);
        let errors = 0;
        let selectors = 0;
        parser.parse(scoped).iterate({
          enter: (node) => {
            if (node.type.isError) errors++;
            if (node.name === 'VectorSelector') selectors++;
          },
        });
        expect(errors).toBe(0);
        expect(scoped.split(`project=${JSON.stringify(project)}`).length - 1).toBe(selectors);
      }),
    );
  });
});
