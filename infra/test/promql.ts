/**
 * Just enough PromQL reading to check dashboards and alert rules against the metrics the services
 * export: which metric names an expression selects, and what its rate() and histogram_quantile()
 * calls are applied to. Not a parser: it strips what cannot be a metric name (strings, label
 * matchers, ranges, label lists, Grafana variables, numbers) and reads the identifiers left.
 */

/** Words of the language that can stand where a metric name could (functions are told by their `(`). */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'inf',
  'nan',
]);

const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
/** Grafana's `$__rate_interval`, `$service`, `${datasource}`. */
const GRAFANA_VARIABLE = /\$\{[^}]*\}|\$\w+/g;
const LABEL_LIST = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
const IDENTIFIER = /(?<![\w:.$])[A-Za-z_:][\w:]*/g;

/** The expression with strings emptied and Grafana variables removed; brackets and braces kept. */
function withoutStrings(expr: string): string {
  return expr.replace(STRING, '""').replace(GRAFANA_VARIABLE, '');
}

/** Every metric name an expression selects, in order of first use. */
export function metricNames(expr: string): string[] {
  const bare = withoutStrings(expr)
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(LABEL_LIST, ' ');
  const names = new Set<string>();
  for (const match of bare.matchAll(IDENTIFIER)) {
    const name = match[0];
    const followedBy = bare.slice(match.index + name.length);
    if (/^\s*\(/.test(followedBy) || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names];
}

/** The metric of a Grafana `label_values(metric{…}, label)` variable query; none for `label_values(label)`. */
export function variableMetricNames(query: string): string[] {
  const call = /^\s*label_values\((.*),\s*\w+\s*\)\s*$/.exec(query);
  if (call) return metricNames(call[1]!);
  if (/^\s*label_values\(\s*\w+\s*\)\s*$/.test(query)) return [];
  return metricNames(query);
}

/** The argument text of every call of `fn` in `expr` (balanced parentheses), strings emptied. */
export function callsOf(expr: string, fn: string): string[] {
  const text = withoutStrings(expr);
  const calls: string[] = [];
  for (const match of text.matchAll(new RegExp(`\\b${fn}\\s*\\(`, 'g'))) {
    const start = match.index + match[0].length;
    let depth = 1;
    let end = start;
    while (end < text.length && depth > 0) {
      if (text[end] === '(') depth++;
      if (text[end] === ')') depth--;
      end++;
    }
    if (depth !== 0) throw new Error(`unbalanced parentheses after ${fn}( in: ${expr}`);
    calls.push(text.slice(start, end - 1));
  }
  return calls;
}

/** Label names of every `by (…)` in `expr`. */
export function groupingLabels(expr: string): string[][] {
  return [...withoutStrings(expr).matchAll(/\bby\s*\(([^)]*)\)/g)].map((m) =>
    m[1]!
      .split(',')
      .map((label) => label.trim())
      .filter(Boolean),
  );
}

/** `# TYPE name type` lines of a Prometheus text exposition. */
export function exportedTypes(exposition: string): Map<string, string> {
  return new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** The metric a series name belongs to: a histogram's `_bucket`, `_sum` and `_count` are its own. */
export function familyOf(series: string, types: ReadonlyMap<string, string>): { name: string; type: string; part?: string } | undefined {
  const direct = types.get(series);
  if (direct) return { name: series, type: direct };
  const part = /_(bucket|sum|count)$/.exec(series)?.[1];
  const base = part ? series.slice(0, -part.length - 1) : undefined;
  const type = base ? types.get(base) : undefined;
  return base && (type === 'histogram' || type === 'summary') ? { name: base, type, part } : undefined;
}
