// Enforcement: search of seizures, suspects and offending companies (names match without marks
// and with typos), their records with photos, exports, and investigations.
import { api, ApiError, fetchBlob, qs, saveBlob, session } from '../api';
import { fmtDate, fmtDateTime, fmtMoney, fmtNumber, fmtPercent, t, tk } from '../i18n';
import { dl, field, h, notice, table } from '../ui';
import { navigate, type PageContext } from '../main';
import { conversationCard, loadConversation } from './messages';

export const CATEGORIES = ['drugs', 'tobacco', 'wildlife', 'ipr', 'weapons', 'currency', 'cultural_goods', 'revenue'];
const KINDS = ['seizure', 'person', 'company'] as const;

interface Seizure {
  id: number;
  date: string;
  office: string;
  place?: string | null;
  detectionMethod: string;
  category: string;
  hsCode?: string | null;
  description: string;
  quantity?: number | null;
  unit?: string | null;
  estimatedValue?: number | null;
  currency?: string | null;
  concealment?: string | null;
  transport?: { mode?: string | null; identifier?: string | null } | null;
  route?: { departure?: string | null; destination?: string | null; legs?: { country: string; place?: string | null }[] } | null;
  declarationId?: number | null;
  narrative?: string | null;
  parties?: { kind: string; id: number; role: string; name?: string }[];
  attachments?: { sha256: string; mediaType: string; size: number; kind: string; fileName: string; href: string; thumbnail?: string | null; width?: number | null; height?: number | null }[];
  updatedAt?: string;
  updatedBy?: string;
}
interface NameHit {
  kind: 'person' | 'company';
  id: number;
  name: string;
  names: string[];
  matched: string;
  score: number;
  dateOfBirth?: string | null;
  nationality?: string | null;
  taxId?: string | null;
  country?: string | null;
}

function seizureRows(items: Seizure[]): (Node | string)[][] {
  return items.map((s) => [
    h('a', { href: `/seizures/${s.id}`, 'data-link': '', 'data-testid': 'seizure-link' }, String(s.id)),
    fmtDate(s.date),
    s.office,
    tk('cat_', s.category),
    s.description,
    s.quantity != null ? `${fmtNumber(s.quantity, 3)} ${s.unit ?? ''}` : '–',
    s.estimatedValue != null ? fmtMoney(s.estimatedValue, s.currency) : '–',
    tk('det_', s.detectionMethod),
  ]);
}
const seizureHeaders = () => [t('id'), t('date'), t('office'), t('category'), t('description'), t('quantity'), t('estimatedValue'), t('detectionMethod')];

