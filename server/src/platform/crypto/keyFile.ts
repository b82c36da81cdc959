// The field-encryption master key: from DANGJIAN_ENCRYPTION_KEY, or a file created on first start with
// 0600 rights. Losing it makes encrypted fields unreadable, so backups copy it (see `backup`).
import fs from 'node:fs';
import path from 'node:path';
import { hkdfSync, randomBytes } from 'node:crypto';

export function loadOrCreateKey(keyFile: string, keyFromEnv: string | null): Buffer {
  if (keyFromEnv) return Buffer.from(keyFromEnv, 'base64');
  if (fs.existsSync(keyFile)) {
    const key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`字段加密密钥文件 ${keyFile} 已损坏 (expected base64 of 32 bytes)`);
    return key;
  }
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** A key for one purpose, derived from the master key, so no two uses share key material. */
export function subkey(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `dangjian ${purpose}`, 32));
}
