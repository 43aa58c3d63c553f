import { api, ApiError, session, type Rule } from '../api';
import { fmtDate, fmtDateTime, fmtNumber, t } from '../i18n';
import { field, h, laneBadge, notice, table } from '../ui';
import { laneLabel } from './queues';
import { navigate, type PageContext } from '../main';

const WRITERS = ['analyst', 'administrator'];
const OPERATORS = ['eq', 'ne', 'in', 'not_in', 'prefix', 'contains', 'gt', 'gte', 'lt', 'lte'];
// The fields a rule may test (docs/risk-rules.md); free text stays possible through the list.
const FIELDS = ['items.hsCode', 'items.originCountry', 'items.value', 'items.description', 'type', 'office', 'declarant.taxId', 'importer.taxId', 'exporter.country', 'transport.mode', 'transport.departureCountry', 'transport.loadingPlace', 'invoice.currency', 'invoice.amount', 'invoice.incoterm'];

function condition(r: Rule): string {
  return `${r.field} ${r.operator} ${r.values.join(', ')}`;
}

function outcome(r: Rule): Node | string {
  return r.lane ? laneBadge(r.lane, laneLabel(r.lane)) : `+${fmtNumber(r.weight, 2)}`;
}

function problemText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 409) return t('conflict');
    const details = (err.problem.errors ?? []).map((e) => `${e.pointer ?? ''} ${e.detail ?? e.message ?? ''}`.trim());
    return [err.problem.detail ?? t('invalid'), ...details].join(' — ');
  }
  return (err as Error).message;
}

function ruleForm(initial: Rule | null, onSaved: (r: Rule) => void): HTMLFormElement {
  const r: Rule = initial ?? { code: '', description: '', field: 'items.hsCode', operator: 'prefix', values: [], lane: 'yellow', weight: 0, validFrom: null, validTo: null, active: true };
  const code = h('input', { name: 'code', value: r.code, required: true, pattern: '[A-Z0-9_\\-]{1,64}', readOnly: !!initial, 'data-testid': 'rule-code' });
  const description = h('input', { name: 'description', value: r.description, required: true, 'data-testid': 'rule-description' });
  const fieldList = h('datalist', { id: 'rule-fields' }, ...FIELDS.map((f) => h('option', { value: f })));
  const fieldIn = h('input', { name: 'field', value: r.field, required: true, list: 'rule-fields', 'data-testid': 'rule-field' });
  const operator = h('select', { name: 'operator', 'data-testid': 'rule-operator' }, ...OPERATORS.map((o) => h('option', { value: o, selected: o === r.operator }, o)));
  const values = h('input', { name: 'values', value: r.values.join(', '), required: true, 'data-testid': 'rule-values' });
  const lane = h('select', { name: 'lane', 'data-testid': 'rule-lane' }, h('option', { value: '', selected: !r.lane }, t('laneNone')), ...(['green', 'yellow', 'red'] as const).map((l) => h('option', { value: l, selected: r.lane === l }, laneLabel(l))));
  const weight = h('input', { name: 'weight', type: 'number', step: 'any', value: String(r.weight ?? 0) });
  const from = h('input', { name: 'validFrom', type: 'date', value: r.validFrom ?? '' });
  const to = h('input', { name: 'validTo', type: 'date', value: r.validTo ?? '' });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'rule-save' }, initial ? t('save') : t('create'));
  return h(
    'form',
    {
      class: 'card',
      'data-testid': 'rule-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        submit.disabled = true;
        status.replaceChildren();
        const numeric = ['gt', 'gte', 'lt', 'lte'].includes(operator.value);
        const body: Rule = {
          code: code.value.trim(),
          description: description.value.trim(),
          field: fieldIn.value.trim(),
          operator: operator.value,
          values: values.value.split(',').map((v) => v.trim()).filter(Boolean).map((v) => (numeric && !Number.isNaN(Number(v)) ? Number(v) : v)),
          lane: (lane.value || null) as Rule['lane'],
          weight: Number(weight.value) || 0,
          validFrom: from.value || null,
          validTo: to.value || null,
          active: initial ? initial.active : true,
        };
        try {
          const saved = initial
            ? await api<Rule>('PUT', `/api/v1/risk/rules/${initial.id}`, { ...body, version: initial.version })
            : await api<Rule>('POST', '/api/v1/risk/rules', body);
          onSaved(saved);
        } catch (err) {
          status.append(notice(problemText(err), 'error'));
          submit.disabled = false;
        }
      },
    },
    h('h2', null, initial ? t('editRule') : t('newRule')),
    fieldList,
    h('div', { class: 'form-grid' },
      field(t('code'), code),
      field(t('description'), description),
      field(t('field'), fieldIn),
      field(t('operator'), operator),
      field(t('values'), values),
      field(t('lane'), lane),
      field(t('weight'), weight),
      field(t('validFrom'), from),
      field(t('validTo'), to)),
    submit,
    status,
  );
}

