import { api, qs, type Page, type Summary } from '../api';
import { fmtDate, fmtMoney, fmtNumber, fmtPercent, t, tk } from '../i18n';
import { dl, field, h } from '../ui';
import { laneLabel } from './queues';
import { navigate, type PageContext } from '../main';

const PERIODS = [7, 30, 90];
const PAGE = 500;

// The period's declarations, newest first, page by page (the list API's largest page).
async function loadPeriod(days: number): Promise<Summary[]> {
  const from = new Date(Date.now() - days * 86400e3).toISOString().slice(0, 10);
  const out: Summary[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Summary> = await api<Page<Summary>>('GET', `/api/v1/declarations${qs({ from, limit: PAGE, cursor })}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < 20000);
  return out;
}

export async function dashboardPage({ root, query }: PageContext): Promise<void> {
  // ECharts loads while the data is fetched.
  const charts = import('../charts');
  const days = PERIODS.includes(Number(query.get('days'))) ? Number(query.get('days')) : 30;
  const period = h('select', { 'data-testid': 'period', onchange: (e: Event) => navigate(`/dashboard?days=${(e.target as HTMLSelectElement).value}`) }, ...PERIODS.map((d) => h('option', { value: String(d), selected: d === days }, t('lastDays', { n: d }))));
  root.append(h('h1', null, t('dashboard')), h('div', { class: 'filters' }, field(t('period'), period)));
  const rows = await loadPeriod(days);

  const dayKeys: string[] = [];
  for (let i = days - 1; i >= 0; i--) dayKeys.push(new Date(Date.now() - i * 86400e3).toISOString().slice(0, 10));
  const perDay: Record<string, Record<string, number>> = {};
  for (const k of dayKeys) perDay[k] = { green: 0, yellow: 0, red: 0 };
  const lanes: Record<string, number> = { green: 0, yellow: 0, red: 0 };
  const statuses = new Map<string, number>();
  const redByOffice = new Map<string, number>();
  const valueByCurrency = new Map<string, number>();
  for (const d of rows) {
    const day = d.filedAt.slice(0, 10);
    if (perDay[day]) perDay[day][d.lane] = (perDay[day][d.lane] ?? 0) + 1;
    lanes[d.lane] = (lanes[d.lane] ?? 0) + 1;
    statuses.set(d.status, (statuses.get(d.status) ?? 0) + 1);
    if (d.lane === 'red') redByOffice.set(d.office, (redByOffice.get(d.office) ?? 0) + 1);
    valueByCurrency.set(d.currency, (valueByCurrency.get(d.currency) ?? 0) + d.invoiceAmount);
  }
  const total = rows.length;
  const mainCurrency = [...valueByCurrency].sort((a, b) => b[1] - a[1])[0];
  root.append(
    dl([
      [t('totalDeclarations'), h('span', { 'data-testid': 'total' }, fmtNumber(total))],
      [t('redShare'), total ? fmtPercent(lanes.red / total) : '–'],
      [t('totalValue'), mainCurrency ? fmtMoney(mainCurrency[1], mainCurrency[0]) : '–'],
      [t('status_awaiting_inspection'), fmtNumber(statuses.get('awaiting_inspection') ?? 0)],
      [t('status_awaiting_documents'), fmtNumber(statuses.get('awaiting_documents') ?? 0)],
    ]),
    h('p', { class: 'muted' }, t('sampleNote', { n: fmtNumber(total) })),
  );
  const perDayChart = h('div', { class: 'chart wide', 'data-testid': 'chart-lanes' });
  const shareChart = h('div', { class: 'chart' });
  const queueChart = h('div', { class: 'chart' });
  const officeChart = h('div', { class: 'chart' });
  root.append(
    h('section', { class: 'card' }, h('h2', null, t('lanesPerDay')), perDayChart),
    h('div', { class: 'charts' },
      h('section', { class: 'card' }, h('h2', null, t('laneShare')), shareChart),
      h('section', { class: 'card' }, h('h2', null, t('queueSizes')), queueChart),
      h('section', { class: 'card' }, h('h2', null, t('topOffices')), officeChart)),
  );
  const c = await charts;
  const n = (x: number) => fmtNumber(x);
  c.stackedBars(perDayChart, dayKeys.map((k) => fmtDate(k)), (['green', 'yellow', 'red'] as const).map((l) => ({ name: laneLabel(l), data: dayKeys.map((k) => perDay[k][l]), color: c.LANE_COLORS[l] })), n);
  c.pie(shareChart, (['green', 'yellow', 'red'] as const).map((l) => ({ name: laneLabel(l), value: lanes[l], color: c.LANE_COLORS[l] })), n);
  // Work still to do: released declarations are no queue.
  const statusOrder = ['received', 'awaiting_documents', 'awaiting_inspection', 'held'];
  c.bars(queueChart, statusOrder.map((s) => tk('status_', s)), statusOrder.map((s) => statuses.get(s) ?? 0), n, true);
  const offices = [...redByOffice].sort((a, b) => b[1] - a[1]).slice(0, 10);
  c.bars(officeChart, offices.map(([o]) => o), offices.map(([, v]) => v), n, true);
}
