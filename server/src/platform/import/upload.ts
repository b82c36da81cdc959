// Reads the one file of a multipart upload into memory, with a Chinese message for each way it can fail.
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../errors.js';

export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

export async function readUpload(request: FastifyRequest): Promise<{ filename: string; buffer: Buffer }> {
  if (!request.isMultipart()) throw badRequest('请以表单方式上传文件（multipart/form-data）');
  try {
    const file = await request.file({ limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 } });
    if (!file) throw badRequest('请选择要导入的文件');
    return { filename: file.filename, buffer: await file.toBuffer() };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'PAYLOAD_TOO_LARGE', `文件超过 ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB，请分批导入`);
    // A body cut short or with a broken boundary (the parser's "Unexpected end of form") is the sender's, not a 500.
    if ((typeof code === 'string' && code.startsWith('FST_')) || (err instanceof Error && /multipart|boundary|unexpected end|part header/i.test(err.message))) {
      throw badRequest('上传的内容不完整或格式有误，请重新选择文件上传');
    }
    throw err;
  }
}
