import { api, qs, session, type Page, type Summary } from '../api';
import { fmtDateTime, fmtMoney, fmtNumber, t, tk } from '../i18n';
import { field, h, laneBadge, table } from '../ui';
import { navigate, type PageContext } from '../main';

const LANES = ['green', 'yellow', 'red'] as const;
const STATUSES = ['received', 'awaiting_inspection', 'awaiting_documents', 'held', 'released'];

export function laneLabel(lane: string): string {
  return lane === 'green' ? t('laneGreen') : lane === 'yellow' ? t('laneYellow') : lane === 'red' ? t('laneRed') : lane;
}

function row(d: Summary): (Node | string)[] {
  const s = session();
  const trader = d.importerTaxId ?? d.declarantTaxId ?? '';
  const traderCell: Node | string =
    trader && s && (s.who.role !== 'trader' || s.who.traderTaxId === trader)
      ? h('a', { href: `/traders/${encodeURIComponent(trader)}`, 'data-link': '' }, trader)
      : trader;
  return [
    h('a', { href: `/declarations/${d.id}`, 'data-link': '', 'data-testid': 'declaration-link' }, String(d.id)),
    d.declarantReference,
    tk('type_', d.type),
    d.office,
    traderCell,
    laneBadge(d.lane, laneLabel(d.lane)),
    tk('status_', d.status),
    fmtMoney(d.invoiceAmount, d.currency),
    fmtNumber(d.itemCount),
    fmtDateTime(d.filedAt),
  ];
}

export async function queuesPage({ root, query }: PageContext): Promise<void> {
  const s = session()!;
  const isTrader = s.who.role === 'trader' || s.who.role === 'api_client';
  const f = {
    lane: query.get('lane') ?? '',
    status: query.get('status') ?? '',
    trader: query.get('trader') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
  const go = (next: Partial<typeof f>) => navigate(`/declarations${qs({ ...f, ...next })}`);

  // Queues: the lanes' work lists, one tap away.
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const queueTabs: [string, Partial<typeof f>][] = [
    [t('queueInspection'), { status: 'awaiting_inspection', lane: '' }],
    [t('queueDocuments'), { status: 'awaiting_documents', lane: '' }],
    [t('queueAll'), { status: '', lane: '' }],
  ];
  for (const [label, q] of queueTabs) {
    const on = f.status === (q.status ?? '') && f.lane === '';
    tabs.append(h('button', { role: 'tab', 'aria-selected': on ? 'true' : 'false', class: on ? 'tab on' : 'tab', onclick: () => go(q) }, label));
  }

  const lane = h('select', { name: 'lane', 'data-testid': 'filter-lane' }, h('option', { value: '' }, t('all')), ...LANES.map((l) => h('option', { value: l, selected: f.lane === l }, laneLabel(l))));
  const status = h('select', { name: 'status', 'data-testid': 'filter-status' }, h('option', { value: '' }, t('all')), ...STATUSES.map((x) => h('option', { value: x, selected: f.status === x }, tk('status_', x))));
  const trader = h('input', { name: 'trader', value: f.trader, inputmode: 'numeric', 'data-testid': 'filter-trader' });
  const from = h('input', { name: 'from', type: 'date', value: f.from });
  const to = h('input', { name: 'to', type: 'date', value: f.to });
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (e: Event) => {
        e.preventDefault();
        go({ lane: lane.value, status: status.value, trader: trader.value.trim(), from: from.value, to: to.value });
      },
    },
    field(t('lane'), lane),
    field(t('status'), status),
    isTrader ? null : field(t('trader'), trader),
    field(t('from'), from),
    field(t('to'), to),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'filter-apply' }, t('filter')), h('button', { type: 'button', onclick: () => navigate('/declarations') }, t('reset'))),
  );

  const heading = h('h1', null, t('navQueues'));
  const results = h('div', { class: 'results' }, h('p', { class: 'muted' }, t('loading')));
  root.append(heading, tabs, form, results);

  const params = { lane: f.lane, status: f.status, trader: f.trader, from: f.from, to: f.to, limit: 50 };
  const page = await api<Page<Summary>>('GET', `/api/v1/declarations${qs(params)}`);
  const headers = [t('id'), t('reference'), t('type'), t('office'), t('importer'), t('lane'), t('status'), t('value'), t('itemCount'), t('filedAt')];
  results.replaceChildren();
  if (page.items.length === 0) {
    results.append(h('p', { class: 'muted', 'data-testid': 'no-results' }, t('noResults')));
    return;
  }
  const tbl = table(headers, page.items.map(row), { testid: 'declarations' });
  results.append(tbl);
  let cursor = page.nextCursor;
  if (cursor) {
    const more: HTMLButtonElement = h('button', {
      class: 'more',
      onclick: async () => {
        more.disabled = true;
        const next = await api<Page<Summary>>('GET', `/api/v1/declarations${qs({ ...params, cursor })}`);
        const body = tbl.querySelector('tbody')!;
        for (const d of next.items) body.append(h('tr', null, ...row(d).map((c, i) => h('td', { 'data-label': headers[i] }, c))));
        cursor = next.nextCursor;
        more.disabled = false;
        if (!cursor) more.remove();
      },
    }, t('loadMore'));
    results.append(more);
  }
}
