// Photos and files of a record: images as thumbnails (served inline), other files as download links;
// upload and delete while the record is not archived (the server checks the type by content).
import { useRef, useState } from 'react';
import { App, Button, Flex, Image, List, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { formatInstant } from '../../lib/time';
import { attachmentUrl, deleteAttachment, uploadAttachment, useRefreshOrgLife } from './api';
import { formatSize, type ActivityDetail } from './types';

const ACCEPT = '.jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx';

export function ActivityFiles({ activity, editable }: { activity: ActivityDetail; editable: boolean }) {
  const { message } = App.useApp();
  const refresh = useRefreshOrgLife();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const files = activity.attachments;
  const images = files.filter((f) => f.isImage);
  const others = files.filter((f) => !f.isImage);

  const upload = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setUploading(true);
    try {
      for (const file of Array.from(list)) {
        await uploadAttachment(activity.id, file);
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
      await deleteAttachment(activity.id, fileId);
      void message.success('已删除');
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const del = (id: string, name: string) =>
    editable && (
      <Popconfirm key="del" title={`删除“${name}”？`} okText="删除" cancelText="取消" onConfirm={() => remove(id)}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${name}`} />
      </Popconfirm>
    );

  return (
    <Flex vertical gap={8}>
      {editable && (
        <div>
          <input ref={input} type="file" accept={ACCEPT} multiple hidden onChange={(e) => void upload(e.target.files)} aria-label="选择照片或文件" />
          <Button icon={<UploadOutlined />} loading={uploading} onClick={() => input.current?.click()}>
            上传照片或文件
          </Button>
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            活动照片、签到表扫描件、学习材料等
          </Typography.Text>
        </div>
      )}
      {files.length === 0 && <Typography.Text type="secondary">无照片和附件</Typography.Text>}
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {images.map((f) => (
              <Flex key={f.id} vertical align="center" style={{ width: 112 }}>
                <Image src={attachmentUrl(activity.id, f.id, true)} alt={f.name} width={104} height={78} style={{ objectFit: 'cover', borderRadius: 4 }} />
                <Flex align="center" style={{ width: '100%' }}>
                  <Typography.Link href={attachmentUrl(activity.id, f.id)} download={f.name} ellipsis style={{ fontSize: 12, flex: 1 }}>
                    {f.name}
                  </Typography.Link>
                  {del(f.id, f.name)}
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
          renderItem={(f) => (
            <List.Item actions={editable ? [del(f.id, f.name)] : []}>
              <Space wrap size={4}>
                <PaperClipOutlined />
                <a href={attachmentUrl(activity.id, f.id)} download={f.name}>
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
    </Flex>
  );
}
