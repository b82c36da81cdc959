// One manuscript: what the signed-in user may do now (the server's `allowed`), its facts, the body, photos,
// the thread of comments between editor and author, and the drafts submitted so far.
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Descriptions, Divider, Drawer, Empty, Flex, List, Modal, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { CheckOutlined, CloseOutlined, CommentOutlined, DeleteOutlined, EditOutlined, NotificationOutlined, SendOutlined, StarOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { Attachments } from '../../components/Attachments';
import { RichText } from '../../components/RichText';
import { formatInstant } from '../../lib/time';
import { deleteManuscript, deletePhoto, photoUrl, submitManuscript, uploadPhoto, useManuscript, useRefreshPublicity, useRevision } from './api';
import { ManuscriptForm } from './ManuscriptForm';
import { ManuscriptStepModal, type StepKind } from './ManuscriptActions';
import { LevelTag, Quality, StatusTag, usePhone } from './parts';
import { CHANNEL_LABEL, labelOf, type ManuscriptDetail } from './types';

function facts(m: ManuscriptDetail): DescriptionsProps['items'] {
  const items: DescriptionsProps['items'] = [
    { key: 'status', label: '状态', children: <StatusTag status={m.status} /> },
    { key: 'org', label: '投稿组织', children: m.orgName },
    { key: 'author', label: '作者', children: m.authorName },
    { key: 'channel', label: '渠道', children: labelOf(CHANNEL_LABEL, m.channel) },
    { key: 'outlet', label: '拟投媒体', children: m.outlet },
    { key: 'level', label: '拟投级别', children: <LevelTag level={m.level} /> },
    { key: 'submittedAt', label: '投稿时间', children: formatInstant(m.submittedAt) },
    { key: 'revision', label: '稿次', children: m.revision > 0 ? `第 ${m.revision} 稿` : '未投稿' },
  ];
  if (m.adoptedAt) items.push({ key: 'adoptedAt', label: '采用时间', children: formatInstant(m.adoptedAt) });
  if (m.quality !== null && m.quality !== undefined) {
    items.push({
      key: 'quality',
      label: '质量评分',
      children: (
        <Flex vertical>
          <Quality value={m.quality} />
          {m.qualityNote && <Typography.Text type="secondary">{m.qualityNote}</Typography.Text>}
        </Flex>
      ),
    });
  }
  if (m.publishedOn) {
    items.push(
      { key: 'publishedOn', label: '刊发日期', children: m.publishedOn },
      { key: 'publishedOutlet', label: '刊发媒体', children: m.publishedOutlet ?? '-' },
      { key: 'publishedLevel', label: '刊发级别', children: <LevelTag level={m.publishedLevel} /> },
      {
        key: 'publishedRef',
        label: '链接或版面',
        children: m.publishedRef ? (
          /^https?:\/\//i.test(m.publishedRef) ? (
            <Typography.Link href={m.publishedRef} target="_blank" rel="noopener noreferrer nofollow">
              {m.publishedRef}
            </Typography.Link>
          ) : (
            m.publishedRef
          )
        ) : (
          '-'
        ),
      },
    );
  }
  return items;
}

