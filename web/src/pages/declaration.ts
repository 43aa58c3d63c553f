import { api, ApiError, session, type Declaration, type Party, type Reason } from '../api';
import { fmtDateTime, fmtMoney, fmtNumber, t, tk, type MessageKey } from '../i18n';
import { dl, field, h, laneBadge, notice, table } from '../ui';
import { laneLabel } from './queues';
import { navigate, type PageContext } from '../main';

const INSPECTORS = ['officer', 'supervisor'];

// Every reason of the decision, grouped by where it came from: rules, the learned model, the
// trader's profile (anomaly checks and registry state), anything else.
export function groupReasons(reasons: Reason[]): [MessageKey, Reason[]][] {
  const groups: Record<string, Reason[]> = { rules: [], model: [], profile: [], other: [] };
  for (const r of reasons) {
    const prefix = r.code.split(':')[0];
    if (prefix === 'RULE') groups.rules.push(r);
    else if (prefix === 'MODEL') groups.model.push(r);
    else if (prefix === 'ANOMALY' || prefix === 'PROFILE' || prefix === 'TRADER') groups.profile.push(r);
    else groups.other.push(r);
  }
  return [
    ['reasonsRules', groups.rules],
    ['reasonsModel', groups.model],
    ['reasonsProfile', groups.profile],
    ['reasonsOther', groups.other],
  ];
}

function party(label: string, p: Party | null | undefined, linkable: boolean): HTMLElement | null {
  if (!p) return null;
  const id = p.taxId ? (linkable ? h('a', { href: `/traders/${encodeURIComponent(p.taxId)}`, 'data-link': '' }, p.taxId) : p.taxId) : null;
  return h('div', { class: 'party' }, h('h3', null, label), h('p', null, p.name ?? '–'), h('p', { class: 'muted' }, id, p.address ? ` · ${p.address}` : '', p.country ? ` · ${p.country}` : ''));
}

function inspectionForm(d: Declaration): HTMLElement {
  const who = session()!.who;
  const outcome = h('select', { name: 'outcome', required: true, 'data-testid': 'inspection-outcome' }, ...['compliant', 'discrepancy', 'seizure'].map((o) => h('option', { value: o }, tk('outcome_', o))));
  const description = h('textarea', { name: 'description', rows: 3, 'data-testid': 'inspection-description' });
  const adjustment = h('input', { name: 'revenueAdjustment', type: 'number', min: '0', step: 'any', value: '0', 'data-testid': 'inspection-adjustment' });
  const officer = h('input', { name: 'officer', value: who.name });
  const release = h('select', { name: 'release' }, h('option', { value: '' }, t('releaseDefault')), h('option', { value: 'true' }, t('releaseYes')), h('option', { value: 'false' }, t('releaseNo')));
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'inspection-submit' }, t('save'));
  return h(
    'form',
    {
      class: 'card',
      'data-testid': 'inspection-form',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        submit.disabled = true;
        status.replaceChildren();
        const body: Record<string, unknown> = { outcome: outcome.value, officer: officer.value.trim() || who.name };
        if (description.value.trim()) body.description = description.value.trim();
        const adj = Number(adjustment.value);
        if (adj > 0) body.revenueAdjustment = adj;
        if (release.value) body.release = release.value === 'true';
        try {
          await api('POST', `/api/v1/declarations/${d.id}/inspection`, body);
          sessionStorage.setItem('hq.flash', t('findingSaved'));
          navigate(`/declarations/${d.id}`, true);
        } catch (err) {
          const msg = err instanceof ApiError && err.status === 409 ? t('conflict') : (err as Error).message;
          status.append(notice(msg, 'error'));
          submit.disabled = false;
        }
      },
    },
    h('h2', null, t('recordFinding')),
    field(t('outcome'), outcome),
    field(t('description'), description),
    field(`${t('revenueAdjustment')} (${d.invoice.currency})`, adjustment),
    field(t('officer'), officer),
    field(t('releaseAfter'), release),
    submit,
    status,
  );
}

