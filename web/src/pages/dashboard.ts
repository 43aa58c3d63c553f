import { api, qs } from '../api';
import { fmtDate, fmtNumber, fmtPercent, t, tk } from '../i18n';
import { dl, field, h } from '../ui';
import { laneLabel } from './queues';
import { navigate, type PageContext } from '../main';

const PERIODS = [7, 30, 90];
const LANES = ['green', 'yellow', 'red'] as const;

interface SeizureStats {
  seizures: number;
  byCategory: { key: string; seizures: number }[];
}

interface Stats {
  days: { day: string; green: number; yellow: number; red: number }[];
  hitRates: { lane: string; inspected: number; hits: number; rate: number }[];
  topReasons: { code: string; declarations: number; red: number }[];
  queues: Record<string, number>;
}

function isoDay(msAgo: number): string {
  return new Date(Date.now() - msAgo).toISOString().slice(0, 10);
}

export async function dashboardPage({ root, query }: PageContext): Promise<void> {
  // ECharts loads while the counts are fetched.
  const charts = import('../charts');
  const days = PERIODS.includes(Number(query.get('days'))) ? Number(query.get('days')) : 30;
  const period = h('select', { 'data-testid': 'period', onchange: (e: Event) => navigate(`/dashboard?days=${(e.target as HTMLSelectElement).value}`) }, ...PERIODS.map((d) => h('option', { value: String(d), selected: d === days }, t('lastDays', { n: d }))));
  root.append(h('h1', null, t('dashboard')), h('div', { class: 'filters' }, field(t('period'), period)));
  const from = isoDay((days - 1) * 86400e3);
  const [s, seized] = await Promise.all([
    api<Stats>('GET', `/api/v1/stats/declarations${qs({ from, top: 10 })}`),
    api<SeizureStats>('GET', `/api/v1/enforcement/stats${qs({ from })}`),
  ]);

  const dayKeys: string[] = [];
  for (let i = days - 1; i >= 0; i--) dayKeys.push(isoDay(i * 86400e3));
  const byDay = new Map(s.days.map((d) => [d.day, d]));
  const lanes = { green: 0, yellow: 0, red: 0 };
  for (const d of s.days) for (const l of LANES) lanes[l] += d[l];
  const total = lanes.green + lanes.yellow + lanes.red;
  const inspected = s.hitRates.reduce((a, x) => a + x.inspected, 0);
  const hits = s.hitRates.reduce((a, x) => a + x.hits, 0);
  root.append(
    dl([
      [t('totalDeclarations'), h('span', { 'data-testid': 'total' }, fmtNumber(total))],
      [t('redShare'), total ? fmtPercent(lanes.red / total) : '–'],
      [t('hitRate'), inspected ? `${fmtPercent(hits / inspected)} (${fmtNumber(hits)} / ${fmtNumber(inspected)})` : '–'],
      [t('status_awaiting_inspection'), fmtNumber(s.queues.awaiting_inspection ?? 0)],
      [t('status_awaiting_documents'), fmtNumber(s.queues.awaiting_documents ?? 0)],
    ]),
  );
  const perDayChart = h('div', { class: 'chart wide', 'data-testid': 'chart-lanes' });
  const shareChart = h('div', { class: 'chart' });
  const queueChart = h('div', { class: 'chart' });
  const hitChart = h('div', { class: 'chart', 'data-testid': 'chart-hits' });
  const reasonsChart = h('div', { class: 'chart tall', 'data-testid': 'chart-reasons' });
  const seizureChart: HTMLElement = seized.byCategory.length
    ? h('div', { class: 'chart', 'data-testid': 'chart-seizures' })
    : h('p', { class: 'muted', 'data-testid': 'chart-seizures' }, t('noSeizuresInPeriod'));
  root.append(
    h('section', { class: 'card' }, h('h2', null, t('lanesPerDay')), perDayChart),
    h('div', { class: 'charts' },
      h('section', { class: 'card' }, h('h2', null, t('laneShare')), shareChart),
      h('section', { class: 'card' }, h('h2', null, t('hitRates')), hitChart),
      h('section', { class: 'card' }, h('h2', null, t('queueSizes')), queueChart)),
    h('section', { class: 'card' }, h('h2', null, t('topReasons')), reasonsChart),
    h('section', { class: 'card' }, h('h2', null, t('seizuresByCategoryCount')), seizureChart),
  );
  const c = await charts;
  const n = (x: number) => fmtNumber(x);
  c.stackedBars(perDayChart, dayKeys.map((k) => fmtDate(k)), LANES.map((l) => ({ name: laneLabel(l), data: dayKeys.map((k) => byDay.get(k)?.[l] ?? 0), color: c.LANE_COLORS[l] })), n);
  c.pie(shareChart, LANES.map((l) => ({ name: laneLabel(l), value: lanes[l], color: c.LANE_COLORS[l] })), n);
  const rate = (l: string) => s.hitRates.find((x) => x.lane === l)?.rate ?? 0;
  c.bars(hitChart, LANES.map((l) => laneLabel(l)), LANES.map(rate), (x) => fmtPercent(x), false, LANES.map((l) => c.LANE_COLORS[l]));
  // Work still to do: released declarations are no queue.
  const open = ['received', 'awaiting_documents', 'awaiting_inspection', 'held'];
  c.bars(queueChart, open.map((x) => tk('status_', x)), open.map((x) => s.queues[x] ?? 0), n, true);
  c.bars(reasonsChart, s.topReasons.map((r) => r.code), s.topReasons.map((r) => r.declarations), n, true);
  if (seized.byCategory.length) {
    const cats = [...seized.byCategory].sort((a, b) => b.seizures - a.seizures);
    c.bars(seizureChart, cats.map((x) => tk('cat_', x.key)), cats.map((x) => x.seizures), n, true);
  }
}
