// One branch's 推进措施 or one progress report of a campaign: read it, or (the branch's secretary, while the
// campaign is open) write it in the rich-text editor and attach files. Saving creates or updates the one row
// the branch has for it; attachments belong to that row, so they are offered once it exists.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Divider, Drawer, Empty, Flex, Form, Grid, Skeleton, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { Attachments } from '../../components/Attachments';
import { applyServerErrors } from '../../components/form';
import { RichText, richTextPlain } from '../../components/RichText';
import { RichTextEditor } from '../../components/RichTextEditor';
import { formatInstant } from '../../lib/time';
import {
  deleteSubmissionFile,
  saveMeasures,
  saveProgress,
  submissionFileUrl,
  uploadSubmissionFile,
  useRefreshCampaigns,
  useSubmission,
} from './api';
import type { ReportDue, Submission } from './types';

export interface SubmissionTarget {
  campaignId: string;
  campaignName: string;
  orgId: string;
  orgName: string;
  /** Absent: the 推进措施; present: that due's progress report. */
  due?: ReportDue;
  /** The deadline of what is written (measures due or the report's due). */
  dueOn: string;
  editable: boolean;
}

export function SubmissionDrawer({ target, onClose }: { target: SubmissionTarget | null; onClose: () => void }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const refresh = useRefreshCampaigns();
  const [form] = Form.useForm<{ content: string }>();
  const query = useSubmission(target?.campaignId ?? null, target?.due?.id ?? null, target?.orgId ?? null);
  const found = { data: query.data, loading: query.isPending, error: query.error };
  // What this drawer saved, until the reload catches up.
  const [saved, setSaved] = useState<Submission | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = saved ?? found.data ?? null;
  const what = target?.due ? `进展报告：${target.due.title}` : '推进措施';

  useEffect(() => {
    setSaved(null);
    setError(null);
    setEditing(false);
  }, [target]);

  // Opening something not yet written goes straight to the editor.
  const showEditor = !!target?.editable && (editing || (found.data === null && !saved));
  useEffect(() => {
    if (showEditor) form.setFieldsValue({ content: current?.content ?? '' });
  }, [showEditor, current?.content, form]);

  const save = async () => {
    if (!target) return;
    let content: string;
    try {
      content = (await form.validateFields()).content;
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = target.due
        ? await saveProgress(target.campaignId, target.due.id, target.orgId, content)
        : await saveMeasures(target.campaignId, target.orgId, content);
      setSaved(result);
      setEditing(false);
      void message.success(`${target.orgName}的${target.due ? '进展报告' : '推进措施'}已报送`);
      await refresh();
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e);
      if (matched === 0 || unmatched.length > 0) setError([errorMessage(e), ...unmatched].join('；'));
    } finally {
      setBusy(false);
    }
  };

  const footer = showEditor ? (
    <Flex justify="flex-end" gap={8} wrap>
      <Button onClick={() => (current ? setEditing(false) : onClose())}>取消</Button>
      <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()}>
        {current ? '保存修改' : `报送${target?.due ? '进展' : '措施'}`}
      </Button>
    </Flex>
  ) : undefined;

  return (
    <Drawer
      title={target ? `${target.orgName} · ${what}` : what}
      open={!!target}
      onClose={onClose}
      size={phone ? '100%' : 760}
      destroyOnHidden
      footer={footer}
      maskClosable={!showEditor}
    >
      {target && (
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'campaign', label: '活动', children: target.campaignName },
              { key: 'due', label: '报送截止', children: target.dueOn },
              {
                key: 'at',
                label: '报送时间',
                children: current ? (
                  <Flex gap={8} wrap align="center">
                    {formatInstant(current.updatedAt ?? current.submittedAt)}
                    {current.submittedByName && <Typography.Text type="secondary">{current.submittedByName}</Typography.Text>}
                    {current.late && <Tag color="orange">逾期报送</Tag>}
                  </Flex>
                ) : (
                  <Tag color="red">未报送</Tag>
                ),
              },
            ]}
          />
          {error && <Alert type="error" showIcon title={error} />}
          {!!found.error && <Alert type="error" showIcon title={errorMessage(found.error)} />}
          {found.loading && !saved ? (
            <Skeleton active />
          ) : showEditor ? (
            <Form form={form} layout="vertical" name="campaign-submission">
              <Form.Item
                name="content"
                label={target.due ? '进展情况' : '推进措施'}
                required
                rules={[{ validator: (_, v: string | undefined) => (richTextPlain(v).trim() ? Promise.resolve() : Promise.reject(new Error(`请填写${target.due ? '进展情况' : '推进措施'}`))) }]}
              >
                <RichTextEditor
                  aria-label={target.due ? '进展情况' : '推进措施'}
                  minHeight={phone ? 180 : 260}
                  placeholder={target.due ? '本阶段开展了哪些工作、取得什么成效、下一步打算' : '本支部落实活动要求的具体措施：内容、责任人、时间安排'}
                />
              </Form.Item>
            </Form>
          ) : current ? (
            <>
              <RichText html={current.content} empty={<Typography.Text type="secondary">（无内容）</Typography.Text>} />
              {target.editable && (
                <div>
                  <Button onClick={() => setEditing(true)}>修改{target.due ? '进展报告' : '推进措施'}</Button>
                </div>
              )}
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`尚未报送${target.due ? '进展报告' : '推进措施'}`} />
          )}
          {current && (
            <div>
              <Divider titlePlacement="start" style={{ marginTop: 0 }}>
                附件（{current.attachments?.length ?? 0}）
              </Divider>
              <Attachments
                files={(current.attachments ?? []).map((f) => ({ ...f, isImage: f.mime.startsWith('image/') }))}
                urlOf={(fileId, inline) => submissionFileUrl(current.id, fileId, inline)}
                upload={target.editable ? (file) => uploadSubmissionFile(current.id, file) : undefined}
                remove={target.editable ? (fileId) => deleteSubmissionFile(current.id, fileId) : undefined}
                canDelete={(f) => f.createdBy === me.user.id}
                onChanged={async () => {
                  setSaved(null);
                  await refresh();
                }}
                thumbnails
                hint="方案、照片、总结材料等：PDF、Word、Excel 或图片"
              />
            </div>
          )}
          {!current && target.editable && (
            <Typography.Text type="secondary">报送后可上传附件（方案、照片、总结材料等）。</Typography.Text>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
