// One error shape for every API response: {"error":{"code","message","fields"?,"requestId"?}}.
// Messages are Chinese for people; codes are stable for programs.

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldErrors) => new AppError(400, 'VALIDATION', message, fields);
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED', '请先登录');
export const forbidden = (message = '没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
/** Out-of-scope records answer exactly like missing ones so that ids cannot be probed. */
export const notFound = (what = '记录') => new AppError(404, 'NOT_FOUND', `${what}不存在或无权访问`);
export const conflict = (code: string, message: string, fields?: FieldErrors) => new AppError(409, code, message, fields);

export function fieldError(field: string, message: string): AppError {
  return badRequest(message, { [field]: message });
}
