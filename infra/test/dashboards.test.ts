import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@sbor/platform';
import { callsOf, exportedTypes, familyOf, groupingLabels, metricNames, variableMetricNames } from './promql.js';

/**
 * The Grafana dashboards (infra/grafana/dashboards) and the Prometheus alert rules
 * (infra/prometheus/alerts.yml) against what a running platform serves on /metrics: a panel or an
 * alert over a metric nobody exports shows nothing and never fires, and nothing else would say so.
 */

const dashboardsDir = new URL('../grafana/dashboards/', import.meta.url);
const alertsFile = new URL('../prometheus/alerts.yml', import.meta.url);

interface Target {
  expr: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Variable {
  name: string;
  type: string;
  query?: string | { query: string };
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
}
interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const dashboards = readdirSync(dashboardsDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ file, dashboard: JSON.parse(readFileSync(new URL(file, dashboardsDir), 'utf8')) as Dashboard }));
const rules = (parse(readFileSync(alertsFile, 'utf8')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

const panelsOf = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);
const queryOf = (variable: Variable) => (typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? ''));

/** Every PromQL expression, named by where it is. */
const expressions: { where: string; expr: string }[] = [
  ...dashboards.flatMap(({ file, dashboard }) =>
    panelsOf(dashboard.panels).flatMap((panel) => (panel.targets ?? []).map((t) => ({ where: `${file}: ${panel.title}`, expr: t.expr }))),
  ),
  ...rules.map((rule) => ({ where: `alerts.yml: ${rule.alert}`, expr: rule.expr })),
];
/** Metric names in variable queries (`label_values(metric, label)`), which are not PromQL. */
const variableMetrics = dashboards.flatMap(({ file, dashboard }) =>
  dashboard.templating.list
    .filter((v) => v.type === 'query')
    .flatMap((v) => variableMetricNames(queryOf(v)).map((name) => ({ where: `${file}: variable ${v.name}`, name }))),
);

/** Series Prometheus makes itself for every target; no service exports them. */
const SCRAPE_SERIES = new Set(['up']);

describe('PromQL reading (the helpers this check relies on)', () => {
  it('finds metric names among functions, label lists, strings, ranges and Grafana variables', () => {
    expect(metricNames('sum by (service, le) (rate(a_bucket{x=~"y{z}|b c"}[$__rate_interval]))')).toEqual(['a_bucket']);
    expect(metricNames('up{job=~"a|b"} == 1 unless on (job, instance) lag_total')).toEqual(['up', 'lag_total']);
    expect(metricNames('histogram_quantile(0.99, sum(rate(h_bucket[5m])) by (le)) > 2e3 and x offset 5m')).toEqual(['h_bucket', 'x']);
    expect(metricNames('g != g')).toEqual(['g']);
    expect(variableMetricNames('label_values(m_total{a="b"}, service)')).toEqual(['m_total']);
    expect(variableMetricNames('label_values(service)')).toEqual([]);
  });

  it('reads the calls of a function, their grouping labels and the exported types', () => {
    expect(callsOf('rate(a[1m]) / rate(b{c=")"}[1m])', 'rate')).toEqual(['a[1m]', 'b{c=""}[1m]']);
    expect(groupingLabels('sum by (service, le) (x) / sum by(le) (y)')).toEqual([['service', 'le'], ['le']]);
    const types = exportedTypes('# HELP h_seconds x\n# TYPE h_seconds histogram\n# TYPE c_total counter\n');
    expect(familyOf('h_seconds_bucket', types)).toEqual({ name: 'h_seconds', type: 'histogram', part: 'bucket' });
    expect(familyOf('c_total', types)).toEqual({ name: 'c_total', type: 'counter' });
    expect(familyOf('c_count', types)).toBeUndefined();
  });
});