export async function searchPage({ root, query }: PageContext): Promise<void> {
  const type = (KINDS as readonly string[]).includes(query.get('type') ?? '') ? (query.get('type') as (typeof KINDS)[number]) : 'seizure';
  const f = { type, q: query.get('q') ?? '', category: query.get('category') ?? '', from: query.get('from') ?? '', to: query.get('to') ?? '', office: query.get('office') ?? '' };
  const go = (next: Partial<typeof f>) => navigate(`/search${qs({ ...f, ...next })}`);
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, ...KINDS.map((k) => h('button', { role: 'tab', 'data-testid': `search-type-${k}`, 'aria-selected': k === type ? 'true' : 'false', class: k === type ? 'tab on' : 'tab', onclick: () => go({ type: k, category: '', office: '' }) }, tk('kindPlural_', k))));
  const q = h('input', { name: 'q', type: 'search', value: f.q, 'data-testid': 'search-q' });
  const category = h('select', { name: 'category' }, h('option', { value: '' }, t('all')), ...CATEGORIES.map((c) => h('option', { value: c, selected: c === f.category }, tk('cat_', c))));
  const from = h('input', { name: 'from', type: 'date', value: f.from });
  const to = h('input', { name: 'to', type: 'date', value: f.to });
  const office = h('input', { name: 'office', value: f.office });
  const isSeizure = type === 'seizure';
  const form = h(
    'form',
    { class: 'filters', onsubmit: (e: Event) => { e.preventDefault(); go({ q: q.value.trim(), category: isSeizure ? category.value : '', from: from.value, to: to.value, office: isSeizure ? office.value.trim() : '' }); } },
    field(t('query'), q),
    isSeizure ? field(t('category'), category) : null,
    isSeizure ? field(t('office'), office) : null,
    field(t('from'), from),
    field(t('to'), to),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'search-submit' }, t('search'))),
  );
  const status = h('div', { 'aria-live': 'polite' });
  const params = { type, q: f.q, category: f.category, from: f.from, to: f.to, office: f.office };
  const exportAs = (format: 'xlsx' | 'csv') => async () => {
    status.replaceChildren();
    try {
      const file = await fetchBlob(`/api/v1/search${qs({ ...params, format })}`);
      saveBlob(file.blob, file.name ?? `haiquan-${type}.${format}`);
      status.append(notice(t('exported', { n: fmtNumber(Number(file.rows ?? 0)) })));
    } catch (err) {
      status.append(notice((err as Error).message, 'error'));
    }
  };
  root.append(
    h('h1', null, t('navSearch')),
    tabs,
    form,
    h('div', { class: 'actions-row' }, h('button', { 'data-testid': 'export-xlsx', onclick: exportAs('xlsx') }, t('exportXlsx')), h('button', { 'data-testid': 'export-csv', onclick: exportAs('csv') }, t('exportCsv'))),
    status,
  );
  const results = h('div', { class: 'results' });
  root.append(results);
  const page = await api<{ items: (Seizure | NameHit)[]; nextCursor: string | null }>('GET', `/api/v1/search${qs({ ...params, limit: 50 })}`);
  if (page.items.length === 0) {
    results.append(h('p', { class: 'muted', 'data-testid': 'no-results' }, t('noResults')));
    return;
  }
  if (isSeizure) {
    results.append(table(seizureHeaders(), seizureRows(page.items as Seizure[]), { testid: 'search-results' }));
  } else {
    const hits = page.items as NameHit[];
    results.append(
      table(
        type === 'person' ? [t('name'), t('matched'), t('relevance'), t('dateOfBirth'), t('nationality')] : [t('name'), t('matched'), t('relevance'), t('trader'), t('country')],
        hits.map((x) => [
          h('a', { href: `/${type === 'person' ? 'persons' : 'companies'}/${x.id}`, 'data-link': '', 'data-testid': 'hit-link' }, x.name),
          x.matched,
          fmtPercent(x.score),
          type === 'person' ? fmtDate(x.dateOfBirth ?? null) : (x.taxId ?? '–'),
          (type === 'person' ? x.nationality : x.country) ?? '–',
        ]),
        { testid: 'search-results' },
      ),
    );
  }
}

// Images are shown by their thumbnails (a few kB each, whatever the original's size or format),
// fetched with the token and shown from blob: URLs (allowed by the page's CSP); the original
// opens in a viewer on demand.
async function attachmentView(a: NonNullable<Seizure['attachments']>[number]): Promise<HTMLElement> {
  const fig = h('figure', { class: 'attachment' });
  const size = a.size < 1024 ? `${fmtNumber(a.size)} B` : `${fmtNumber(a.size / 1024, 0)} kB`;
  const pixels = a.width && a.height ? ` · ${a.width}×${a.height}` : '';
  const caption = h('figcaption', null, `${a.fileName || tk('attachmentKind_', a.kind)} · ${size}${pixels} `);
  const button = h('button', { class: 'link', onclick: async () => { const f = await fetchBlob(a.href); saveBlob(f.blob, a.fileName || a.sha256); } }, t('download'));
  caption.append(button);
  if (a.thumbnail) {
    try {
      const f = await fetchBlob(a.thumbnail);
      const img = h('img', { src: URL.createObjectURL(f.blob), alt: a.fileName || a.kind, title: t('openOriginal'), 'data-testid': 'attachment-image' });
      // TIFF and other scans have no view in a browser: their thumbnail is the only one.
      const viewable = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'].includes(a.mediaType);
      if (viewable) img.addEventListener('click', () => void openViewer(a));
      else img.classList.add('still');
      fig.append(img);
    } catch {
      // shown as a download only
    }
  }
  fig.append(caption);
  return fig;
}

