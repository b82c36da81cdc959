// /plaque/<code>: the public page of a plaque, the only part of the system open without a session. GET shows the
// plaque (or 此岗位已撤销 for anything not active, with one status for all so nothing can be probed); POST takes
// the rating form (urlencoded, at most 4 KB) from the page's own origin. Every answer is HTML with its own strict
// CSP; every request counts against the per-address flood limit first.
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { assertSameOrigin } from '../../platform/http/origin.js';
import { FloodLimiter } from '../../platform/http/floodLimiter.js';
import { goneText, messagePage, plaquePage, PUBLIC_PAGE_CSP, type FormState } from './publicPage.js';
import { activePlaqueByCode, publicView, storeRating } from './publicRating.js';
import { PUBLIC_RATING } from './ratingSettings.js';

export const DEVICE_COOKIE = 'dj_device';
const DEVICE_SHAPE = /^[A-Za-z0-9_-]{22,64}$/;
const BODY_LIMIT = 4096;
const YEAR_SECONDS = 365 * 24 * 3600;
// C0 controls but tab and newline, DEL and the C1 block, and bidi overrides: a comment is plain text.
// eslint-disable-next-line no-control-regex -- control characters are what we remove
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const publicPlaqueRoutes: FastifyPluginAsync<{ floodPerMinute?: number }> = async (app, opts) => {
  const p = app.platform;
  const flood = new FloodLimiter(opts.floodPerMinute);

  // This plugin's own body parsers: the form (bounded), and any other content type read and dropped (the handler
  // then answers 表单无效), so that nothing but the form is ever interpreted here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, _body, done) => done(null, null));

  // Referrer policy same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the form's
  // POST, which the cross-site check must refuse; same-origin still sends nothing to any other site.
  const html = (reply: FastifyReply, status: number, body: string) => reply.status(status)
    .header('content-type', 'text/html; charset=utf-8').header('content-security-policy', PUBLIC_PAGE_CSP)
    .header('cache-control', 'no-store').header('referrer-policy', 'same-origin').send(body);
  const gone = (reply: FastifyReply) => html(reply, 404, goneText());

  // Refusals before the handler (a body over 4 KB, a NUL in the form, a malformed body) as pages, not JSON.
  app.setErrorHandler((err: { statusCode?: number }, request, reply) => {
    const code = err instanceof AppError ? err.status : err.statusCode;
    const status = code && code >= 400 && code < 500 ? code : 500;
    if (status === 500) request.log.error({ err }, 'public plaque page failed');
    const line = status === 413 ? '提交的内容过长' : err instanceof AppError && status < 500 ? err.message : status < 500 ? '请求无效，请返回重新填写' : '系统繁忙，请稍后再试';
    return html(reply, status, messagePage(status < 500 ? '无法提交' : '暂时无法访问', line));
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!flood.allow(request.ip, p.clock.now().getTime())) return html(reply, 429, messagePage('访问过于频繁，请稍后再试', '请一分钟后再打开本页。'));
  });

  /** The device id from the cookie, or a new one set for a year (Path=/plaque: no other page sees it). */
  const deviceOf = (request: FastifyRequest, reply: FastifyReply): string => {
    const cur = request.cookies[DEVICE_COOKIE];
    if (cur && DEVICE_SHAPE.test(cur)) return cur;
    const id = randomBytes(18).toString('base64url');
    reply.setCookie(DEVICE_COOKIE, id, { path: '/plaque', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: YEAR_SECONDS });
    return id;
  };

  // No schema: the code's shape is checked by the lookup, so that a malformed code gets the same page as a forged one.
  const routeConfig = { config: { access: 'public' as const }, schema: { hide: true } };

  app.get<{ Params: { code: string } }>('/plaque/:code', routeConfig, async (request, reply) => {
    const x = await activePlaqueByCode(p, request.params.code);
    if (!x) return gone(reply);
    deviceOf(request, reply);
    const rules = await p.settings.get(x.tenant_id, PUBLIC_RATING);
    return html(reply, 200, plaquePage(await publicView(p, x), `/plaque/${x.public_code}`, rules.commentMaxLength));
  });

  app.post<{ Params: { code: string }; Body: unknown }>('/plaque/:code', routeConfig, async (request, reply) => {
    try {
      assertSameOrigin(request);
    } catch (err) {
      if (err instanceof AppError) return html(reply, 403, messagePage('无法提交', '拒绝来自其他网站的请求'));
      throw err;
    }
    const x = await activePlaqueByCode(p, request.params.code);
    if (!x) return gone(reply);
    const back = `/plaque/${x.public_code}`;
    const rules = await p.settings.get(x.tenant_id, PUBLIC_RATING);
    const again = async (status: number, form: FormState) => html(reply, status, plaquePage(await publicView(p, x), back, rules.commentMaxLength, form));
    const body = request.body;
    if (!body || typeof body !== 'object') return again(400, { error: '表单无效，请重新填写' });
    const fields = body as Record<string, unknown>;
    const score = typeof fields.score === 'string' ? fields.score : '';
    const comment = (typeof fields.comment === 'string' ? fields.comment : '').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
    const form = { score, comment };
    if (!/^[1-5]$/.test(score)) return again(400, { ...form, error: '请选择 1–5 星评分' });
    if ([...comment].length > rules.commentMaxLength) return again(400, { ...form, error: `留言最多 ${rules.commentMaxLength} 个字` });
    const outcome = await storeRating(p, x, { score: Number(score), comment: comment || null, deviceId: deviceOf(request, reply), ip: request.ip });
    if (outcome === 'alreadyToday') return html(reply, 409, messagePage('今天已评价过', '同一设备每天只能对该岗位评价一次，感谢您的关注。', back));
    if (outcome === 'addressLimit') return html(reply, 429, messagePage('今天的评价次数已满', '来自您所在网络的评价今天已达上限，请明天再来。', back));
    return html(reply, 200, messagePage('感谢您的评价', '感谢您的评价，留言经审核后公开。', back));
  });
};

export default publicPlaqueRoutes;
