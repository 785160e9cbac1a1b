/**
 * A cost report as plain-text tables: deterministic (no locale, no clock),
 * US dollars to the cent, clusters and environments in id order.
 */
import type { CostLine, CostReport } from './report';

/** `1234567.8` → `1,234,567.80`. */
function grouped(n: number, decimals: number): string {
  const [int, frac] = Math.abs(n).toFixed(decimals).split('.');
  const withCommas = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${withCommas}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Dollars to the cent: `$1,234.50`. */
export function usd(n: number): string {
  return n < 0 ? `-$${grouped(-n, 2)}` : `$${grouped(n, 2)}`;
}

/** A unit price: at least 2 decimals, at most 6, trailing zeros dropped. */
function unitPrice(n: number): string {
  const text = n.toFixed(6).replace(/0+$/, '');
  const decimals = Math.max(2, text.length - text.indexOf('.') - 1);
  return `$${grouped(n, decimals)}`;
}

/** A quantity: whole numbers as they are, others to 2 decimals. */
function quantity(n: number): string {
  return Number.isInteger(n) ? grouped(n, 0) : grouped(n, 2);
}

/** Columns aligned with two spaces between; `right` columns are right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: readonly string[]) => cells.map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)];
}

function lineRows(lines: readonly CostLine[], total: number): string[] {
  const rows = lines.map((l) => [l.service, l.item, quantity(l.quantity), l.unit, unitPrice(l.unitPrice), usd(l.monthly)]);
  rows.push(['', 'total', '', '', '', usd(total)]);
  return table(['service', 'item', 'quantity', 'unit', 'unit price', 'per month'], rows, [2, 4, 5]);
}

const NODE_BASIS = { min: 'minimum', desired: 'desired', max: 'maximum' } as const;

/** The report as text: summary, environments, each cluster's lines, shared lines, the layout comparison, assumptions, notes, sources and exclusions. */
export function formatCostReport(report: CostReport): string {
  const nodeCount = report.assumptions.find((a) => a.name === 'nodeCount')?.value as keyof typeof NODE_BASIS | undefined;
  const out: string[] = [
    `Estimated monthly cost of fleet "${report.fleet}" (USD, ${report.hoursPerMonth} hours a month)`,
    `An estimate, not a quote: AWS list prices from fleetform's table of ${report.pricesReadOn} (sources below), EKS support judged on ${report.supportDate}, nodes counted at their ${NODE_BASIS[nodeCount ?? 'desired']} size.`,
    '',
    ...table(['', 'per month'], [
      ['clusters', usd(report.clusters.reduce((s, c) => s + Math.round(c.monthly * 100), 0) / 100)],
      ['shared (DNS, health checks, CloudFront, fees)', usd(report.sharedMonthly)],
      ['fleet total', usd(report.monthly)],
    ], [1]),
    '',
    'Environments',
    ...table(['environment', 'clusters', 'per month'], report.environments.map((e) => [e.environment, e.clusters.join(', '), usd(e.monthly)]), [2]),
  ];
  for (const c of report.clusters) {
    out.push('', `Cluster ${c.id} (${c.environment}, ${c.region}${c.regionPriced ? '' : ', priced at us-east-1 rates'})`, ...lineRows(c.lines, c.monthly));
  }
  out.push('', 'Shared', ...(report.shared.length > 0 ? lineRows(report.shared, report.sharedMonthly) : ['(none)']));

  const cmp = report.comparison;
  const share = report.monthly > 0 ? ` (${(cmp.overhead / report.monthly * 100).toFixed(1)}% of the fleet total)` : '';
  out.push(
    '',
    `Multi-cluster layout against one cluster of the same node capacity in ${cmp.region}`,
    ...table(['item', 'fleet', 'one cluster', 'difference'], [
      ...cmp.items.map((i) => [i.item, usd(i.fleet), usd(i.single), usd(i.overhead)]),
      ['total', '', '', usd(cmp.overhead)],
    ], [1, 2, 3]),
    `The ${cmp.clusters}-cluster layout costs ${usd(cmp.overhead)} a month more than one cluster${share}, which would cost about ${usd(cmp.singleCluster)}. It buys:`,
    ...(cmp.buys.length > 0 ? cmp.buys.map((b) => `- ${b}`) : ['- nothing over one cluster: the fleet is one cluster']),
    '',
    'Usage assumed (estimateCost options.usage)',
    ...table(['assumption', 'value', 'meaning'], report.assumptions.map((a) => [a.name, String(a.value), a.description]), []),
  );
  if (report.notes.length > 0) out.push('', 'Notes', ...report.notes.map((n) => `- ${n}`));
  out.push(
    '',
    'Prices',
    ...Object.entries(report.sources).map(([key, s]) => `- ${key} (${s.basis}, read ${s.readOn}): ${s.covers}. ${s.source}`),
    '',
    'Not included',
    ...report.excludes.map((e) => `- ${e}`),
  );
  return `${out.join('\n')}\n`;
}