// The original image in a modal dialog; closing it frees its bytes.
async function openViewer(a: NonNullable<Seizure['attachments']>[number]): Promise<void> {
  const f = await fetchBlob(a.href);
  const url = URL.createObjectURL(f.blob);
  const close = h('button', { class: 'secondary', 'data-testid': 'viewer-close' }, t('close'));
  const dialog = h('dialog', { class: 'viewer', 'data-testid': 'attachment-viewer' },
    h('img', { src: url, alt: a.fileName || a.kind, 'data-testid': 'attachment-original' }),
    h('p', null, `${a.fileName || a.kind}${a.width && a.height ? ` · ${a.width}×${a.height}` : ''} `, close)) as HTMLDialogElement;
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => { URL.revokeObjectURL(url); dialog.remove(); });
  document.body.append(dialog);
  dialog.showModal();
}

export async function seizurePage({ root, params }: PageContext): Promise<void> {
  const s = await api<Seizure>('GET', `/api/v1/seizures/${encodeURIComponent(params.id)}`);
  const route = s.route ? [s.route.departure, ...(s.route.legs ?? []).map((l) => (l.place ? `${l.country} (${l.place})` : l.country)), s.route.destination].filter(Boolean).join(' → ') : '–';
  root.append(
    h('p', null, h('a', { href: '/search', 'data-link': '', class: 'back' }, `← ${t('navSearch')}`)),
    h('h1', null, `${t('kind_seizure')} ${s.id}: ${tk('cat_', s.category)}`),
    h('p', null, s.description),
    dl([
      [t('date'), fmtDate(s.date)],
      [t('office'), s.office],
      [t('place'), s.place || '–'],
      [t('detectionMethod'), tk('det_', s.detectionMethod)],
      [t('hsCode'), s.hsCode || '–'],
      [t('quantity'), s.quantity != null ? `${fmtNumber(s.quantity, 3)} ${s.unit ?? ''}` : '–'],
      [t('estimatedValue'), s.estimatedValue != null ? fmtMoney(s.estimatedValue, s.currency) : '–'],
      [t('concealment'), s.concealment || '–'],
      [t('transport'), s.transport?.mode ? `${tk('mode_', s.transport.mode)}${s.transport.identifier ? ` · ${s.transport.identifier}` : ''}` : '–'],
      [t('route'), route],
      [t('declarationLink'), s.declarationId ? h('a', { href: `/declarations/${s.declarationId}`, 'data-link': '' }, String(s.declarationId)) : '–'],
      [t('updatedAt'), `${fmtDateTime(s.updatedAt)} · ${s.updatedBy ?? ''}`],
    ]),
  );
  if (s.parties?.length) {
    root.append(
      h('section', { class: 'card' }, h('h2', null, t('parties')),
        table([t('name'), t('role'), t('type')], s.parties.map((p) => [h('a', { href: `/${p.kind === 'person' ? 'persons' : 'companies'}/${p.id}`, 'data-link': '' }, p.name ?? String(p.id)), tk('partyRole_', p.role), tk('kind_', p.kind)]))),
    );
  }
  if (s.narrative) root.append(h('section', { class: 'card' }, h('h2', null, t('narrative')), h('p', { class: 'pre' }, s.narrative)));
  const att = h('section', { class: 'card', 'data-testid': 'attachments' }, h('h2', null, t('attachments')));
  root.append(att);
  if (!s.attachments?.length) att.append(h('p', { class: 'muted' }, t('noAttachments')));
  else att.append(h('div', { class: 'gallery' }, ...(await Promise.all(s.attachments.map(attachmentView)))));
}

