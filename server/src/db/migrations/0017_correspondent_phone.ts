// A 通讯员's contact phone is personal data like a member's: encrypted at rest with the field key
// (platform/crypto/fieldCrypto.ts), in `phone_enc` as on the staff row. Rows written before are encrypted
// here, on both dialects, and the clear column is dropped, so no copy of a number stays readable in the file.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import type { FieldCrypto } from '../../platform/crypto/fieldCrypto.js';

export function migration0017(_dialect: DbDialect, crypto: FieldCrypto | undefined) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const rows = await sql<{ tenant_id: string; id: string; phone: string }>`
        select tenant_id, id, phone from publicity_correspondents where phone is not null and phone <> ''`.execute(db);
      // Checked before any change: SQLite runs a migration's DDL outside a transaction.
      if (rows.rows.length > 0 && !crypto) throw new Error('encrypting correspondents\' phone numbers needs the field-encryption key');
      await db.schema.alterTable('publicity_correspondents').addColumn('phone_enc', 'text').execute();
      for (const r of rows.rows) {
        await sql`update publicity_correspondents set phone_enc = ${crypto!.encrypt(r.phone.trim())}
          where tenant_id = ${r.tenant_id} and id = ${r.id}`.execute(db);
      }
      await db.schema.alterTable('publicity_correspondents').dropColumn('phone').execute();
    },
  };
}