export async function rulesPage({ root, query }: PageContext): Promise<void> {
  const who = session()!.who;
  const showRetired = query.get('retired') === '1';
  const { items } = await api<{ items: Rule[] }>('GET', '/api/v1/risk/rules');
  const shown = items.filter((r) => showRetired || r.active);
  const toggle = h('input', { type: 'checkbox', checked: showRetired, onchange: () => navigate(showRetired ? '/rules' : '/rules?retired=1') });
  const flash = sessionStorage.getItem('hq.flash');
  if (flash) {
    sessionStorage.removeItem('hq.flash');
    root.append(notice(flash));
  }
  root.append(
    h('h1', null, t('rules')),
    h('label', { class: 'inline' }, toggle, ' ', t('showRetired')),
    table(
      [t('code'), t('description'), t('field'), t('lane'), t('validFrom'), t('validTo'), t('status'), t('updatedAt')],
      shown.map((r) => [
        h('a', { href: `/rules/${r.id}`, 'data-link': '', 'data-testid': 'rule-link' }, r.code),
        r.description,
        h('code', null, condition(r)),
        outcome(r),
        fmtDate(r.validFrom),
        fmtDate(r.validTo),
        r.active ? t('active') : t('retired'),
        fmtDateTime(r.updatedAt),
      ]),
      { testid: 'rules' },
    ),
  );
  if (WRITERS.includes(who.role)) {
    root.append(ruleForm(null, (saved) => {
      sessionStorage.setItem('hq.flash', t('ruleSaved'));
      navigate(`/rules/${saved.id}`);
    }));
  }
}

export async function rulePage({ root, params }: PageContext): Promise<void> {
  const who = session()!.who;
  const id = encodeURIComponent(params.id);
  const [rule, history] = await Promise.all([
    api<Rule>('GET', `/api/v1/risk/rules/${id}`),
    api<{ items: Rule[] }>('GET', `/api/v1/risk/rules/${id}/history`),
  ]);
  const flash = sessionStorage.getItem('hq.flash');
  if (flash) {
    sessionStorage.removeItem('hq.flash');
    root.append(notice(flash));
  }
  const reload = () => {
    sessionStorage.setItem('hq.flash', t('ruleSaved'));
    navigate(`/rules/${rule.id}`, true);
  };
  root.append(
    h('p', null, h('a', { href: '/rules', 'data-link': '', class: 'back' }, `← ${t('rules')}`)),
    h('h1', null, `${rule.code} `, h('span', { class: 'muted', 'data-testid': 'rule-state' }, rule.active ? t('active') : t('retired'))),
    h('p', null, rule.description),
  );
  if (WRITERS.includes(who.role)) {
    root.append(ruleForm(rule, reload));
    const status = h('div', { 'aria-live': 'polite' });
    root.append(
      h('p', null,
        h('button', {
          'data-testid': 'rule-retire',
          class: rule.active ? 'danger' : '',
          onclick: async () => {
            try {
              await api('PUT', `/api/v1/risk/rules/${rule.id}`, { ...rule, id: undefined, updatedAt: undefined, updatedBy: undefined, active: !rule.active });
              reload();
            } catch (err) {
              status.replaceChildren(notice(problemText(err), 'error'));
            }
          },
        }, rule.active ? t('retire') : t('reactivate')),
        status),
    );
  }
  root.append(
    h('section', { class: 'card' }, h('h2', null, t('history')),
      table(
        [t('version'), t('field'), t('lane'), t('validFrom'), t('validTo'), t('status'), t('updatedAt'), t('updatedBy')],
        [...history.items].reverse().map((r) => [String(r.version), h('code', null, condition(r)), outcome(r), fmtDate(r.validFrom), fmtDate(r.validTo), r.active ? t('active') : t('retired'), fmtDateTime(r.updatedAt), r.updatedBy ?? '–']),
        { testid: 'rule-history' },
      )),
  );
}
