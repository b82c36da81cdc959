// Multipart upload of one spreadsheet with upload progress. fetch() cannot report how much of a request
// body has been sent, so this uses XMLHttpRequest; errors become the same ApiError as everywhere else.
import { ApiError, buildUrl, rawFetch, toApiError, type Query } from '../../api/client';
import type { ApiResponse } from '../../api/types';

/** Answer of POST …/import (docs/api/people.md); staff and members answer alike. */
export type ImportReport = ApiResponse<'/api/v1/members/import', 'post'>;
/** One problem of the row-level report: the row as Excel shows it (header = row 1), the Chinese column
 *  header (empty for a problem of the whole file) and the message. */
export type ImportProblem = ImportReport['problems'][number];

/** The server refuses larger files (platform/import/upload.ts); checked here first so nothing is sent in vain. */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

export interface UploadOptions {
  query?: Query;
  accept?: string;
  /** Bytes of the request body sent so far. */
  onProgress?: (loaded: number, total: number) => void;
  /** The whole file has been sent; the server is now working on it. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

export interface UploadAnswer {
  blob: Blob;
  header: (name: string) => string | null;
}

/** An expired session or a forced password change: let the API client's usual redirect happen. */
function followAuth(error: ApiError): void {
  const auth =
    (error.status === 401 && (error.code === 'SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED')) ||
    (error.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED');
  if (auth) void rawFetch('GET', '/api/v1/auth/me').catch(() => undefined);
}

/** POSTs `file` as the one part of a multipart form; resolves with the answer body, rejects with ApiError. */
export function postFile(url: string, file: File, options: UploadOptions = {}): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('上传已取消', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(url, options.query));
    xhr.responseType = 'blob';
    xhr.setRequestHeader('Accept', options.accept ?? 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
    };
    xhr.upload.onload = () => options.onUploaded?.();
    xhr.onload = () => {
      const blob = xhr.response instanceof Blob ? xhr.response : new Blob([]);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ blob, header: (name) => xhr.getResponseHeader(name) });
        return;
      }
      const headers = new Headers();
      const requestId = xhr.getResponseHeader('x-request-id');
      if (requestId) headers.set('x-request-id', requestId);
      void toApiError(new Response(blob, { status: xhr.status, headers })).then((error) => {
        followAuth(error);
        reject(error);
      });
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'NETWORK', message: '上传中断：无法连接服务器，请检查网络后重试' }));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Reads a JSON answer of postFile. */
export async function answerJson<T>(answer: UploadAnswer): Promise<T> {
  try {
    return JSON.parse(await answer.blob.text()) as T;
  } catch {
    throw new ApiError({ status: 200, code: 'BAD_RESPONSE', message: '服务器返回了无法识别的数据' });
  }
}

/** Hands a file answer to the browser's download. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** 1536 → "1.5 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
