// The one way the console talks to the API: JSON over fetch with the signed-in user's token.
// Every refusal becomes an ApiError carrying the API's machine-readable `code` and its message,
// which pages show (see ErrorBox); nothing fails silently into a blank page.
import type { Role } from '@domain/labels';
import { reactive } from 'vue';

export type { Role };

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgId: string;
  orgName: string;
  orgCode: string;
}

export interface ErrorDetail {
  field?: string;
  rule?: string;
  nodeId?: string | null;
  message?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STORAGE_KEY = 'zwt.session';

function restore(): { token: string | null; user: SessionUser | null; expiresAt: number } {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { token: string; user: SessionUser; expiresAt: number } | null;
    if (saved && saved.expiresAt > Date.now()) return saved;
  } catch {
    // a damaged entry: start signed out
  }
  return { token: null, user: null, expiresAt: 0 };
}

/** The signed-in user: in memory, and in localStorage so a reload keeps the session until the token expires. */
export const session = reactive(restore());

export function signOut(): void {
  session.token = null;
  session.user = null;
  session.expiresAt = 0;
  localStorage.removeItem(STORAGE_KEY);
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const res = await api<{ accessToken: string; expiresIn: number; user: SessionUser }>('POST', '/auth/token', { username, password }, { anonymous: true });
  session.token = res.accessToken;
  session.user = res.user;
  session.expiresAt = Date.now() + res.expiresIn * 1000;
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ token: session.token, user: session.user, expiresAt: session.expiresAt }));
  return res.user;
}

export function hasRole(...roles: Role[]): boolean {
  return session.user !== null && roles.includes(session.user.role);
}

function headers(anonymous?: boolean): Record<string, string> {
  return session.token && !anonymous ? { authorization: `Bearer ${session.token}` } : {};
}

async function failure(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string; details?: ErrorDetail[] } | null;
  if (res.status === 401 && body?.code !== 'AUTH_INVALID_CREDENTIALS') signOut();
  return new ApiError(
    res.status,
    body?.code ?? `HTTP_${res.status}`,
    body?.message ?? `请求失败（HTTP ${res.status}）`,
    Array.isArray(body?.details) ? body.details : [],
  );
}

/** Calls `/api<path>`; resolves the JSON body, rejects with ApiError (network trouble included). */
export async function api<T>(method: string, path: string, body?: unknown, options: { anonymous?: boolean } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: { ...headers(options.anonymous), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw await failure(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/**
 * An action on a case or a disclosure application, with a request id the API uses as the Temporal Update
 * id. After a lost connection or an outage (status 0 or 5xx) the action may or may not have been applied:
 * trying the same action again sends the same id, so it is applied once. An answer that settles it (done,
 * or a 4xx refusal) drops the id.
 */
export async function apiAction<T>(path: string, body: Record<string, unknown>): Promise<T> {
  const key = `${path} ${JSON.stringify(body)}`;
  const requestId = pendingActions.get(key) ?? uuid();
  pendingActions.set(key, requestId);
  try {
    const result = await api<T>('POST', path, { ...body, requestId });
    pendingActions.delete(key);
    return result;
  } catch (e) {
    const unsettled = e instanceof ApiError && (e.status === 0 || e.status >= 500);
    if (!unsettled) pendingActions.delete(key);
    throw e;
  }
}

const pendingActions = new Map<string, string>();

/** A version 4 UUID; `crypto.randomUUID` exists only on https or localhost, a county intranet may serve http. */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A multipart upload (a document's attachment); resolves the JSON body like `api`. */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'POST', headers: headers(), body: form });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/** A text body (the flowchart SVG). */
export async function apiText(path: string): Promise<string> {
  const res = await fetch(`/api${path}`, { headers: headers() });
  if (!res.ok) throw await failure(res);
  return res.text();
}

/** A binary body (a document's PDF) as an object URL the page revokes when done. */
export async function apiBlobUrl(path: string): Promise<string> {
  const res = await fetch(`/api${path}`, { headers: headers() });
  if (!res.ok) throw await failure(res);
  return URL.createObjectURL(await res.blob());
}

/** The message a page shows for a failure: the API's words, its code, and which fields were wrong. */
export function describeError(error: unknown): { code: string; message: string; details: string[] } {
  if (error instanceof ApiError) {
    const details = error.details.map((d) => [d.nodeId ?? d.field, d.message ?? d.rule].filter(Boolean).join('：'));
    return { code: error.code, message: error.message, details };
  }
  return { code: 'CLIENT_ERROR', message: error instanceof Error ? error.message : String(error), details: [] };
}

/** A fresh id for POST /api/cases (the same id again files nothing new). */
export function requestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; a console served over plain HTTP on the office network has not.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