function Comments({ m }: { m: ManuscriptDetail }) {
  if (m.comments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无意见" />;
  return (
    <List
      size="small"
      dataSource={m.comments}
      rowKey="id"
      data-testid="comment-thread"
      renderItem={(c) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Flex vertical gap={2} style={{ width: '100%' }}>
            <Flex wrap gap={6} align="center">
              <Tag color={c.role === 'editor' ? 'blue' : 'green'} style={{ marginInlineEnd: 0 }}>
                {c.role === 'editor' ? '编辑' : '作者'}
              </Tag>
              <Typography.Text strong>{c.authorName}</Typography.Text>
              {c.requestRevision && (
                <Tag color="warning" style={{ marginInlineEnd: 0 }}>
                  要求修改
                </Tag>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatInstant(c.createdAt)}
                {c.revision > 0 ? ` · 针对第 ${c.revision} 稿` : ''}
              </Typography.Text>
            </Flex>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.body}</Typography.Paragraph>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** The text of one submitted draft, as the editor received it. */
function RevisionModal({ id, revision, onClose }: { id: string; revision: number | null; onClose: () => void }) {
  const text = useRevision(id, revision);
  const r = text.data;
  return (
    <Modal title={`第 ${revision ?? ''} 稿`} open={revision !== null} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      {text.isPending ? (
        <Skeleton active />
      ) : text.isError ? (
        <Alert type="error" showIcon title={errorMessage(text.error)} />
      ) : r ? (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            {formatInstant(r.createdAt)}
            {r.createdByName ? ` · ${r.createdByName} 投递` : ''}
          </Typography.Text>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {r.title}
          </Typography.Title>
          <RichText html={r.body} empty={<Typography.Text type="secondary">（无正文）</Typography.Text>} />
        </Flex>
      ) : null}
    </Modal>
  );
}

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div>
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {title}
      </Divider>
      {children}
    </div>
  );
}

export function ManuscriptDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const phone = usePhone();
  const { me } = useSession();
  const { message } = App.useApp();
  const detail = useManuscript(id);
  const refresh = useRefreshPublicity();
  const [step, setStep] = useState<StepKind | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [revision, setRevision] = useState<number | null>(null);
  const m = detail.data;
  const can = (a: ManuscriptDetail['allowed'][number]) => !!m?.allowed.includes(a);
  const mine = !!m && m.authorUserId === me.user.id;

  const act = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      void message.success(done);
      await refresh();
      if (key === 'delete') onClose();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const buttons = m && (
    <Space wrap>
      {can('edit') && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {m.status === 'revising' ? '修改稿件' : '编辑'}
        </Button>
      )}
      {can('submit') && (
        <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void act('submit', () => submitManuscript(m.id), m.status === 'revising' ? '已重新提交' : '已提交')}>
          {m.status === 'revising' ? '重新提交' : '提交投稿'}
        </Button>
      )}
      {can('comment') && (
        <Button icon={<CommentOutlined />} onClick={() => setStep('comment')}>
          {mine ? '回复意见' : can('requestRevision') ? '意见 / 要求修改' : '意见'}
        </Button>
      )}
      {can('adopt') && (
        <Button type="primary" icon={<CheckOutlined />} onClick={() => setStep('adopt')}>
          采用
        </Button>
      )}
      {can('publish') && (
        <Button type="primary" icon={<NotificationOutlined />} onClick={() => setStep('publish')}>
          刊发登记
        </Button>
      )}
      {can('rate') && (
        <Button icon={<StarOutlined />} onClick={() => setStep('rate')}>
          质量评定
        </Button>
      )}
      {can('reject') && (
        <Button danger icon={<CloseOutlined />} onClick={() => setStep('reject')}>
          退稿
        </Button>
      )}
      {can('delete') && (
        <Popconfirm title="确定删除这篇草稿？" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => act('delete', () => deleteManuscript(m.id), '已删除')}>
          <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'}>
            删除
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const lastEditorComment = m?.status === 'revising' ? [...m.comments].reverse().find((c) => c.role === 'editor') : undefined;
  const photosEditable = can('photos');

  return (
    <>
      <Drawer title={m ? `稿件：${m.title}` : '稿件'} open={!!id} onClose={onClose} size={phone ? '100%' : 780} destroyOnHidden>
        {detail.isPending && !!id ? (
          <Skeleton active />
        ) : detail.isError ? (
          <Alert type="error" showIcon title={errorMessage(detail.error)} />
        ) : m ? (
          <Flex vertical gap={16}>
            {buttons}
            {lastEditorComment && (
              <Alert
                type="warning"
                showIcon
                title="编辑要求修改，请按意见修改后重新提交"
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{lastEditorComment.body}</span>}
              />
            )}
            {m.status === 'rejected' && m.rejectReason && (
              <Alert type="error" showIcon title="已退稿" description={<span style={{ whiteSpace: 'pre-wrap' }}>退稿理由：{m.rejectReason}</span>} />
            )}
            {m.status === 'submitted' && can('adopt') && (
              <Alert type="info" showIcon title="待审稿件：可提出意见或要求修改，采用时请按评分标准评定质量，不采用请写明退稿理由。" />
            )}
            {m.status === 'adopted' && can('publish') && <Alert type="info" showIcon title="稿件已采用，见报或上线后请登记刊发日期、媒体和级别。" />}
            <Descriptions column={phone ? 1 : 2} bordered size="small" items={facts(m)} styles={{ label: { whiteSpace: 'nowrap' } }} />
            <Section title="正文">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {m.title}
              </Typography.Title>
              <RichText html={m.body} empty={<Typography.Text type="secondary">（无正文）</Typography.Text>} />
            </Section>
            <Section title={`照片（${m.photos.length}）`}>
              <Attachments
                files={m.photos.map((p) => ({ ...p, isImage: true }))}
                urlOf={(fileId, inline) => photoUrl(m.id, fileId, inline)}
                upload={photosEditable ? (file) => uploadPhoto(m.id, file) : undefined}
                remove={photosEditable ? (fileId) => deletePhoto(m.id, fileId) : undefined}
                onChanged={refresh}
                thumbnails
                uploadLabel="上传照片"
                pickLabel="选择照片"
                emptyText="无照片"
              />
            </Section>
            <Section title={`编辑意见（${m.comments.length}）`}>
              <Comments m={m} />
            </Section>
            {m.revisions.length > 0 && (
              <Section title="投稿记录">
                <List
                  size="small"
                  dataSource={m.revisions}
                  rowKey="revision"
                  renderItem={(r) => (
                    <List.Item
                      style={{ paddingInline: 0 }}
                      actions={[
                        <Button key="view" type="link" size="small" onClick={() => setRevision(r.revision)}>
                          查看
                        </Button>,
                      ]}
                    >
                      <Flex wrap gap={8}>
                        <Typography.Text strong>第 {r.revision} 稿</Typography.Text>
                        <Typography.Text>{r.title}</Typography.Text>
                        <Typography.Text type="secondary">{formatInstant(r.createdAt)}</Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              </Section>
            )}
          </Flex>
        ) : null}
      </Drawer>
      {m && step && (
        <ManuscriptStepModal
          manuscript={m}
          asAuthor={mine}
          step={step}
          onClose={() => setStep(null)}
          onDone={() => {
            void refresh();
          }}
        />
      )}
      {m && <ManuscriptForm manuscript={m} open={editing} onClose={() => setEditing(false)} />}
      {m && <RevisionModal id={m.id} revision={revision} onClose={() => setRevision(null)} />}
    </>
  );
}
