// A record's attachments (information entries, tasks, 组织生活 records): images as thumbnails when asked,
// other files as download links with size and uploader; upload and delete when the caller allows. The
// server checks every file's type by content and answers refusals in Chinese; this only narrows the dialog.
import { useRef, useState, type ReactNode } from 'react';
import { App, Button, Flex, Image, List, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../api/client';
import { formatInstant } from '../lib/time';

/** What the server accepts by default (PDF, Word, Excel, images). */
export const ATTACHMENT_ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.gif,.webp';

export interface AttachmentItem {
  id: string;
  name: string;
  size: number;
  createdAt: string;
  createdBy?: string | null;
  createdByName?: string | null;
  isImage?: boolean;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Props {
  files: AttachmentItem[];
  /** Download address of a file; `inline` for thumbnails. */
  urlOf: (fileId: string, inline?: boolean) => string;
  /** Uploading is offered when given. */
  upload?: (file: File) => Promise<unknown>;
  /** Deleting a file is offered when given and `canDelete` allows it. */
  remove?: (fileId: string) => Promise<unknown>;
  canDelete?: (file: AttachmentItem) => boolean;
  /** Called after uploads and deletes, to reload the record. */
  onChanged?: () => Promise<unknown> | void;
  /** Images as a thumbnail gallery (photos of an activity) instead of plain links. */
  thumbnails?: boolean;
  uploadLabel?: string;
  /** Accessible name of the hidden file input, e.g. 选择附件. */
  pickLabel?: string;
  hint?: ReactNode;
  emptyText?: string;
}

export function Attachments({ files, urlOf, upload, remove, canDelete = () => true, onChanged, thumbnails = false, uploadLabel = '上传附件', pickLabel = '选择附件', hint, emptyText = '无附件' }: Props) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const images = thumbnails ? files.filter((f) => f.isImage) : [];
  const others = thumbnails ? files.filter((f) => !f.isImage) : files;

  const send = async (list: FileList | null) => {
    if (!upload || !list || list.length === 0) return;
    setUploading(true);
    try {
      for (const file of Array.from(list)) {
        await upload(file);
        void message.success(`已上传：${file.name}`);
      }
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
      await onChanged?.();
    }
  };

  const drop = async (fileId: string) => {
    try {
      await remove?.(fileId);
      void message.success('已删除');
      await onChanged?.();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const deleteButton = (f: AttachmentItem) =>
    remove && canDelete(f) ? (
      <Popconfirm key="del" title={`删除“${f.name}”？`} okText="删除" cancelText="取消" onConfirm={() => drop(f.id)}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${f.name}`} />
      </Popconfirm>
    ) : null;

  return (
    <Flex vertical gap={8}>
      {upload && (
        <div>
          <input ref={input} type="file" accept={ATTACHMENT_ACCEPT} multiple hidden onChange={(e) => void send(e.target.files)} aria-label={pickLabel} />
          <Button icon={<UploadOutlined />} loading={uploading} onClick={() => input.current?.click()}>
            {uploadLabel}
          </Button>
          {hint && (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {hint}
            </Typography.Text>
          )}
        </div>
      )}
      {files.length === 0 && <Typography.Text type="secondary">{emptyText}</Typography.Text>}
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {images.map((f) => (
              <Flex key={f.id} vertical align="center" style={{ width: 112 }}>
                <Image src={urlOf(f.id, true)} alt={f.name} width={104} height={78} style={{ objectFit: 'cover', borderRadius: 4 }} />
                <Flex align="center" style={{ width: '100%' }}>
                  <Typography.Link href={urlOf(f.id)} download={f.name} ellipsis style={{ fontSize: 12, flex: 1 }}>
                    {f.name}
                  </Typography.Link>
                  {deleteButton(f)}
                </Flex>
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
      {others.length > 0 && (
        <List
          size="small"
          dataSource={others}
          rowKey="id"
          renderItem={(f) => {
            const del = deleteButton(f);
            return (
              <List.Item actions={del ? [del] : []}>
                <Space wrap size={4}>
                  <PaperClipOutlined />
                  <a href={urlOf(f.id)} download={f.name}>
                    {f.name}
                  </a>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatSize(f.size)}
                    {f.createdByName ? ` · ${f.createdByName}` : ''} {formatInstant(f.createdAt)}
                  </Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </Flex>
  );
}
