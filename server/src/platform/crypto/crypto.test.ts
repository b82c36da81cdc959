import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCrypto } from './fieldCrypto.js';
import { loadOrCreateKey } from './keyFile.js';
import { maskIdNumber, maskPhone } from './mask.js';
import { hashPassword, verifyPassword } from './password.js';

describe('field encryption, lookup hash, masks and password hashing', () => {
  const fc = new FieldCrypto(randomBytes(32));

  it('encrypts so the stored text reveals nothing and decrypts back', () => {
    const id = '11010519491231002X';
    const stored = fc.encrypt(id);
    expect(stored).not.toContain('110105');
    expect(stored).not.toBe(fc.encrypt(id)); // random IV each time
    expect(fc.decrypt(stored)).toBe(id);
  });

  it('detects a tampered ciphertext', () => {
    const stored = fc.encrypt('13800138000');
    const parts = stored.split(':');
    const ct = Buffer.from(parts[3]!, 'base64');
    ct[0]! ^= 1;
    parts[3] = ct.toString('base64');
    expect(() => fc.decrypt(parts.join(':'))).toThrow();
  });

  it('gives equal lookup hashes for the same value (case and spaces ignored), different for another key', () => {
    expect(fc.lookupHash('11010519491231002x')).toBe(fc.lookupHash(' 11010519491231002X '));
    expect(new FieldCrypto(randomBytes(32)).lookupHash('11010519491231002X')).not.toBe(fc.lookupHash('11010519491231002X'));
  });

  it('masks a 身份证号 to its first character and a phone to 3 + 4 (modules/people/idMask.test.ts counts what is left)', () => {
    expect(maskIdNumber('110105194912310021')).toBe('1*****************');
    expect(maskPhone('13856785678')).toBe('138****5678');
  });

  it('creates the key file once with 0600 rights and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-key-'));
    const file = path.join(dir, 'sub', 'field-key');
    const a = loadOrCreateKey(file, null);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(file, null).equals(a)).toBe(true);
    fs.writeFileSync(file, 'short');
    expect(() => loadOrCreateKey(file, null)).toThrow(/已损坏/);
    fs.rmSync(dir, { recursive: true });
  });

  it('hashes passwords with scrypt and verifies only the right one', async () => {
    const h = await hashPassword('Demo@2026pass');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Demo@2026pass', h)).toBe(true);
    expect(await verifyPassword('Demo@2026pasS', h)).toBe(false);
    expect(await hashPassword('Demo@2026pass')).not.toBe(h);
  });
});
