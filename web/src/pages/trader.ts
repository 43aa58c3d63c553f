import { api, qs, type Page, type Summary } from '../api';
import { fmtDate, fmtDateTime, fmtMoney, fmtMonth, fmtNumber, fmtPercent, t, tk } from '../i18n';
import { dl, h, laneBadge, table } from '../ui';
import { laneLabel } from './queues';
import type { PageContext } from '../main';

interface Profile {
  taxId: string;
  enterprise: { taxId: string; name: string; address?: string; status?: string; provisional?: boolean; aeo?: boolean; registrationDate?: string | null } | null;
  declarations: number;
  firstFiledAt: string | null;
  lastFiledAt: string | null;
  inspections: number;
  violations: number;
  months: { month: string; lane: string; declarations: number; currency: string; value: number }[];
  chapters: { chapter: string; items: number; currency: string; value: number }[];
  origins: { country: string; items: number; currency: string; value: number }[];
  unitValues: { hsCode: string; unit: string; currency: string; count: number; median: number; q1: number; q3: number; usualLow: number; usualHigh: number }[];
  findings: { outcome: string; count: number; revenueAdjustment: number }[];
  offences?: { seizureId: number; day: string; role: string; category: string }[]; // staff only
}

function sumBy<T>(rows: T[], key: (r: T) => string, value: (r: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + value(r));
  return m;
}

// What the officer should notice first about this trader.
function warnings(p: Profile): string[] {
  const out: string[] = [];
  if (p.offences?.length) out.push(t('warnOffences', { n: fmtNumber(p.offences.length) }));
  if (p.violations > 0) out.push(t('warnViolations', { n: fmtNumber(p.violations), m: fmtNumber(p.inspections) }));
  const red = p.months.filter((m) => m.lane === 'red').reduce((a, m) => a + m.declarations, 0);
  const total = p.months.reduce((a, m) => a + m.declarations, 0);
  if (total >= 10 && red / total > 0.05) out.push(t('warnRedShare', { p: fmtPercent(red / total) }));
  if (p.enterprise?.provisional) out.push(t('warnProvisional'));
  if (p.enterprise?.status && p.enterprise.status !== 'active') out.push(t('warnStatus', { s: tk('entStatus_', p.enterprise.status) }));
  return out;
}

export async function traderPage({ root, params }: PageContext): Promise<void> {
  const taxId = params.taxId;
  // ECharts loads while the data is fetched.
  const charts = import('../charts');
  const [p, recent] = await Promise.all([
    api<Profile>('GET', `/api/v1/traders/${encodeURIComponent(taxId)}/profile`),
    api<Page<Summary>>('GET', `/api/v1/declarations${qs({ trader: taxId, limit: 10 })}`),
  ]);
  const e = p.enterprise;
  root.append(
    h('h1', null, `${t('profile')}: ${e?.name ?? taxId}`),
    dl([
      [t('trader'), taxId],
      [t('address'), e?.address ?? '–'],
      [t('status'), e?.status ? tk('entStatus_', e.status) : '–'],
      [t('registered'), fmtDate(e?.registrationDate ?? null)],
      [t('aeo'), e ? (e.aeo ? t('yes') : t('no')) : '–'],
      [t('declarations'), fmtNumber(p.declarations)],
      [t('firstFiled'), fmtDateTime(p.firstFiledAt)],
      [t('lastFiled'), fmtDateTime(p.lastFiledAt)],
      [t('inspections'), fmtNumber(p.inspections)],
      [t('violations'), fmtNumber(p.violations)],
    ]),
  );
  const warn = warnings(p);
  root.append(
    h('section', { class: 'card', 'data-testid': 'warnings' }, h('h2', null, t('warnings')), warn.length ? h('ul', { class: 'warnings' }, ...warn.map((w) => h('li', null, w))) : h('p', { class: 'muted' }, t('noWarnings'))),
  );

  const months = [...new Set(p.months.map((m) => m.month))].sort();
  const byLane = (lane: string) => months.map((mo) => p.months.filter((m) => m.month === mo && m.lane === lane).reduce((a, m) => a + m.declarations, 0));
  const monthsChart = h('div', { class: 'chart', 'data-testid': 'chart-months' });
  const chapters = [...sumBy(p.chapters, (c) => c.chapter, (c) => c.items)].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const chaptersChart = h('div', { class: 'chart' });
  const origins = [...sumBy(p.origins, (o) => o.country, (o) => o.items)].sort((a, b) => b[1] - a[1]);
  const originsChart = h('div', { class: 'chart' });
  root.append(
    h('div', { class: 'charts' },
      h('section', { class: 'card' }, h('h2', null, t('historyByMonth')), monthsChart),
      h('section', { class: 'card' }, h('h2', null, t('chapters')), chaptersChart),
      h('section', { class: 'card' }, h('h2', null, t('origins')), originsChart)),
  );

  const cur = (c: string) => c;
  root.append(
    h('section', { class: 'card' }, h('h2', null, t('findings')),
      p.findings.length ? table([t('outcome'), t('count'), t('revenueAdjustment')], p.findings.map((f) => [tk('outcome_', f.outcome), fmtNumber(f.count), fmtNumber(f.revenueAdjustment, 2)])) : h('p', { class: 'muted' }, t('noInspections'))),
    ...(p.offences?.length
      ? [h('section', { class: 'card', 'data-testid': 'offences' }, h('h2', null, t('offences')),
          table([t('kind_seizure'), t('date'), t('role'), t('category')], p.offences.map((o) => [h('a', { href: `/seizures/${o.seizureId}`, 'data-link': '' }, String(o.seizureId)), fmtDate(o.day), tk('partyRole_', o.role), tk('cat_', o.category)])))]
      : []),
    h('section', { class: 'card' }, h('h2', null, t('unitValues')),
      table([t('hsCode'), t('count'), t('median'), t('usualRange')], p.unitValues.slice(0, 15).map((u) => [`${u.hsCode} (${u.unit})`, fmtNumber(u.count), fmtMoney(u.median, cur(u.currency)), `${fmtMoney(u.usualLow, u.currency)} – ${fmtMoney(u.usualHigh, u.currency)}`]))),
    h('section', { class: 'card' }, h('h2', null, t('recentDeclarations')),
      table([t('id'), t('reference'), t('lane'), t('status'), t('value'), t('filedAt')], recent.items.map((d) => [h('a', { href: `/declarations/${d.id}`, 'data-link': '' }, String(d.id)), d.declarantReference, laneBadge(d.lane, laneLabel(d.lane)), tk('status_', d.status), fmtMoney(d.invoiceAmount, d.currency), fmtDateTime(d.filedAt)]))),
  );

  // Charts come last: the data above is on screen while ECharts loads.
  const c = await charts;
  c.stackedBars(monthsChart, months.map(fmtMonth), (['green', 'yellow', 'red'] as const).map((l) => ({ name: laneLabel(l), data: byLane(l), color: c.LANE_COLORS[l] })), (n) => fmtNumber(n));
  c.bars(chaptersChart, chapters.map(([k]) => k), chapters.map(([, v]) => v), (n) => fmtNumber(n), true);
  c.pie(originsChart, origins.map(([k, v]) => ({ name: k, value: v })), (n) => fmtNumber(n));
}
