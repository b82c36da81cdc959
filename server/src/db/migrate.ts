// Ordered migrations, run at start and by `npm run migrate`. Each entry is a plain file in migrations/.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DbDialect } from '../config.js';
import type { Database } from './types.js';
import { migration0001 } from './migrations/0001_platform.js';
import { migration0002 } from './migrations/0002_people.js';
import { migration0003 } from './migrations/0003_search.js';
import { migration0004 } from './migrations/0004_files.js';
import { migration0005 } from './migrations/0005_info.js';
import { migration0006 } from './migrations/0006_notify.js';
import { migration0007 } from './migrations/0007_tasks.js';
import { migration0008 } from './migrations/0008_member_accounts.js';
import { migration0009 } from './migrations/0009_org_life.js';
import { migration0010 } from './migrations/0010_assessment.js';
import { migration0011 } from './migrations/0011_publicity.js';
import { migration0012 } from './migrations/0012_campaigns.js';
import { migration0013 } from './migrations/0013_performance.js';
import { migration0014 } from './migrations/0014_access_versions.js';
import { migration0015 } from './migrations/0015_org_life_versions.js';
import { migration0016 } from './migrations/0016_password_history.js';
import { migration0017 } from './migrations/0017_correspondent_phone.js';
import { migration0018 } from './migrations/0018_account_requests.js';
import { migration0019 } from './migrations/0019_org_life_people.js';
import { migration0020 } from './migrations/0020_staff_accounts.js';
import { migration0021 } from './migrations/0021_volunteer.js';
import { migration0022 } from './migrations/0022_volunteer_versions.js';
import { migration0023 } from './migrations/0023_incentives.js';
import { migration0024 } from './migrations/0024_training.js';
import { migration0025 } from './migrations/0025_training_talent.js';
import { migration0026 } from './migrations/0026_recruitment.js';
import { migration0027 } from './migrations/0027_transfers.js';
import { migration0028 } from './migrations/0028_staff_address.js';
import { migration0029 } from './migrations/0029_training_versions.js';
import { migration0030 } from './migrations/0030_volunteer_list_index.js';
import { migration0031 } from './migrations/0031_file_chunks.js';
import { migration0032 } from './migrations/0032_dues.js';
import { migration0033 } from './migrations/0033_recruitment_plans.js';
import { migration0034 } from './migrations/0034_transfer_withdraw.js';
import { migration0036 } from './migrations/0036_display_links.js';
import { migration0037 } from './migrations/0037_report_words.js';
import { migration0038 } from './migrations/0038_staff_party_work.js';
import { migration0039 } from './migrations/0039_write_versions.js';
import type { FieldCrypto } from '../platform/crypto/fieldCrypto.js';
import { BUILTIN_ROLES } from '../platform/access/roles.js';

function migrations(dialect: DbDialect, crypto: FieldCrypto | undefined): Record<string, Migration> {
  return {
    '0001_platform': migration0001(dialect),
    '0002_people': migration0002(dialect),
    '0003_search': migration0003(dialect),
    '0004_files': migration0004(dialect),
    '0005_info': migration0005(dialect),
    '0006_notify': migration0006(dialect),
    '0007_tasks': migration0007(dialect),
    '0008_member_accounts': migration0008(dialect),
    '0009_org_life': migration0009(dialect),
    '0010_assessment': migration0010(dialect),
    '0011_publicity': migration0011(dialect),
    '0012_campaigns': migration0012(dialect),
    '0013_performance': migration0013(dialect),
    '0014_access_versions': migration0014(dialect),
    '0015_org_life_versions': migration0015(dialect),
    '0016_password_history': migration0016(dialect),
    '0017_correspondent_phone': migration0017(dialect, crypto),
    '0018_account_requests': migration0018(dialect),
    '0019_org_life_people': migration0019(dialect),
    '0020_staff_accounts': migration0020(dialect),
    '0021_volunteer': migration0021(dialect),
    '0022_volunteer_versions': migration0022(dialect),
    '0023_incentives': migration0023(dialect),
    '0024_training': migration0024(dialect),
    '0025_training_talent': migration0025(dialect),
    '0026_recruitment': migration0026(dialect),
    '0027_transfers': migration0027(dialect),
    '0028_staff_address': migration0028(dialect, crypto),
    '0029_training_versions': migration0029(dialect),
    '0030_volunteer_list_index': migration0030(),
    '0031_file_chunks': migration0031(dialect),
    '0032_dues': migration0032(dialect),
    '0033_recruitment_plans': migration0033(dialect),
    '0034_transfer_withdraw': migration0034(),
    '0036_display_links': migration0036(dialect),
    '0037_report_words': migration0037(dialect),
    '0038_staff_party_work': migration0038(),
    '0039_write_versions': migration0039(),
  };
}

/**
 * `crypto` (the field key) is needed by migrations that encrypt existing values; without it such a
 * migration fails only if there is something to encrypt (a fresh database in a test or benchmark).
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: DbDialect, crypto?: FieldCrypto): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect, crypto) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  await syncBuiltinRoles(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies migrations up to and including `name` only: a test that writes rows as an older release left them. */
export async function migrateTo(db: Kysely<Database>, dialect: DbDialect, name: string, crypto?: FieldCrypto): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect, crypto) } });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * Built-in roles cannot be edited by anyone, so their permissions are the code's: a release that adds a
 * module's permissions to a built-in role gives them to every existing tenant's role on the next start.
 */
async function syncBuiltinRoles(db: Kysely<Database>): Promise<void> {
  for (const role of BUILTIN_ROLES) {
    await db.updateTable('roles').set({ permissions: JSON.stringify(role.permissions) })
      .where('builtin', '=', 1).where('code', '=', role.code).execute();
  }
}
