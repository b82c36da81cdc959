// Typed fetch wrapper for the dangjian JSON API.
// Every error the server sends has the shape {"error":{"code","message","fields"?,"requestId"?}};
// it is turned into an ApiError so pages can show the Chinese message and map field errors.

export type FieldErrors = Record<string, string>;

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  fields?: FieldErrors;
  requestId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;
  readonly requestId: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.requestId = init.requestId;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Chinese text for any thrown value, for message.error() and Alerts. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return '操作失败，请稍后重试';
}

/** What the app should do after the server said the session is not usable. */
export type AuthEvent =
  | { kind: 'login'; reason?: 'expired' }
  | { kind: 'changePassword' };

let authHandler: (event: AuthEvent) => void = (event) => {
  // Fallback before the router registers its handler: a full page load.
  if (event.kind === 'login') {
    if (window.location.pathname !== '/login') {
      window.location.assign(event.reason ? `/login?reason=${event.reason}` : '/login');
    }
  } else if (window.location.pathname !== '/change-password') {
    window.location.assign('/change-password');
  }
};

export function setAuthHandler(handler: (event: AuthEvent) => void): void {
  authHandler = handler;
}

const LOGIN_PATH = '/api/v1/auth/login';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | readonly QueryValue[]>;

/** Appends non-empty query values; arrays repeat the key. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query)) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const v of values as QueryValue[]) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  const qs = params.toString();
  if (!qs) return path;
  return path + (path.includes('?') ? '&' : '?') + qs;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. the Idempotency-Key of a payment that must be stored once however often it is sent. */
  headers?: Record<string, string>;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown; requestId?: unknown };
}

function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '无权执行此操作';
  if (status === 404) return '请求的资源不存在';
  if (status === 413) return '提交的内容过大';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return `服务器出错（${status}），请稍后重试`;
  return `请求失败（${status}）`;
}

/** Reads the server's error body (if any) into an ApiError. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    const text = await res.text();
    body = text ? (JSON.parse(text) as ErrorBody) : undefined;
  } catch {
    body = undefined;
  }
  const err = body?.error;
  const fields =
    err?.fields && typeof err.fields === 'object' && !Array.isArray(err.fields)
      ? Object.fromEntries(
          Object.entries(err.fields as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        )
      : undefined;
  return new ApiError({
    status: res.status,
    code: typeof err?.code === 'string' ? err.code : `HTTP_${res.status}`,
    message: typeof err?.message === 'string' && err.message ? err.message : fallbackMessage(res.status),
    fields,
    requestId:
      typeof err?.requestId === 'string' ? err.requestId : (res.headers.get('x-request-id') ?? undefined),
  });
}

function notifyAuth(path: string, error: ApiError): void {
  if (error.status === 401 && (error.code === 'SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED')) {
    if (path.split('?')[0] === LOGIN_PATH) return;
    authHandler({ kind: 'login', reason: error.code === 'SESSION_EXPIRED' ? 'expired' : undefined });
  } else if (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') {
    authHandler({ kind: 'changePassword' });
  }
}

/** Low-level fetch with the session cookie; throws ApiError on any non-2xx answer. */
export async function rawFetch(
  method: string,
  path: string,
  options: RequestOptions & { accept?: string } = {},
): Promise<Response> {
  const url = buildUrl(path, options.query);
  const headers: Record<string, string> = { ...options.headers, Accept: options.accept ?? 'application/json' };
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) {
    body = options.body; // the browser writes the multipart boundary into Content-Type itself
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }
  if (!res.ok) {
    const error = await toApiError(res);
    notifyAuth(path, error);
    throw error;
  }
  return res;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await rawFetch(method, path, options);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ status: res.status, code: 'BAD_RESPONSE', message: '服务器返回了无法识别的数据' });
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T = void>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T = void>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T = void>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** One file as the multipart body (attachments); a refusal (type, size, state) is an ApiError with the Chinese reason. */
  upload: <T>(path: string, file: File, signal?: AbortSignal) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { body: form, signal });
  },
};

/** Parses `filename*=UTF-8''…` or `filename="…"` from a Content-Disposition header. */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim();
}

/**
 * Downloads a file answer (e.g. an .xlsx export) through the browser's save dialog. With a `body` the request is a
 * POST: an export that reveals data is an action, never a GET that a link or an image could send in one's name.
 */
export async function download(path: string, query: Query | undefined, fallbackName: string, body?: unknown): Promise<void> {
  const res = await rawFetch(body === undefined ? 'GET' : 'POST', path, { query, body, accept: '*/*' });
  const blob = await res.blob();
  const name = filenameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
