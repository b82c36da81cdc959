// Who reads and writes the reports: the one place that says it. A report is about an organisation where the reader
// holds report.read (another one: 404, like a missing one); the secretary's words are written with report.write
// there (read but not write: 403); each module's section shows only with that module's own permission over the org.
import type { Actor } from '../../platform/access/actor.js';
import { can } from '../../platform/access/can.js';
import type { Db } from '../../db/types.js';
import type { SectionDef } from '../../platform/reports/sections.js';
import { orgOrTopInScope, type OrganisationTable } from '../org/index.js';

type Scoped = Pick<OrganisationTable, 'tenant_id' | 'path'>;
const rec = (o: Scoped) => ({ tenantId: o.tenant_id, orgPath: o.path });

/** The organisation asked for where the actor reads reports, else their highest such one; undefined when neither. */
export const reportOrg = (db: Db, actor: Actor, orgId: string | undefined): Promise<OrganisationTable | undefined> => orgOrTopInScope(db, actor, 'report.read', orgId);

export const writesWords = (actor: Actor, org: Scoped): boolean => can(actor, 'report.write', rec(org));

export const seesSection = (actor: Actor, section: Pick<SectionDef, 'access'>, org: Scoped): boolean => can(actor, section.access, rec(org));
