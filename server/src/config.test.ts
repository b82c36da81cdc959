import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to port 3000 and a SQLite file in ./data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dialect).toBe('sqlite');
    expect(c.databaseUrl).toBe(path.resolve('./data/dangjian.sqlite'));
    expect(c.keyFile).toBe(path.resolve('./data/field-key'));
  });

  it('switches to PostgreSQL for a postgres:// URL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5433/dj' });
    expect(c.dialect).toBe('postgres');
    expect(c.databaseUrl).toBe('postgres://u:p@127.0.0.1:5433/dj');
  });

  it('trusts no proxy by default, and otherwise only a proxy on this machine or the named proxies, never every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ DANGJIAN_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ DANGJIAN_TRUST_PROXY: 'true' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ DANGJIAN_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16, fd00::/8' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', 'fd00::/8']);
    // A hop count, an address out of range and a bad prefix are refused in Chinese at start.
    for (const bad of ['2', '999.1.1.1', '10.0.0.0/33', ':', 'maybe']) {
      expect(() => loadConfig({ DANGJIAN_TRUST_PROXY: bad }), bad).toThrow(/DANGJIAN_TRUST_PROXY="[^"]*" 应为/);
    }
  });

  it('reports every bad value at once, naming the variable', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', DANGJIAN_DEMO_PASSWORD: 'short', DANGJIAN_ENCRYPTION_KEY: 'AAAA', LOG_LEVEL: 'loud', DANGJIAN_TRUST_PROXY: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as ConfigError).message;
      for (const name of ['PORT', 'DATABASE_URL', 'DANGJIAN_DEMO_PASSWORD', 'DANGJIAN_ENCRYPTION_KEY', 'LOG_LEVEL', 'DANGJIAN_TRUST_PROXY']) expect(msg).toContain(name);
      expect((e as ConfigError).problems).toHaveLength(6);
    }
  });
});
