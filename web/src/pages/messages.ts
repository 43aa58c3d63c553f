// An investigation's conversation: its members' messages, oldest first as in any chat, each
// reply quoting the message it answers, the caller's unread ones marked, a form to send (or
// reply) and a button to mark everything read. Messages are never edited or deleted.
import { api, ApiError } from '../api';
import { fmtDateTime, t, tk } from '../i18n';
import { field, h, notice } from '../ui';
import { navigate } from '../main';

export interface Message {
  id: number;
  sentAt: string;
  author: string;
  body: string;
  replyTo: number | null;
  links: { kind: string; id: number; label?: string }[];
}
export interface Conversation {
  items: Message[];
  readUpTo: number;
  unread: number;
}
interface MessagePage extends Conversation {
  nextAfter: number | null;
}

// Enough for any conversation the page can show at once; the API pages by 200.
const MAX_PAGES = 10;

export async function loadConversation(investigationId: number | string): Promise<Conversation> {
  const items: Message[] = [];
  let after = 0;
  let page: MessagePage;
  let pages = 0;
  do {
    page = await api<MessagePage>('GET', `/api/v1/investigations/${encodeURIComponent(String(investigationId))}/messages?after=${after}&limit=200`);
    items.push(...page.items);
    after = page.nextAfter ?? 0;
  } while (page.nextAfter !== null && ++pages < MAX_PAGES);
  return { items, readUpTo: page.readUpTo, unread: page.unread };
}

function excerpt(s: string, n = 80): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > n ? `${line.slice(0, n)}…` : line;
}

function recordHref(kind: string, id: number): string | null {
  const paths: Record<string, string> = { seizure: 'seizures', person: 'persons', company: 'companies', declaration: 'declarations' };
  return paths[kind] ? `/${paths[kind]}/${id}` : null;
}

export function conversationCard(investigationId: number, c: Conversation, me: string): HTMLElement {
  const byId = new Map(c.items.map((m) => [m.id, m]));
  let replyTo: Message | null = null;
  const text = h('textarea', { rows: 3, required: true, 'data-testid': 'message-text' });
  const replying = h('p', { class: 'muted', hidden: true, 'data-testid': 'message-replying' });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'message-submit' }, t('sendMessage'));
  const setReply = (m: Message | null) => {
    replyTo = m;
    replying.replaceChildren();
    replying.hidden = !m;
    if (m) {
      replying.append(`${t('replyingTo', { author: m.author })}: “${excerpt(m.body, 60)}” `, h('button', { type: 'button', class: 'link', onclick: () => setReply(null) }, t('cancel')));
      text.focus();
    }
  };
  const list = c.items.length
    ? h('ol', { class: 'messages', 'data-testid': 'messages' }, ...c.items.map((m) => {
        const unread = m.id > c.readUpTo && m.author !== me;
        const quoted = m.replyTo !== null ? byId.get(m.replyTo) : undefined;
        return h('li', { class: unread ? 'message unread' : 'message', 'data-id': m.id, 'data-unread': unread ? '1' : null },
          h('p', { class: 'muted' }, `${fmtDateTime(m.sentAt)} · ${m.author}`, unread ? h('span', { class: 'badge new' }, t('newMessage')) : null),
          m.replyTo !== null ? h('p', { class: 'quote', 'data-testid': 'message-quote' }, quoted ? `↪ ${quoted.author}: “${excerpt(quoted.body)}”` : `↪ #${m.replyTo}`) : null,
          h('p', { class: 'pre' }, m.body),
          m.links.length ? h('p', { class: 'muted' }, ...m.links.map((l) => {
            const href = recordHref(l.kind, l.id);
            const label = `${tk('kind_', l.kind)} ${l.id}${l.label ? `: ${excerpt(l.label, 40)}` : ''}`;
            return h('span', { class: 'link-chip' }, href ? h('a', { href, 'data-link': '' }, label) : label);
          })) : null,
          h('button', { type: 'button', class: 'link', 'data-testid': 'message-reply', onclick: () => setReply(m) }, t('reply')));
      }))
    : h('p', { class: 'muted' }, t('noMessages'));
  const last = c.items.at(-1);
  const markRead = c.unread > 0 && last
    ? h('button', {
        type: 'button',
        'data-testid': 'messages-mark-read',
        onclick: async (e: Event) => {
          (e.target as HTMLButtonElement).disabled = true;
          try {
            await api('POST', `/api/v1/investigations/${investigationId}/messages/read`, { upTo: last.id });
            navigate(`/investigations/${investigationId}`, true);
          } catch (err) {
            status.replaceChildren(notice(err instanceof ApiError ? err.message : String(err), 'error'));
          }
        },
      }, t('markRead'))
    : null;
  const form = h('form', {
    onsubmit: async (e: Event) => {
      e.preventDefault();
      submit.disabled = true;
      try {
        await api('POST', `/api/v1/investigations/${investigationId}/messages`, { body: text.value.trim(), replyTo: replyTo?.id ?? null });
        sessionStorage.setItem('hq.flash', t('messageSent'));
        navigate(`/investigations/${investigationId}`, true);
      } catch (err) {
        status.replaceChildren(notice(err instanceof ApiError ? problemText(err) : String(err), 'error'));
        submit.disabled = false;
      }
    },
  }, replying, field(t('messageText'), text), h('div', { class: 'actions-row' }, submit), status);
  return h('section', { class: 'card', 'data-testid': 'conversation' },
    h('h2', null, t('messages'), c.unread > 0 ? h('span', { class: 'badge new', 'data-testid': 'unread-count' }, t('unreadCount', { n: c.unread })) : null),
    list,
    markRead ? h('div', { class: 'actions-row' }, markRead) : null,
    form);
}

// The problem's own words, then each field's.
function problemText(err: ApiError): string {
  const fields = (err.problem.errors ?? []).map((f) => f.message ?? f.detail).filter(Boolean);
  return [err.message, ...fields].join(' · ');
}
