// Environment → typed configuration, validated once at start so a bad value stops the server with a
// message that names the variable, instead of failing later in some request.
import path from 'node:path';
import { isIP } from 'node:net';

export type DbDialect = 'sqlite' | 'postgres';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  dialect: DbDialect;
  /** SQLite file path, or the PostgreSQL connection string. */
  databaseUrl: string;
  /** File holding the field-encryption key (created with 0600 rights on first start when absent). */
  keyFile: string;
  /** Base64 key given directly in the environment; wins over keyFile. */
  keyFromEnv: string | null;
  demoPassword: string | null;
  /** Serve the built web app from this directory when it exists. */
  webDist: string;
  logLevel: string;
  /** Seed the demo community on an empty database. */
  seedDemo: boolean;
  /**
   * Which reverse proxies' X-Forwarded-* to believe (the Secure cookie flag and the client IP in sessions and the
   * audit log): none, or the proxies' own addresses. Never every hop: the left end of X-Forwarded-For is whatever
   * the client wrote; and never "the nearest hop", which is whoever connects to the port.
   */
  trustProxy: false | string[];
}

/** proxy-addr's names for address ranges, accepted as they are. */
const PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4/IPv6 address, optionally with a prefix length in range. */
function isAddress(a: string): boolean {
  const [ip, prefix, extra] = a.split('/');
  const family = isIP(ip ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * DANGJIAN_TRUST_PROXY: false (default); true = a proxy on this machine (loopback); or the proxies' addresses.
 * Never a hop count: trusting "the nearest hop" trusts whoever connects directly to the port.
 */
function proxyTrust(raw: string | undefined, problems: string[]): false | string[] {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || ['0', 'false', 'no'].includes(v)) return false;
  if (['true', 'yes', '1'].includes(v)) return ['loopback'];
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (list.length > 0 && list.every((a) => PRESETS.has(a) || isAddress(a))) return list;
  problems.push(`DANGJIAN_TRUST_PROXY="${raw}" 应为 false、true（代理与本服务在同一台机器上），或代理的地址（逗号分隔，可带 /掩码，如 10.0.0.1,10.1.0.0/16）`);
  return false;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 (configuration error):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const repoRoot = path.resolve(new URL('.', import.meta.url).pathname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  let port = 3000;
  if (env.PORT !== undefined && env.PORT !== '') {
    const n = Number(env.PORT);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      problems.push(`PORT="${env.PORT}" 不是有效端口号 (must be an integer 0–65535)`);
    } else port = n;
  }

  const host = env.HOST && env.HOST.trim() !== '' ? env.HOST.trim() : '0.0.0.0';
  if (/\s/.test(host)) problems.push(`HOST="${env.HOST}" 含有空白字符 (must be a host name or IP address)`);

  const dataDir = path.resolve(env.DANGJIAN_DATA_DIR && env.DANGJIAN_DATA_DIR !== '' ? env.DANGJIAN_DATA_DIR : './data');

  let dialect: DbDialect = 'sqlite';
  let databaseUrl = path.join(dataDir, 'dangjian.sqlite');
  const rawUrl = env.DATABASE_URL?.trim();
  if (rawUrl) {
    if (/^postgres(ql)?:\/\//.test(rawUrl)) {
      try {
        new URL(rawUrl);
        dialect = 'postgres';
        databaseUrl = rawUrl;
      } catch {
        problems.push('DATABASE_URL 不是有效的 PostgreSQL 连接串 (expected postgres://user:pass@host:port/db)');
      }
    } else if (/^(sqlite:|file:)/.test(rawUrl)) {
      databaseUrl = path.resolve(rawUrl.replace(/^(sqlite:|file:)(\/\/)?/, ''));
    } else {
      problems.push('DATABASE_URL 只支持 postgres:// 或 sqlite:<文件路径> (leave it unset for the SQLite file in the data directory)');
    }
  }

  const keyFile = path.resolve(env.DANGJIAN_KEY_FILE && env.DANGJIAN_KEY_FILE !== '' ? env.DANGJIAN_KEY_FILE : path.join(dataDir, 'field-key'));
  let keyFromEnv: string | null = null;
  if (env.DANGJIAN_ENCRYPTION_KEY) {
    const buf = Buffer.from(env.DANGJIAN_ENCRYPTION_KEY, 'base64');
    if (buf.length !== 32) problems.push('DANGJIAN_ENCRYPTION_KEY 必须是 32 字节密钥的 Base64 编码 (openssl rand -base64 32)');
    else keyFromEnv = env.DANGJIAN_ENCRYPTION_KEY;
  }

  let demoPassword: string | null = null;
  if (env.DANGJIAN_DEMO_PASSWORD !== undefined && env.DANGJIAN_DEMO_PASSWORD !== '') {
    demoPassword = env.DANGJIAN_DEMO_PASSWORD;
    if (demoPassword.length < 8) problems.push('DANGJIAN_DEMO_PASSWORD 至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类');
  }

  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL="${logLevel}" 无效 (fatal|error|warn|info|debug|trace|silent)`);
  }

  const bool = (name: string, def: boolean): boolean => {
    const v = env[name];
    if (v === undefined || v === '') return def;
    if (['1', 'true', 'yes'].includes(v.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(v.toLowerCase())) return false;
    problems.push(`${name}="${v}" 应为 true 或 false`);
    return def;
  };

  const seedDemo = bool('DANGJIAN_SEED_DEMO', true);
  const trustProxy = proxyTrust(env.DANGJIAN_TRUST_PROXY, problems);
  const webDist = path.resolve(env.DANGJIAN_WEB_DIST ?? path.join(repoRoot, 'web', 'dist'));

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, host, dataDir, dialect, databaseUrl, keyFile, keyFromEnv, demoPassword, webDist, logLevel, seedDemo, trustProxy };
}
