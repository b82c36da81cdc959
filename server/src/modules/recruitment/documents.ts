// The documents of a person in the pipeline (入党申请书, 思想汇报, 政审材料 …): platform files owned by the person,
// each with its kind; uploaded by those who keep the person, served only to those who see them (else 404).
import type { FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import { listFiles, loadFile, receiveAttachment, storeFile, type FileMeta } from '../../platform/files/index.js';
import { checkWrites } from './policy.js';
import type { RecruitPersonTable } from './tables.js';

export const FILE_OWNER = 'recruitPerson';

export const DOCUMENT_KINDS = ['入党申请书', '思想汇报', '谈话记录', '培养考察材料', '政审材料', '培训结业证明', '入党志愿书', '转正申请书', '其他材料'] as const;

/** The person's live documents with their kinds, oldest first. */
export async function personDocuments(db: DbOrTx, tenantId: string, personId: string): Promise<(FileMeta & { kind: string })[]> {
  const [files, kinds] = await Promise.all([
    listFiles(db, tenantId, FILE_OWNER, [personId]),
    db.selectFrom('recruit_documents').select(['id', 'kind']).where('tenant_id', '=', tenantId).where('person_id', '=', personId).execute(),
  ]);
  const kindOf = new Map(kinds.map((k) => [k.id, k.kind]));
  return (files.get(personId) ?? []).map((f) => ({ ...f, kind: kindOf.get(f.id) ?? '其他材料' }));
}

/** Stores an uploaded document of the kind given, with its audit entry, in one transaction. */
export async function uploadDocument(p: Platform, request: FastifyRequest, actor: Actor, person: RecruitPersonTable, kind: string): Promise<FileMeta & { kind: string }> {
  checkWrites(actor, person.org_path);
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) throw fieldError('kind', `材料类别应为${DOCUMENT_KINDS.join('、')}之一`);
  const file = await receiveAttachment(request);
  return p.audit.tx(request.audit, async (trx) => {
    const at = p.clock.now().toISOString();
    const m = await storeFile(trx, person.tenant_id, { ownerKind: FILE_OWNER, ownerId: person.id, ...file, createdBy: actor.userId, at });
    await trx.insertInto('recruit_documents').values({ tenant_id: person.tenant_id, id: m.id, person_id: person.id, kind, created_at: at }).execute();
    await p.audit.record(trx, request.audit, { action: 'recruit.document', entity: 'recruitPerson', entityId: person.id, after: { fileId: m.id, kind, name: m.name, size: m.size, sha256: m.sha256 } });
    return { ...m, kind };
  });
}

/** One document of a person the caller already sees. */
export const documentOf = (db: DbOrTx, person: RecruitPersonTable, fileId: string) => loadFile(db, person.tenant_id, FILE_OWNER, person.id, fileId);
