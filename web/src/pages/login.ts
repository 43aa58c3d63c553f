import { ApiError, signIn } from '../api';
import { t } from '../i18n';
import { field, h, notice } from '../ui';
import { navigate, type PageContext } from '../main';

export async function loginPage({ root, query }: PageContext): Promise<void> {
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, 'data-testid': 'login-name' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'login-password' });
  const status = h('div', { 'aria-live': 'polite' });
  if (query.get('expired')) status.append(notice(t('sessionExpired'), 'error'));
  const button = h('button', { type: 'submit', class: 'primary', 'data-testid': 'login-submit' }, t('signIn'));
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        button.disabled = true;
        status.replaceChildren();
        try {
          await signIn(name.value.trim(), password.value);
          const next = query.get('next');
          navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', true);
        } catch (err) {
          const text = err instanceof ApiError && (err.status === 401 || err.status === 400) ? t('signInFailed') : (err as Error).message;
          status.append(notice(text, 'error'));
          button.disabled = false;
        }
      },
    },
    h('h1', null, t('signIn')),
    field(t('userName'), name),
    field(t('password'), password),
    button,
    status,
  );
  root.append(form);
  name.focus();
}
