// Cross-site request refusal: a state-changing request whose Origin (or Sec-Fetch-Site) shows it
// came from another site is refused before it reaches any handler. SameSite=Strict cookies are the
// first line; this is the second, for browsers and proxies that do not honour it.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function assertSameOrigin(request: FastifyRequest): void {
  if (SAFE.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') throw crossSite();
  const origin = request.headers.origin;
  if (origin === undefined) return; // non-browser clients (curl, scripts) send none
  // request.host honours X-Forwarded-Host only when the proxy is trusted (DANGJIAN_TRUST_PROXY).
  // Both sides go through URL so that default ports (":80", ":443") compare equal.
  let same = false;
  try {
    const from = new URL(origin);
    same = request.host !== '' && from.host === new URL(`${from.protocol}//${request.host}`).host;
  } catch {
    same = false;
  }
  if (!same) throw crossSite();
}

function crossSite(): AppError {
  return new AppError(403, 'CROSS_SITE_REQUEST', '拒绝来自其他网站的请求');
}
