// Sending a generated Word document (台账, certificates, plaque cards, 表彰 drafts): one content type and one
// properly escaped file name for every module.
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../files/index.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sends `docx` as an attachment named `<name>.docx` (Chinese names kept through RFC 5987 encoding). */
export function sendDocx(reply: FastifyReply, name: string, docx: Buffer): FastifyReply {
  return reply.header('content-type', DOCX_TYPE).header('content-disposition', contentDisposition(`${name}.docx`, false)).send(docx);
}