interface SeizureLinked {
  seizures: Seizure[];
}

export async function personPage({ root, params }: PageContext): Promise<void> {
  const p = await api<SeizureLinked & { names?: string[]; name?: string; dateOfBirth?: string | null; nationality?: string | null; documents?: { type: string; number: string; country?: string | null }[]; notes?: string; enterprises?: { taxId: string; name: string; role: string; share?: number }[]; idNumber?: string }>('GET', `/api/v1/persons/${encodeURIComponent(params.id)}`);
  const names = p.names ?? (p.name ? [p.name] : []);
  root.append(
    h('p', null, h('a', { href: '/search?type=person', 'data-link': '', class: 'back' }, `← ${t('navSearch')}`)),
    h('h1', { 'data-testid': 'person-name' }, names[0] ?? p.idNumber ?? params.id),
    dl([
      [t('aliases'), names.slice(1).join(', ') || '–'],
      [t('dateOfBirth'), fmtDate(p.dateOfBirth ?? null)],
      [t('nationality'), p.nationality ?? '–'],
      [t('documents'), (p.documents ?? []).map((d) => `${d.type} ${d.number}${d.country ? ` (${d.country})` : ''}`).join(', ') || '–'],
      [t('notes'), p.notes || '–'],
    ]),
  );
  if (p.enterprises?.length) {
    root.append(h('section', { class: 'card' }, h('h2', null, t('enterprisesLinked')),
      table([t('trader'), t('name'), t('role'), t('share')], p.enterprises.map((e) => [h('a', { href: `/traders/${encodeURIComponent(e.taxId)}`, 'data-link': '' }, e.taxId), e.name, e.role, e.share != null ? fmtPercent(e.share > 1 ? e.share / 100 : e.share) : '–']))));
  }
  root.append(h('section', { class: 'card' }, h('h2', null, t('seizures')), p.seizures?.length ? table(seizureHeaders(), seizureRows(p.seizures)) : h('p', { class: 'muted' }, t('noSeizures'))));
}

export async function companyPage({ root, params }: PageContext): Promise<void> {
  const c = await api<SeizureLinked & { name: string; aliases: string[]; taxId: string | null; registered: boolean; country: string | null; address: string; notes: string }>('GET', `/api/v1/companies/${encodeURIComponent(params.id)}`);
  root.append(
    h('p', null, h('a', { href: '/search?type=company', 'data-link': '', class: 'back' }, `← ${t('navSearch')}`)),
    h('h1', null, c.name),
    dl([
      [t('aliases'), c.aliases.join(', ') || '–'],
      [t('trader'), c.taxId ? (c.registered ? h('a', { href: `/traders/${encodeURIComponent(c.taxId)}`, 'data-link': '' }, c.taxId) : c.taxId) : '–'],
      [t('registeredEnterprise'), c.registered ? t('yes') : t('no')],
      [t('country'), c.country ?? '–'],
      [t('address'), c.address || '–'],
      [t('notes'), c.notes || '–'],
    ]),
    h('section', { class: 'card' }, h('h2', null, t('seizures')), c.seizures?.length ? table(seizureHeaders(), seizureRows(c.seizures)) : h('p', { class: 'muted' }, t('noSeizures'))),
  );
}

interface Investigation {
  id: number;
  version: number;
  title: string;
  summary?: string;
  status: string;
  lead?: string;
  supervisor?: string | null;
  members?: string[];
  links?: { kind: string; id: number; label?: string }[];
  notes?: { id: number; at: string; author: string; text: string }[];
  tasks?: { id: number; title: string; assignee?: string | null; due?: string | null; status: string }[];
  unreadMessages?: number;
  updatedAt?: string;
  createdAt?: string;
}

function recordHref(kind: string, id: number): string | null {
  const paths: Record<string, string> = { seizure: 'seizures', person: 'persons', company: 'companies', declaration: 'declarations', investigation: 'investigations' };
  return paths[kind] ? `/${paths[kind]}/${id}` : null;
}