export async function declarationPage({ root, params }: PageContext): Promise<void> {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) throw new ApiError(404, { status: 404 });
  const d = await api<Declaration>('GET', `/api/v1/declarations/${id}`);
  const who = session()!.who;
  const staff = who.role !== 'trader' && who.role !== 'api_client';
  const cur = d.invoice.currency;

  const flash = sessionStorage.getItem('hq.flash');
  if (flash) {
    sessionStorage.removeItem('hq.flash');
    root.append(notice(flash));
  }
  root.append(
    h('p', null, h('a', { href: '/declarations', 'data-link': '', class: 'back' }, `← ${t('navQueues')}`)),
    h('h1', null, `${t('declaration')} ${d.id} `, laneBadge(d.lane, laneLabel(d.lane))),
    dl([
      [t('reference'), d.declarantReference],
      [t('type'), tk('type_', d.type)],
      [t('office'), d.office],
      [t('status'), h('span', { 'data-testid': 'status', 'data-status': d.status }, tk('status_', d.status))],
      [t('score'), fmtNumber(d.score, 1)],
      [t('filedAt'), fmtDateTime(d.filedAt)],
      [t('value'), fmtMoney(d.invoice.amount, cur)],
      [t('incoterm'), d.invoice.incoterm],
    ]),
  );

  const reasons = h('section', { class: 'card', 'data-testid': 'reasons' }, h('h2', null, t('reasons')));
  if (d.reasons.length === 0) reasons.append(h('p', { class: 'muted' }, t('noReasons')));
  for (const [key, list] of groupReasons(d.reasons)) {
    if (list.length === 0) continue;
    reasons.append(h('h3', null, t(key)), h('ul', { class: 'reasons' }, ...list.map((r) => h('li', null, h('code', null, r.code), ' ', r.message))));
  }
  root.append(reasons);

  root.append(
    h(
      'section',
      { class: 'card' },
      h('h2', null, t('parties')),
      h('div', { class: 'parties' }, party(t('declarant'), d.declarant, true), party(t('importer'), d.importer, true), party(t('exporter'), d.exporter, staff)),
      h('h2', null, t('transport')),
      dl([
        [t('transportMode'), d.transport.mode],
        [t('conveyance'), d.transport.conveyanceId ?? '–'],
        [t('departureCountry'), d.transport.departureCountry],
        [t('loadingPlace'), d.transport.loadingPlace ?? '–'],
        [t('dischargePlace'), d.transport.dischargePlace ?? '–'],
      ]),
    ),
  );

  root.append(
    h(
      'section',
      { class: 'card' },
      h('h2', null, `${t('items')} (${fmtNumber(d.items.length)})`),
      table(
        ['#', t('hsCode'), t('description'), t('origin'), t('quantity'), t('netMass'), t('grossMass'), t('value')],
        d.items.map((it, i) => [String(i + 1), it.hsCode, it.description, it.originCountry, `${fmtNumber(it.quantity, 3)} ${it.unit}`, fmtNumber(it.netMassKg, 1), fmtNumber(it.grossMassKg, 1), fmtMoney(it.value, cur)]),
        { testid: 'items' },
      ),
    ),
  );

  const insp = h('section', { class: 'card', 'data-testid': 'inspections' }, h('h2', null, t('inspections')));
  if (!d.inspections || d.inspections.length === 0) insp.append(h('p', { class: 'muted' }, t('noInspections')));
  else
    insp.append(
      table(
        [t('outcome'), t('description'), t('revenueAdjustment'), t('officer'), t('resultingStatus'), t('recordedAt')],
        d.inspections.map((x) => [h('span', { 'data-testid': 'finding-outcome' }, tk('outcome_', x.outcome)), x.description || '–', fmtMoney(x.revenueAdjustment, cur), x.officer || '–', tk('status_', x.resultingStatus), fmtDateTime(x.recordedAt)]),
      ),
    );
  root.append(insp);
  if (INSPECTORS.includes(who.role) && (d.status === 'awaiting_inspection' || d.status === 'awaiting_documents')) {
    root.append(inspectionForm(d));
  }
}
