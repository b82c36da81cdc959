// A person's 住址 is personal data like the 身份证号 and phone beside it (docs/DOMAIN.md, Privacy): encrypted at
// rest with the field key (platform/crypto/fieldCrypto.ts), in `address_enc`. Addresses stored before are
// encrypted here, on both dialects, and the clear column is dropped, so no copy stays readable in the file.
// Dropping a column keeps the table's other indexes and triggers (the version counters' "after update of name on
// staff"); the bundled SQLite (3.35 or later) drops it in place, as PostgreSQL does.
import { sql, type Kysely } from 'kysely';
import type { DbDialect } from '../../config.js';
import type { FieldCrypto } from '../../platform/crypto/fieldCrypto.js';

export function migration0028(_dialect: DbDialect, crypto: FieldCrypto | undefined) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const rows = await sql<{ tenant_id: string; id: string; address: string }>`
        select tenant_id, id, address from staff where address is not null and trim(address) <> ''`.execute(db);
      // Checked before any change: SQLite runs a migration's DDL outside a transaction.
      if (rows.rows.length > 0 && !crypto) throw new Error('encrypting staff addresses needs the field-encryption key');
      await db.schema.alterTable('staff').addColumn('address_enc', 'text').execute();
      for (const r of rows.rows) {
        await sql`update staff set address_enc = ${crypto!.encrypt(r.address.trim())}
          where tenant_id = ${r.tenant_id} and id = ${r.id}`.execute(db);
      }
      await db.schema.alterTable('staff').dropColumn('address').execute();
    },
  };
}
