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

/** Collects problems field by field and throws them together as one 400 answer. */
export class Problems {
  readonly fields: FieldErrors = {};
  add(field: string, message: string): void {
    if (!this.fields[field]) this.fields[field] = message;
  }
  get empty(): boolean {
    return Object.keys(this.fields).length === 0;
  }
  throwIfAny(): void {
    const messages = Object.values(this.fields);
    if (messages.length === 0) return;
    throw badRequest(messages.length > 1 ? `${messages[0]}（另有 ${messages.length - 1} 处错误）` : messages[0]!, this.fields);
  }
}
