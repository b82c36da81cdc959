// One information entry: its facts, the body rendered safely, attachments, the return reason, and the
// actions the server says this user may take now (`can`), plus the full text of every published version.
import { useState } from 'react';
import { Alert, App, Button, Collapse, Descriptions, Divider, Drawer, Empty, Flex, Form, Grid, Input, Modal, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { DeleteOutlined, EditOutlined, HistoryOutlined, RollbackOutlined, SendOutlined, CheckOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { RichText } from '../../components/RichText';
import { Attachments } from '../../components/Attachments';
import { formatInstant } from '../../lib/time';
import { attachmentUrl, deleteEntry, publishEntry, returnEntry, submitEntry, useInfoEntry, useInfoVersions, useRefreshInfo } from './api';
import { CATEGORY_COLOR, STATUS_COLOR, categoryLabel, statusLabel, type InfoCategory, type InfoEntry } from './types';

function usePhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

export function StatusTag({ status }: { status: InfoEntry['status'] }) {
  return <Tag color={STATUS_COLOR[status]}>{statusLabel(status)}</Tag>;
}

export function CategoryTag({ category }: { category: InfoCategory }) {
  return <Tag color={CATEGORY_COLOR[category]}>{categoryLabel(category)}</Tag>;
}

/** 退回 needs a reason: the submitter reads it to fix the entry. */
export function ReturnModal({ entry, open, onClose, onDone }: { entry: { id: string; title: string } | null; open: boolean; onClose: () => void; onDone?: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const refresh = useRefreshInfo();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!entry) return;
    let reason: string;
    try {
      reason = (await form.validateFields()).reason.trim();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await returnEntry(entry.id, reason);
      void message.success('已退回');
      await refresh();
      onClose();
      onDone?.();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={entry ? `退回：${entry.title}` : '退回'}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="退回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label="退回理由"
          rules={[
            { required: true, whitespace: true, message: '请填写退回理由' },
            { max: 500, message: '退回理由最多 500 字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="请说明需要修改的地方，提交人将看到这段说明" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Every published version in full, newest first. */
export function VersionsDrawer({ id, title, open, onClose }: { id: string | null; title: string; open: boolean; onClose: () => void }) {
  const phone = usePhone();
  const versions = useInfoVersions(id, open);
  const items = versions.data?.items ?? [];
  return (
    <Drawer title={`历史版本：${title}`} open={open} onClose={onClose} size={phone ? '100%' : 720} destroyOnHidden>
      {versions.isPending ? (
        <Skeleton active />
      ) : versions.isError ? (
        <Alert type="error" showIcon title={errorMessage(versions.error)} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未发布过，暂无历史版本" />
      ) : (
        <Collapse
          defaultActiveKey={[String(items[0]!.version)]}
          items={items.map((v, i) => ({
            key: String(v.version),
            label: (
              <Flex wrap gap={8} align="center">
                <Typography.Text strong>第 {v.version} 版</Typography.Text>
                {i === 0 && <Tag color="success">最新发布</Tag>}
                <Typography.Text type="secondary">
                  {formatInstant(v.publishedAt)} {v.publishedByName ? `· ${v.publishedByName} 发布` : ''}
                </Typography.Text>
              </Flex>
            ),
            children: (
              <div>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {v.title}
                </Typography.Title>
                <RichText html={v.bodyHtml} empty={<Typography.Text type="secondary">（无正文）</Typography.Text>} />
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

export function EntryAttachments({ entry }: { entry: InfoEntry }) {
  return <Attachments files={entry.attachments} urlOf={(fileId) => attachmentUrl(entry.id, fileId)} />;
}

/** Facts, body and attachments of an entry: shared by the detail drawer and the review preview. */
export function EntryView({ entry, highlight }: { entry: InfoEntry; highlight?: string[] }) {
  const phone = usePhone();
  const items: DescriptionsProps['items'] = [
    { key: 'org', label: '所属组织', children: entry.orgName },
    { key: 'category', label: '类别', children: <CategoryTag category={entry.category} /> },
    { key: 'status', label: '状态', children: <StatusTag status={entry.status} /> },
    { key: 'version', label: '已发布版本', children: entry.version > 0 ? `第 ${entry.version} 版` : '未发布' },
    { key: 'created', label: '编写', children: `${entry.createdByName ?? '-'}  ${formatInstant(entry.createdAt)}` },
    { key: 'updated', label: '最后修改', children: `${entry.updatedByName ?? '-'}  ${formatInstant(entry.updatedAt)}` },
    ...(entry.submittedAt
      ? [{ key: 'submitted', label: '提交审核', children: `${entry.submittedByName ?? '-'}  ${formatInstant(entry.submittedAt)}` }]
      : []),
    ...(entry.publishedAt
      ? [{ key: 'published', label: '发布', children: `${entry.publishedByName ?? '-'}  ${formatInstant(entry.publishedAt)}` }]
      : []),
    ...(entry.publishedMonth ? [{ key: 'month', label: '计入月份', children: entry.publishedMonth }] : []),
  ];
  return (
    <Flex vertical gap={16}>
      {entry.status === 'returned' && entry.returnReason && (
        <Alert type="warning" showIcon title="已退回，请按退回理由修改后重新提交" description={entry.returnReason} />
      )}
      <Descriptions column={phone ? 1 : 2} bordered size="small" items={items} />
      <div>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          正文
        </Divider>
        <RichText html={entry.bodyHtml} highlight={highlight} empty={<Typography.Text type="secondary">（无正文）</Typography.Text>} />
      </div>
      <div>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          附件
        </Divider>
        <EntryAttachments entry={entry} />
      </div>
    </Flex>
  );
}

/** Workflow buttons for what `entry.can` allows; `onEdit` opens the editor. */
export function EntryActions({ entry, onEdit, onDeleted, onChanged }: { entry: InfoEntry; onEdit?: (e: InfoEntry) => void; onDeleted?: () => void; onChanged?: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshInfo();
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [history, setHistory] = useState(false);

  const act = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      void message.success(done);
      await refresh();
      if (key === 'delete') onDeleted?.();
      else onChanged?.();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const c = entry.can;
  return (
    <>
      <Space wrap>
        {c.edit && onEdit && (
          <Button icon={<EditOutlined />} onClick={() => onEdit(entry)}>
            编辑
          </Button>
        )}
        {c.submit && (
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void act('submit', () => submitEntry(entry.id), '已提交审核')}>
            提交审核
          </Button>
        )}
        {c.publish && (
          <Popconfirm title="发布后所有有权查看的人都能看到，确定发布？" okText="发布" cancelText="取消" onConfirm={() => act('publish', () => publishEntry(entry.id), '已发布')}>
            <Button type="primary" icon={<CheckOutlined />} loading={busy === 'publish'}>
              发布
            </Button>
          </Popconfirm>
        )}
        {c.return && (
          <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
            退回
          </Button>
        )}
        <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
          历史版本
        </Button>
        {c.delete && (
          <Popconfirm title="确定删除这条信息？删除后不再出现在列表、搜索和统计中。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => act('delete', () => deleteEntry(entry.id), '已删除')}>
            <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'}>
              删除
            </Button>
          </Popconfirm>
        )}
      </Space>
      <ReturnModal entry={entry} open={returning} onClose={() => setReturning(false)} onDone={onChanged} />
      <VersionsDrawer id={entry.id} title={entry.title} open={history} onClose={() => setHistory(false)} />
    </>
  );
}

export interface InfoEntryDrawerProps {
  id: string | null;
  onClose: () => void;
  onEdit?: (e: InfoEntry) => void;
  /** Search words to mark in the body. */
  highlight?: string[];
}

export function InfoEntryDrawer({ id, onClose, onEdit, highlight }: InfoEntryDrawerProps) {
  const phone = usePhone();
  const entry = useInfoEntry(id);
  const e = entry.data;
  const actions = e && <EntryActions entry={e} onEdit={onEdit} onDeleted={onClose} />;
  return (
    <Drawer
      title={e ? e.title : '信息详情'}
      open={!!id}
      onClose={onClose}
      size={phone ? '100%' : 760}
      destroyOnHidden
    >
      {entry.isPending && !!id ? (
        <Skeleton active />
      ) : entry.isError ? (
        <Alert type="error" showIcon title={errorMessage(entry.error)} />
      ) : e ? (
        <Flex vertical gap={16}>
          {actions}
          <EntryView entry={e} highlight={highlight} />
        </Flex>
      ) : null}
    </Drawer>
  );
}