describe('Grafana dashboards', () => {
  it('exist, each with a unique uid and panel ids', () => {
    expect(dashboards.map((d) => d.file).sort()).toEqual(['sbor-api.json', 'sbor-facts.json']);
    expect(new Set(dashboards.map((d) => d.dashboard.uid)).size).toBe(dashboards.length);
    for (const { dashboard } of dashboards) {
      const ids = panelsOf(dashboard.panels).map((p) => p.id);
      expect(new Set(ids).size, dashboard.title).toBe(ids.length);
    }
  });

  it('read from the Prometheus chosen in their datasource variable, so they import into any Grafana', () => {
    for (const { file, dashboard } of dashboards) {
      expect(dashboard.templating.list.find((v) => v.name === 'datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
      for (const panel of panelsOf(dashboard.panels).filter((p) => p.targets)) {
        expect(panel.datasource, `${file}: ${panel.title}`).toEqual({ type: 'prometheus', uid: '${datasource}' });
        for (const target of panel.targets!) expect(target.datasource, `${file}: ${panel.title}`).toEqual(panel.datasource);
      }
    }
  });
});

describe('Prometheus alert rules', () => {
  it('cover the outbox, consumer lag, dead letters and server errors, each with a severity and a summary', () => {
    const byMetric = (name: string) => rules.filter((r) => metricNames(r.expr).includes(name)).map((r) => r.alert);
    expect(byMetric('sbor_outbox_oldest_unsent_age_seconds')).not.toEqual([]);
    expect(byMetric('sbor_consumer_lag')).not.toEqual([]);
    expect(byMetric('sbor_messages_dead_lettered_total')).not.toEqual([]);
    expect(rules.filter((r) => r.expr.includes('INTERNAL_SERVER_ERROR')).map((r) => r.alert)).not.toEqual([]);
    for (const rule of rules) {
      expect(rule.labels?.severity, rule.alert).toMatch(/^(warning|critical)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });
});

describe('dashboards and alert rules against /metrics of a running platform', () => {
  let platform: TestPlatform;
  let types: Map<string, string>;

  beforeAll(async () => {
    platform = await startTestPlatform('embedded');
    const urls = [platform.routerUrl, ...Object.values(platform.subgraphUrls)].map((url) => new URL('/metrics', url));
    types = new Map();
    for (const url of urls) {
      const response = await fetch(url);
      expect(response.status, url.toString()).toBe(200);
      for (const [name, type] of exportedTypes(await response.text())) types.set(name, type);
    }
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('uses only metrics that the router or a subgraph exports', () => {
    const used = [...expressions.flatMap(({ where, expr }) => metricNames(expr).map((name) => ({ where, name }))), ...variableMetrics];
    expect(used.length).toBeGreaterThan(30);
    const unknown = used.filter(
      ({ where, name }) => !familyOf(name, types) && !(where.startsWith('alerts.yml') && SCRAPE_SERIES.has(name)),
    );
    expect(unknown).toEqual([]);
  });

  it('takes rate() and increase() of counters and histogram series only, never of a gauge', () => {
    const misused = expressions.flatMap(({ where, expr }) =>
      ['rate', 'irate', 'increase'].flatMap((fn) =>
        callsOf(expr, fn)
          .flatMap((argument) => metricNames(argument))
          .map((name) => ({ where, fn, name, family: familyOf(name, types) }))
          .filter(({ family }) => !family || !(family.type === 'counter' || family.part))
          .map(({ family, ...rest }) => ({ ...rest, type: family?.type })),
      ),
    );
    expect(misused).toEqual([]);
  });

  it('takes histogram_quantile() over a histogram _bucket, grouped by le', () => {
    let quantiles = 0;
    for (const { where, expr } of expressions) {
      for (const argument of callsOf(expr, 'histogram_quantile')) {
        quantiles++;
        const series = metricNames(argument);
        expect(series.length, where).toBeGreaterThan(0);
        for (const name of series) expect(familyOf(name, types), `${where}: ${name}`).toMatchObject({ type: 'histogram', part: 'bucket' });
        const groupings = groupingLabels(argument);
        expect(groupings.length, where).toBeGreaterThan(0);
        for (const labels of groupings) expect(labels, where).toContain('le');
      }
    }
    expect(quantiles).toBeGreaterThan(10);
  });

  it('shows every sbor_ metric a service exports on some dashboard', () => {
    const shown = new Set(
      dashboards.flatMap(({ dashboard }) =>
        panelsOf(dashboard.panels).flatMap((p) =>
          (p.targets ?? []).flatMap((t) => metricNames(t.expr).map((n) => familyOf(n, types)?.name)),
        ),
      ),
    );
    const exported = [...types.keys()].filter((name) => name.startsWith('sbor_'));
    expect(exported.length).toBeGreaterThan(15);
    expect(exported.filter((name) => !shown.has(name))).toEqual([]);
  });
});
