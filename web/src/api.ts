// The Open API from the browser. The token lives in sessionStorage (gone when the tab closes) and
// travels only in the Authorization header, never in a URL.
export interface Principal {
  name: string;
  role: string;
  traderTaxId: string | null;
}

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: { pointer?: string; detail?: string; message?: string }[];
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

const TOKEN = 'hq.token';
const WHO = 'hq.who';

export function session(): { token: string; who: Principal } | null {
  const token = sessionStorage.getItem(TOKEN);
  const who = sessionStorage.getItem(WHO);
  if (!token || !who) return null;
  try {
    return { token, who: JSON.parse(who) as Principal };
  } catch {
    return null;
  }
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(WHO);
}

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(f: () => void): void {
  onUnauthorized = f;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { detail: text };
    }
  }
  if (!res.ok) {
    if (res.status === 401 && token) onUnauthorized();
    throw new ApiError(res.status, { status: res.status, ...(data as object) });
  }
  return data as T;
}

export async function signIn(name: string, password: string): Promise<Principal> {
  clearSession();
  const issued = await api<{ token: string; user?: { name: string; role: string; traderTaxId?: string | null } }>(
    'POST',
    '/api/v1/auth/login',
    { name, password },
  );
  sessionStorage.setItem(TOKEN, issued.token);
  const me: Principal = issued.user
    ? { name: issued.user.name, role: issued.user.role, traderTaxId: issued.user.traderTaxId ?? null }
    : await api<Principal>('GET', '/api/v1/auth/me');
  sessionStorage.setItem(WHO, JSON.stringify(me));
  return me;
}

export async function signOut(): Promise<void> {
  try {
    await api('POST', '/api/v1/auth/logout');
  } catch {
    // The session ends here either way.
  }
  clearSession();
}

export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

// Shapes used by the pages (see src/http/openapi.json).
export type Lane = 'green' | 'yellow' | 'red';
export interface Summary {
  id: number;
  declarantReference: string;
  type: string;
  office: string;
  declarantTaxId: string | null;
  importerTaxId: string | null;
  exporterTaxId: string | null;
  lane: Lane;
  status: string;
  score: number;
  invoiceAmount: number;
  currency: string;
  itemCount: number;
  filedAt: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface Party {
  taxId: string | null;
  name: string | null;
  address: string | null;
  country: string | null;
}
export interface Reason {
  code: string;
  message: string;
}
export interface Inspection {
  id: number;
  outcome: string;
  description: string;
  revenueAdjustment: number;
  officer: string;
  resultingStatus: string;
  recordedAt: string;
}
export interface Declaration {
  id: number;
  declarantReference: string;
  type: string;
  office: string;
  declarant: Party;
  importer?: Party | null;
  exporter?: Party | null;
  transport: { mode: string; conveyanceId?: string | null; departureCountry: string; loadingPlace?: string | null; dischargePlace?: string | null };
  invoice: { currency: string; incoterm: string; amount: number };
  items: { hsCode: string; description: string; originCountry: string; quantity: number; unit: string; netMassKg: number; grossMassKg: number; value: number }[];
  lane: Lane;
  status: string;
  score: number;
  reasons: Reason[];
  filedAt: string;
  inspections: Inspection[];
}
export interface Rule {
  id?: number;
  version?: number;
  code: string;
  description: string;
  field: string;
  operator: string;
  values: (string | number)[];
  lane: Lane | null;
  weight: number;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

// A file from the API (an export, an attachment) with the user's token in the header: fetched
// as a blob, never by a link that would need the token in its URL.
export async function fetchBlob(path: string): Promise<{ blob: Blob; rows: string | null; name: string | null }> {
  const headers: Record<string, string> = {};
  const token = sessionStorage.getItem(TOKEN);
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(path, { headers });
  if (!res.ok) {
    let problem: Problem = { status: res.status };
    try {
      problem = { status: res.status, ...(await res.json()) };
    } catch {
      // not JSON
    }
    if (res.status === 401 && token) onUnauthorized();
    throw new ApiError(res.status, problem);
  }
  const cd = res.headers.get('Content-Disposition') ?? '';
  const m = cd.match(/filename="?([^";]+)"?/);
  return { blob: await res.blob(), rows: res.headers.get('X-Total-Count'), name: m ? m[1] : null };
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