export async function investigationsPage({ root }: PageContext): Promise<void> {
  const page = await api<{ items: Investigation[] }>('GET', '/api/v1/investigations?limit=100');
  root.append(h('h1', null, t('investigations')));
  if (!page.items?.length) {
    root.append(h('p', { class: 'muted' }, t('noInvestigations')));
    return;
  }
  root.append(table([t('id'), t('title'), t('status'), t('lead'), t('unreadMessages'), t('updatedAt')], page.items.map((x) => [h('a', { href: `/investigations/${x.id}`, 'data-link': '' }, String(x.id)), x.title, tk('invStatus_', x.status), x.lead ?? '–', x.unreadMessages ? h('span', { class: 'badge new' }, String(x.unreadMessages)) : '–', fmtDateTime(x.updatedAt)]), { testid: 'investigations' }));
}

export async function investigationPage({ root, params }: PageContext): Promise<void> {
  // The case and its conversation together: both are on screen when the page is ready.
  const [inv, conversation] = await Promise.all([api<Investigation>('GET', `/api/v1/investigations/${encodeURIComponent(params.id)}`), loadConversation(params.id)]);
  const flash = sessionStorage.getItem('hq.flash');
  if (flash) {
    sessionStorage.removeItem('hq.flash');
    root.append(notice(flash));
  }
  root.append(
    h('p', null, h('a', { href: '/investigations', 'data-link': '', class: 'back' }, `← ${t('investigations')}`)),
    h('h1', null, `${t('investigation')} ${inv.id}: ${inv.title}`),
    dl([
      [t('status'), tk('invStatus_', inv.status)],
      [t('summary'), inv.summary || '–'],
      [t('lead'), inv.lead ?? '–'],
      [t('supervisorUser'), inv.supervisor ?? '–'],
      [t('members'), (inv.members ?? []).join(', ') || '–'],
      [t('createdAt'), fmtDateTime(inv.createdAt)],
    ]),
  );
  if (inv.links?.length) {
    root.append(h('section', { class: 'card' }, h('h2', null, t('links')), h('ul', null, ...inv.links.map((l) => {
      const href = recordHref(l.kind, l.id);
      const label = `${tk('kind_', l.kind)} ${l.id}${l.label ? `: ${l.label}` : ''}`;
      return h('li', null, href ? h('a', { href, 'data-link': '' }, label) : label);
    }))));
  }
  root.append(h('section', { class: 'card' }, h('h2', null, t('tasks')), inv.tasks?.length ? table([t('title'), t('assignee'), t('due'), t('status')], inv.tasks.map((x) => [x.title, x.assignee ?? '–', fmtDate(x.due ?? null), tk('taskStatus_', x.status)])) : h('p', { class: 'muted' }, t('noTasks'))));
  root.append(conversationCard(inv.id, conversation, session()?.who.name ?? ''));
  const text = h('textarea', { rows: 3, required: true, 'data-testid': 'note-text' });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'note-submit' }, t('addNote'));
  root.append(
    h('section', { class: 'card', 'data-testid': 'timeline' }, h('h2', null, t('timeline')),
      inv.notes?.length ? h('ol', { class: 'timeline' }, ...inv.notes.map((n) => h('li', null, h('p', { class: 'muted' }, `${fmtDateTime(n.at)} · ${n.author}`), h('p', { class: 'pre' }, n.text)))) : h('p', { class: 'muted' }, t('noNotes')),
      h('form', {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          submit.disabled = true;
          try {
            await api('POST', `/api/v1/investigations/${inv.id}/notes`, { text: text.value.trim() });
            sessionStorage.setItem('hq.flash', t('noteAdded'));
            navigate(`/investigations/${inv.id}`, true);
          } catch (err) {
            status.replaceChildren(notice(err instanceof ApiError ? err.message : String(err), 'error'));
            submit.disabled = false;
          }
        },
      }, field(t('addNote'), text), submit, status)),
  );
}
