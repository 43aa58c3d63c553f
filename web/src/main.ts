import './style.css';
import { clearSession, session, setUnauthorizedHandler, signOut, ApiError } from './api';
import { lang, setLang, t, tk, type Lang } from './i18n';
import { clear, h, notice } from './ui';
import { loginPage } from './pages/login';
import { queuesPage } from './pages/queues';
import { declarationPage } from './pages/declaration';
import { traderPage } from './pages/trader';
import { rulesPage, rulePage } from './pages/rules';
import { dashboardPage } from './pages/dashboard';
import { companyPage, investigationPage, investigationsPage, personPage, searchPage, seizurePage } from './pages/enforcement';

export interface PageContext {
  params: Record<string, string>;
  query: URLSearchParams;
  root: HTMLElement;
}
type Page = (ctx: PageContext) => Promise<void>;

// Roles that may open each page; the API refuses the others anyway, this only hides the links.
const STAFF = ['officer', 'analyst', 'investigator', 'supervisor', 'manager', 'administrator'];
const RULE_READERS = ['analyst', 'supervisor', 'manager', 'administrator'];
const EVERYONE = [...STAFF, 'trader', 'api_client'];
const ENFORCEMENT = ['officer', 'analyst', 'investigator', 'supervisor', 'administrator'];
const PERSON_READERS = [...ENFORCEMENT, 'manager'];
const INVESTIGATORS = ['investigator', 'supervisor', 'administrator'];

interface RouteDef {
  pattern: string;
  name: string;
  page: Page;
  roles: string[] | null; // null: public
}
// Keep in step with ConsolePages() in src/http/console.h: the server answers index.html for these.
const routes: RouteDef[] = [
  { pattern: '/login', name: 'login', page: loginPage, roles: null },
  { pattern: '/declarations', name: 'queues', page: queuesPage, roles: EVERYONE },
  { pattern: '/declarations/{id}', name: 'declaration', page: declarationPage, roles: EVERYONE },
  { pattern: '/traders/{taxId}', name: 'trader', page: traderPage, roles: EVERYONE },
  { pattern: '/rules', name: 'rules', page: rulesPage, roles: RULE_READERS },
  { pattern: '/rules/{id}', name: 'rule', page: rulePage, roles: RULE_READERS },
  { pattern: '/dashboard', name: 'dashboard', page: dashboardPage, roles: STAFF },
  { pattern: '/search', name: 'search', page: searchPage, roles: ENFORCEMENT },
  { pattern: '/seizures/{id}', name: 'seizure', page: seizurePage, roles: ENFORCEMENT },
  { pattern: '/persons/{id}', name: 'person', page: personPage, roles: PERSON_READERS },
  { pattern: '/companies/{id}', name: 'company', page: companyPage, roles: ENFORCEMENT },
  { pattern: '/investigations', name: 'investigations', page: investigationsPage, roles: INVESTIGATORS },
  { pattern: '/investigations/{id}', name: 'investigation', page: investigationPage, roles: INVESTIGATORS },
];

function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i].startsWith('{')) {
      if (!b[i]) return null;
      params[a[i].slice(1, -1)] = decodeURIComponent(b[i]);
    } else if (a[i] !== b[i]) {
      return null;
    }
  }
  return params;
}

function homeFor(role: string): string {
  if (role === 'trader' || role === 'api_client') return '/declarations';
  if (role === 'analyst') return '/rules';
  if (role === 'manager') return '/dashboard';
  if (role === 'investigator') return '/search';
  if (role === 'officer' || role === 'supervisor') return `/declarations?status=awaiting_inspection`;
  return '/declarations';
}

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  void render();
}

const app = document.getElementById('app')!;
let renderSeq = 0;

