// Small DOM helpers: elements are built with textContent, never from HTML strings, so data from
// the API cannot inject markup.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') {
        el.addEventListener(k.slice(2), v as EventListener);
      } else if (k === 'class') {
        el.className = String(v);
      } else if (k in el && typeof v !== 'string') {
        (el as unknown as Record<string, unknown>)[k] = v;
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function laneBadge(lane: string, label: string): HTMLElement {
  return h('span', { class: `badge lane-${lane}`, 'data-lane': lane }, label);
}

// A table that becomes a list of cards on a phone (CSS uses data-label).
export function table(headers: string[], rows: Child[][], opts: { testid?: string } = {}): HTMLElement {
  return h(
    'table',
    { class: 'grid', 'data-testid': opts.testid },
    h('thead', null, h('tr', null, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, ...rows.map((r) => h('tr', null, ...r.map((c, i) => h('td', { 'data-label': headers[i] }, c))))),
  );
}

export function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', null, label), control);
}

export function dl(pairs: [string, Child][]): HTMLElement {
  const d = h('dl', { class: 'facts' });
  for (const [k, v] of pairs) append(d, [h('dt', null, k), h('dd', null, v ?? '–')]);
  return d;
}

export function notice(text: string, kind: 'ok' | 'error' = 'ok'): HTMLElement {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
