// A task's attachments (evidence from the owner side, notices from the issuer side): download for all who
// see the task; upload and delete while it is open, for those the server allows (it answers 403/409 otherwise).
import { useRef, useState } from 'react';
import { App, Button, List, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { formatInstant } from '../../lib/time';
import { attachmentUrl, deleteAttachment, uploadAttachment, useRefreshTasks } from './api';
import { formatSize, type TaskDetail } from './types';

/** What the server accepts (PDF, Word, Excel, images); it checks the content, this only narrows the file dialog. */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.gif,.webp';

export function TaskAttachments({ task }: { task: TaskDetail }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const refresh = useRefreshTasks();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const open = task.status !== 'closed';
  // The owner side adds evidence, the issuer side (who may edit) adds notices.
  const canUpload = open && (task.can.complete || task.can.edit);
  const list = task.attachments ?? [];

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setUploading(true);
    try {
      for (const file of Array.from(files)) {
        await uploadAttachment(task.id, file);
        void message.success(`已上传：${file.name}`);
      }
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
      await refresh();
    }
  };

  const remove = async (fileId: string) => {
    try {
      await deleteAttachment(task.id, fileId);
      void message.success('附件已删除');
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <div>
      {canUpload && (
        <>
          <input ref={input} type="file" accept={ACCEPT} multiple hidden onChange={(e) => void upload(e.target.files)} aria-label="选择附件" />
          <Button icon={<UploadOutlined />} loading={uploading} onClick={() => input.current?.click()} style={{ marginBottom: 8 }}>
            上传附件
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            PDF、Word、Excel 或图片，如会议照片、签到表
          </Typography.Text>
        </>
      )}
      {list.length === 0 ? (
        <div>
          <Typography.Text type="secondary">无附件</Typography.Text>
        </div>
      ) : (
        <List
          size="small"
          dataSource={list}
          rowKey="id"
          renderItem={(f) => (
            <List.Item
              actions={
                open && (f.createdBy === me.user.id || task.can.edit)
                  ? [
                      <Popconfirm key="del" title={`删除附件“${f.name}”？`} okText="删除" cancelText="取消" onConfirm={() => remove(f.id)}>
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${f.name}`} />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Space wrap size={4}>
                <PaperClipOutlined />
                <a href={attachmentUrl(task.id, f.id)} download={f.name}>
                  {f.name}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatSize(f.size)} · {f.createdByName ?? ''} {formatInstant(f.createdAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
