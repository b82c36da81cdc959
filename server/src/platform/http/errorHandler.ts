// Turns every failure into the one error shape. Stack traces stay in the server log, keyed by the
// request id that the client also receives.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ZodError, ZodType } from 'zod';
import { AppError, type FieldErrors } from '../errors.js';
import { fieldLabel } from './labels.js';
import { uniqueViolation } from '../../db/dialect.js';

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, message: string, fields?: FieldErrors) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .send({ error: { code, message, ...(fields ? { fields } : {}), requestId: request.id } });
}

const PART_NAMES: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/**
 * zod's own wording for a wrong type or an unknown choice names program values ("期望 string，实际接收 数字",
 * "期望以下之一 \"temporary\"|…", "NaN"); a clerk reads a plain sentence instead. Messages a schema wrote
 * itself (e.g. "类别应为制度、职责或流程") are kept.
 */
function plainMessage(keyword: string, message: string): string {
  if (keyword === 'invalid_type' && message.startsWith('无效输入')) return '格式不正确';
  if (keyword === 'invalid_value' && message.includes('期望以下之一')) return '不是可选的值';
  return message;
}

/** One 400 naming each wrong field by its Chinese label, the way the forms name them. */
function validationFailure(schema: ZodType | undefined, root: { key: string; label: string }, problems: { path: string[]; keyword: string; message: string }[]): AppError {
  const fields: FieldErrors = {};
  for (const v of problems) {
    const key = v.path.join('.') || root.key;
    if (fields[key]) continue;
    const label = fieldLabel(schema, v.path) ?? (v.path.length ? key : root.label);
    // "expected string, received undefined" reads badly to a clerk: say the field is required.
    const missing = v.keyword === 'invalid_type' && /undefined/.test(v.message);
    fields[key] = missing ? `请填写${label}` : `${label}：${plainMessage(v.keyword, v.message)}`;
  }
  const first = Object.values(fields)[0] ?? '输入有误';
  const count = Object.keys(fields).length;
  return new AppError(400, 'VALIDATION', count > 1 ? `${first}（另有 ${count - 1} 处错误）` : first, fields);
}

/** A value checked in a handler (not by the route's schema) that failed: the same 400 as a route's own check. */
export function schemaFailure(schema: ZodType, error: ZodError, root: { key: string; label: string }): AppError {
  return validationFailure(schema, root, error.issues.map((i) => ({ path: i.path.map(String), keyword: i.code, message: i.message })));
}

/**
 * The router's own refusals, before any route or hook runs (Fastify's frameworkErrors): a malformed %-escape in the
 * path, a path parameter longer than the router keeps. The one error shape in Chinese instead of Fastify's English.
 */
export function frameworkErrorAnswer(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') void send(reply, request, 404, 'NOT_FOUND', '请求的记录不存在（编号过长）');
  else void send(reply, request, 400, 'BAD_URL', '请求地址格式不正确');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, request, error.status, error.code, error.message, error.fields);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = (error.validationContext ?? 'body') as 'body' | 'querystring' | 'params' | 'headers';
      const schema = (request.routeOptions.schema as Record<string, unknown> | undefined)?.[part] as ZodType | undefined;
      const problems = error.validation.map((v) => ({ path: v.instancePath.split('/').filter(Boolean), keyword: v.keyword, message: v.message ?? '' }));
      const e = validationFailure(schema, { key: part, label: PART_NAMES[part]! }, problems);
      return send(reply, request, e.status, e.code, e.message, e.fields);
    }

    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, request, 413, 'PAYLOAD_TOO_LARGE', '提交的内容过大');
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return send(reply, request, 415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型');
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && error.statusCode === 400)) {
      return send(reply, request, 400, 'BAD_JSON', '请求内容不是有效的 JSON');
    }
    if (error.statusCode === 429) return send(reply, request, 429, 'TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试');
    // Two identical creates at the same moment: the later one meets the unique key the earlier one just took. The
    // transaction rolled back, so it is the same answer as a duplicate found before writing.
    if (uniqueViolation(error)) {
      // Logged: a key collision that is a bug, not a double submit, must still be found.
      request.log.warn({ err: error }, 'unique key violation answered as a duplicate');
      return send(reply, request, 409, 'DUPLICATE', '该记录已存在（可能是重复提交），请刷新后再看');
    }

    if (isResponseSerializationError(error as never)) {
      request.log.error({ err: error }, 'response did not match its schema');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, request, error.statusCode, 'BAD_REQUEST', '请求无效');
    } else {
      request.log.error({ err: error }, 'unexpected error');
    }
    return send(reply, request, 500, 'INTERNAL', `服务器内部错误，请联系管理员（请求编号 ${request.id}）`);
  });

  app.setNotFoundHandler((request, reply) => send(reply, request, 404, 'ROUTE_NOT_FOUND', '接口不存在'));
}
