// Encryption of sensitive fields at rest (AES-256-GCM) and a keyed hash beside each for exact lookup
// (HMAC-SHA-256), both from one 32-byte master key. Stored form: "v1:<iv>:<tag>:<ciphertext>" in base64.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { subkey } from './keyFile.js';

export class FieldCrypto {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('field-encryption key must be 32 bytes');
    this.encKey = subkey(masterKey, 'field encryption');
    this.macKey = subkey(masterKey, 'lookup hash');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
  }

  decrypt(stored: string): string {
    const [v, iv, tag, ct] = stored.split(':');
    if (v !== 'v1' || !iv || !tag || ct === undefined) throw new Error('unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash of a normalised value: equal inputs match, the value cannot be guessed offline. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.macKey).update(value.trim().toUpperCase()).digest('hex');
  }
}