function shell(active: string): HTMLElement {
  const s = session();
  const nav = h('nav', { class: 'nav', 'aria-label': t('menu') });
  if (s) {
    const role = s.who.role;
    const links: [string, string, string][] = [];
    links.push(['/declarations', t('navQueues'), 'queues']);
    if (STAFF.includes(role)) links.push(['/dashboard', t('navDashboard'), 'dashboard']);
    if (RULE_READERS.includes(role)) links.push(['/rules', t('navRules'), 'rules']);
    if (ENFORCEMENT.includes(role)) links.push(['/search', t('navSearch'), 'search']);
    if (INVESTIGATORS.includes(role)) links.push(['/investigations', t('navInvestigations'), 'investigations']);
    if (s.who.traderTaxId) links.push([`/traders/${encodeURIComponent(s.who.traderTaxId)}`, t('navMyProfile'), 'trader']);
    for (const [href, label, name] of links) {
      nav.append(h('a', { href, 'data-link': '', class: name === active ? 'active' : '', 'aria-current': name === active ? 'page' : null }, label));
    }
  }
  const langSel = h(
    'select',
    {
      'aria-label': t('language'),
      'data-testid': 'lang',
      onchange: (e: Event) => {
        setLang((e.target as HTMLSelectElement).value as Lang);
        void render();
      },
    },
    h('option', { value: 'vi', selected: lang() === 'vi' }, 'Tiếng Việt'),
    h('option', { value: 'en', selected: lang() === 'en' }, 'English'),
  );
  const user = s
    ? h(
        'span',
        { class: 'user' },
        h('span', { 'data-testid': 'who' }, `${s.who.name} · ${tk('role_', s.who.role)}`),
        h(
          'button',
          {
            class: 'link',
            'data-testid': 'sign-out',
            onclick: async () => {
              await signOut();
              navigate('/login');
            },
          },
          t('signOut'),
        ),
      )
    : null;
  return h(
    'header',
    { class: 'top' },
    h('a', { href: '/', 'data-link': '', class: 'brand' }, t('appName')),
    nav,
    h('div', { class: 'tools' }, langSel, user),
  );
}

export async function render(): Promise<void> {
  const seq = ++renderSeq;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const s = session();
  if (path === '/') {
    navigate(s ? homeFor(s.who.role) : '/login', true);
    return;
  }
  let found: RouteDef | undefined;
  let params: Record<string, string> = {};
  for (const r of routes) {
    const m = match(r.pattern, path);
    if (m) {
      found = r;
      params = m;
      break;
    }
  }
  if (found && found.roles && !s) {
    navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, true);
    return;
  }
  document.documentElement.lang = lang();
  clear(app);
  app.append(shell(found?.name ?? ''));
  const main = h('main', { id: 'main', 'data-page': found?.name ?? 'none' });
  app.append(main);
  if (!found) {
    main.append(h('h1', null, t('notFound')), h('p', null, t('notFoundText')));
    return;
  }
  if (found.roles && s && !found.roles.includes(s.who.role)) {
    main.append(h('h1', null, t('notFound')), notice(t('forbidden'), 'error'));
    return;
  }
  // Each page's data time is measured from here to the page's own 'ready' mark (docs/web-console.md).
  performance.clearMarks();
  performance.clearMeasures();
  performance.mark('page-start');
  main.setAttribute('aria-busy', 'true');
  try {
    await found.page({ params, query: new URLSearchParams(location.search), root: main });
  } catch (e) {
    if (seq !== renderSeq) return;
    clear(main);
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
      main.append(h('h1', null, t('notFound')), h('p', { 'data-testid': 'not-found' }, t('notFoundText')));
    } else if (e instanceof ApiError && e.status === 401) {
      return;
    } else {
      main.append(h('h1', null, t('error')), notice(e instanceof Error ? e.message : String(e), 'error'));
    }
  }
  if (seq !== renderSeq) return;
  main.removeAttribute('aria-busy');
  performance.measure('page-data', 'page-start');
  main.setAttribute('data-ready', '1');
}

setUnauthorizedHandler(() => {
  clearSession();
  navigate(`/login?expired=1`, true);
});

document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest?.('a[data-link]') as HTMLAnchorElement | null;
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(a.getAttribute('href')!);
});
window.addEventListener('popstate', () => void render());
void render();
