import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, dialectLabel, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`API basics and the error shape ${dialectLabel()}`, () => {
  it('reports health with the dialect in use', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: t.dialect });
  });

  it('answers unknown API routes with a JSON 404 in Chinese', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await t.call(method, '/api/v1/no-such-thing');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json().error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '接口不存在' });
    }
  });

  it('refuses oversized bodies with 413 and changes nothing', async () => {
    const cookie = await t.login('dangwei');
    const id = await t.orgId('物业第一党支部');
    const res = await t.call('PATCH', `/api/v1/orgs/${id}`, { cookie, body: { name: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' });
    const row = await t.platform.db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.name).toBe('物业第一党支部');
  });

  it('names each bad field in Chinese and changes nothing', async () => {
    const cookie = await t.login('dangwei');
    const id = await t.orgId('物业第二党支部');
    const res = await t.call('PATCH', `/api/v1/orgs/${id}`, { cookie, body: { name: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.fields.name).toContain('请输入组织名称');
    expect(res.json().error.message).toContain('请输入组织名称');
    const bad = await t.call('POST', '/api/v1/auth/login', { body: '{not json', headers: { 'content-type': 'application/json' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('请求内容不是有效的 JSON');
  });

  it('says a wrong type or an unknown choice in plain Chinese, never in program values, and creates nothing', async () => {
    const cookie = await t.login('dangwei');
    const before = (await t.call('GET', '/api/v1/tasks?pageSize=1', { cookie })).json().total;
    const res = await t.call('POST', '/api/v1/tasks', { cookie, body: { title: 123, kind: 'weekly' } });
    expect(res.statusCode).toBe(400);
    const { fields } = res.json().error as { fields: Record<string, string> };
    expect(fields.title).toBe('任务标题：格式不正确');
    expect(fields.kind).toBe('任务类型：不是可选的值');
    expect(JSON.stringify(fields)).not.toMatch(/string|temporary|NaN|期望/);
    const page = await t.call('GET', '/api/v1/tasks?pageSize=abc', { cookie });
    expect(page.json().error.fields.pageSize).toBe('每页条数：格式不正确');
    expect((await t.call('GET', '/api/v1/tasks?pageSize=1', { cookie })).json().total).toBe(before);
  });

  it('hides unexpected errors behind a request id the client also receives', async () => {
    // Routes cannot be added after ready(), so the failing route lives on a second app over the same platform.
    const { buildApp } = await import('../../app.js');
    const other = await buildApp(t.platform, { logger: false });
    other.get('/api/v1/boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail at /srv/code.ts:12');
    });
    const res = await other.inject({ method: 'GET', url: '/api/v1/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
    expect(body.error.message).toContain(body.error.requestId);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toContain('code.ts');
    await other.close();
  });

  it('answers a unique-key violation no module translated with 409, on either dialect\'s error code', async () => {
    const { buildApp } = await import('../../app.js');
    const other = await buildApp(t.platform, { logger: false });
    for (const code of ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']) {
      other.post(`/api/v1/dup-${code}`, { config: { access: 'public' } }, async () => {
        throw Object.assign(new Error('duplicate key value violates unique constraint'), { code });
      });
    }
    for (const code of ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']) {
      const res = await other.inject({ method: 'POST', url: `/api/v1/dup-${code}` });
      expect(res.statusCode, code).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'DUPLICATE', message: '该记录已存在（可能是重复提交），请刷新后再看' });
    }
    await other.close();
  });

  it('refuses two identical creates at once with one 201 and one 409, never 500', async () => {
    const sec = await t.login('secadmin');
    const body = { code: 'twinRole', name: '同时创建', description: '', permissions: ['org.read'] };
    const both = await Promise.all([1, 2].map(() => t.call('POST', '/api/v1/admin/roles', { cookie: sec, body })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await t.platform.db.selectFrom('roles').select('id').where('code', '=', 'twinRole').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses the NUL character anywhere, login included, in Chinese with 400 and changes nothing', async () => {
    const login = await t.call('POST', '/api/v1/auth/login', { body: { username: 'dang\u0000wei', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().error).toMatchObject({ code: 'VALIDATION', message: '请求内容中含有不允许的空字符', fields: { username: '请求内容中含有不允许的空字符' } });
    const cookie = await t.login('dangwei');
    const query = await t.call('GET', `/api/v1/members?keyword=${encodeURIComponent('张\u0000')}`, { cookie });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.fields).toEqual({ keyword: '查询参数中含有不允许的空字符' });
    const id = await t.orgId('物业第二党支部');
    const patch = await t.call('PATCH', `/api/v1/orgs/${id}`, { cookie, body: { name: '物业\u0000第二党支部' } });
    expect(patch.statusCode).toBe(400);
    expect((await t.platform.db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('物业第二党支部');
    const nested = await t.call('PATCH', `/api/v1/orgs/${id}`, { cookie, body: { name: '正常', extra: { deep: ['a', 'b\u0000'] } } });
    expect(nested.json().error.fields).toEqual({ 'extra.deep.1': '请求内容中含有不允许的空字符' });
  });

  it('refuses a body nested deeper than 32 levels with 400 in Chinese, before anything recurses into it, and changes nothing', async () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'x' : { a: nest(levels - 1) });
    // 32 levels (the body itself and 31 inside) reach validation, which names the field.
    const atLimit = await t.call('POST', '/api/v1/auth/login', { body: { username: 'dangwei', password: nest(31) } });
    expect(atLimit.statusCode).toBe(400);
    expect(atLimit.json().error.fields.password).toBeDefined();
    const over = await t.call('POST', '/api/v1/auth/login', { body: { username: 'dangwei', password: nest(32) } });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({ code: 'VALIDATION', message: '请求内容层级过深' });
    // Thousands of levels, written as text: still the same plain 400, never a 500.
    const deepText = `{"username":"dangwei","password":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const huge = await t.call('POST', '/api/v1/auth/login', { body: deepText, headers: { 'content-type': 'application/json' } });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.message).toBe('请求内容层级过深');
    const cookie = await t.login('dangwei');
    const id = await t.orgId('物业第一党支部');
    const patch = await t.call('PATCH', `/api/v1/orgs/${id}`, { cookie, body: { name: '改名', extra: nest(40) } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.message).toBe('请求内容层级过深');
    expect((await t.platform.db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('物业第一党支部');
  });

  it('tells browsers and proxies not to keep API answers (personal data), lists and exports alike', async () => {
    const cookie = await t.login('dangwei');
    for (const url of ['/api/v1/members?pageSize=5', '/api/v1/members/export.xlsx', '/api/v1/auth/me', '/api/health']) {
      const res = await t.call('GET', url, { cookie });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('will not start a route that declares no access', async () => {
    const { buildApp } = await import('../../app.js');
    const other = await buildApp(t.platform, { logger: false });
    expect(() => other.get('/api/v1/undeclared', { schema: { querystring: z.object({}) } }, async () => 'x')).toThrow(/declares no access/);
    await other.close();
  });

  it('publishes OpenAPI generated from the zod schemas', async () => {
    const res = await t.call('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/admin/grants', '/api/v1/audit', '/api/v1/orgs/tree']));
    expect((await t.call('GET', '/api/docs')).statusCode).toBeLessThan(400);
  });

  it('sends security headers', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
