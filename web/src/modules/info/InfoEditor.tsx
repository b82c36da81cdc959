// Writing an entry (制度, 职责, 流程): organisation, category, title, the rich-text body and attachments.
// A new entry's files wait in the list until the first save creates the entry; an existing entry's files
// are uploaded at once. 保存草稿 keeps it to the writer; 保存并提交 sends it to the reviewers.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Grid, Input, Select, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage, isApiError } from '../../api/client';
import { useSession } from '../../app/session';
import { applyServerErrors } from '../../components/form';
import { richTextPlain } from '../../components/RichText';
import { RichTextEditor } from '../../components/RichTextEditor';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { createEntry, deleteAttachment, submitEntry, updateEntry, uploadAttachment, useRefreshInfo, type EntryInput } from './api';
import { CATEGORY_LABEL, WRITTEN_CATEGORIES, type FileMeta, type InfoEntry, type WrittenCategory } from './types';
import { formatSize } from '../../components/Attachments';

const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,.gif,.bmp,.webp';

interface Values {
  orgId: string;
  category: WrittenCategory;
  title: string;
  bodyHtml: string;
}

type Item = UploadFile<FileMeta>;

function storedItem(f: FileMeta): Item {
  return { uid: f.id, name: `${f.name}（${formatSize(f.size)}）`, status: 'done', response: f };
}

export interface InfoEditorProps {
  /** The entry to edit; null for a new one. */
  entry: InfoEntry | null;
  open: boolean;
  onClose: () => void;
  /** After a save; the entry as the server answered. */
  onSaved?: (entry: InfoEntry) => void;
}

export function InfoEditor({ entry, open, onClose, onSaved }: InfoEditorProps) {
  const { me } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshInfo();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  // The entry as saved so far: after the first save of a new entry, further saves update it.
  const [saved, setSaved] = useState<InfoEntry | null>(entry);
  const [files, setFiles] = useState<Item[]>(() => (entry ? entry.attachments.map(storedItem) : []));
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const initialValues = useMemo<Partial<Values>>(
    () =>
      entry
        ? { orgId: entry.orgId, category: entry.category, title: entry.title, bodyHtml: entry.bodyHtml }
        : { orgId: me.scope[0]?.orgId, category: 'rule', bodyHtml: '' },
    [entry, me.scope],
  );

  useEffect(() => {
    if (!open) return;
    setSaved(entry);
    setFiles(entry ? entry.attachments.map(storedItem) : []);
    setFormError(null);
    form.resetFields();
  }, [open, entry, form]);

  // A publisher correcting a published entry keeps it published; everyone else's edit goes back through review.
  const staysPublished = saved?.status === 'published' && saved.can.publish;
  const canSubmitAfter = !saved || saved.status !== 'submitted';

  /** Uploads the files chosen before the entry existed; failures stay in the list with the server's reason. */
  const uploadPending = async (id: string): Promise<boolean> => {
    let ok = true;
    const next: Item[] = [];
    for (const f of files) {
      if (f.status === 'done' || !f.originFileObj) {
        if (f.status !== 'error') next.push(f);
        continue;
      }
      try {
        const meta = await uploadAttachment(id, f.originFileObj);
        next.push(storedItem(meta));
      } catch (e) {
        ok = false;
        next.push({ ...f, status: 'error', error: new Error(errorMessage(e)), response: undefined });
      }
    }
    setFiles(next);
    return ok;
  };

  const save = async (andSubmit: boolean) => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(andSubmit ? 'submit' : 'draft');
    setFormError(null);
    const input: EntryInput = { orgId: values.orgId, category: values.category, title: values.title.trim(), bodyHtml: values.bodyHtml ?? '' };
    try {
      let result = saved ? await updateEntry(saved.id, input) : await createEntry(input);
      setSaved(result);
      const filesOk = await uploadPending(result.id);
      if (!filesOk) {
        await refresh();
        setFormError('信息已保存，但有附件未能上传，见附件列表中的原因；可删除后重新选择文件。');
        return;
      }
      if (andSubmit && result.can.submit) result = await submitEntry(result.id);
      void message.success(andSubmit ? '已保存并提交审核' : staysPublished ? '已保存' : '已保存草稿');
      await refresh();
      onSaved?.(result);
      onClose();
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e);
      if (matched === 0 || unmatched.length > 0) setFormError([errorMessage(e), ...unmatched].join('；'));
      await refresh();
    } finally {
      setBusy(null);
    }
  };

  const onRemove = async (file: Item): Promise<boolean> => {
    const meta = file.response;
    if (!saved || file.status !== 'done' || !meta) return true; // not uploaded yet: just forget it
    try {
      await deleteAttachment(saved.id, meta.id);
      void message.success(`已删除附件 ${meta.name}`);
      await refresh();
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    }
  };

  const title = entry ? `编辑：${entry.title}` : '新建信息';
  const footer = (
    <Flex justify="flex-end" gap={8} wrap>
      <Button onClick={onClose}>取消</Button>
      <Button icon={<SaveOutlined />} loading={busy === 'draft'} disabled={busy === 'submit'} onClick={() => void save(false)}>
        {staysPublished ? '保存' : '保存草稿'}
      </Button>
      {canSubmitAfter && !staysPublished && (
        <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy === 'draft'} onClick={() => void save(true)}>
          保存并提交
        </Button>
      )}
    </Flex>
  );

  return (
    <Drawer title={title} open={open} onClose={onClose} size={phone ? '100%' : 880} destroyOnHidden footer={footer} maskClosable={false}>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      {saved?.status === 'published' && !saved.can.publish && (
        <Alert type="info" showIcon title="这条信息已发布。保存修改后它将回到草稿，重新提交审核并发布后生效；已发布的版本保留在历史版本中。" style={{ marginBottom: 16 }} />
      )}
      {saved?.status === 'returned' && saved.returnReason && (
        <Alert type="warning" showIcon title="退回理由" description={saved.returnReason} style={{ marginBottom: 16 }} />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} name="info-editor">
        <Flex gap={16} wrap>
          <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]} style={{ flex: '1 1 260px', minWidth: 0 }}>
            <ScopeOrgTreeSelect placeholder="请选择党组织" allowClear={false} />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]} style={{ flex: '0 1 180px', minWidth: 140 }}>
            <Select options={WRITTEN_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABEL[c] }))} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="title"
          label="标题"
          rules={[
            { required: true, whitespace: true, message: '请填写标题' },
            { max: 100, message: '标题最多 100 字' },
          ]}
        >
          <Input maxLength={100} showCount placeholder="例如：社区消防安全管理制度" />
        </Form.Item>
        <Form.Item
          name="bodyHtml"
          label="正文"
          required
          rules={[
            {
              validator: (_, v: string | undefined) => (richTextPlain(v).trim() ? Promise.resolve() : Promise.reject(new Error('请填写正文'))),
            },
          ]}
        >
          <RichTextEditor aria-label="正文" placeholder="请输入正文，可粘贴 Word 或网页中的文字" />
        </Form.Item>
        <Form.Item label="附件" extra="支持 PDF、Word、Excel 和图片；文件类型按内容检查，过大的文件会被拒绝。">
          <Upload<FileMeta>
            multiple
            accept={ACCEPT}
            fileList={files}
            disabled={saved?.status === 'submitted' || (saved ? !saved.can.attach : false)}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              // Files of an existing entry are sent at once; a new entry's wait for its first save.
              setFiles(fileList.map((f) => (f.status === undefined ? { ...f, status: saved ? 'uploading' : undefined } : f)));
              if (saved) {
                for (const f of fileList) {
                  if (f.status === undefined && f.originFileObj) void uploadNow(saved.id, f);
                }
              }
            }}
            onRemove={onRemove}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
          {files
            .filter((f) => f.status === 'error')
            .map((f) => (
              <Typography.Text key={f.uid} type="danger" role="alert" style={{ display: 'block', marginTop: 4 }}>
                {f.name}：{f.error instanceof Error ? f.error.message : '上传失败'}
              </Typography.Text>
            ))}
          {!saved && files.some((f) => f.status === undefined) && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              保存时上传所选文件。
            </Typography.Text>
          )}
        </Form.Item>
      </Form>
    </Drawer>
  );

  async function uploadNow(id: string, f: Item) {
    try {
      const meta = await uploadAttachment(id, f.originFileObj!);
      setFiles((list) => list.map((x) => (x.uid === f.uid ? storedItem(meta) : x)));
      void message.success(`已上传 ${meta.name}`);
      await refresh();
    } catch (e) {
      const reason = errorMessage(e);
      setFiles((list) => list.map((x) => (x.uid === f.uid ? { ...x, status: 'error', error: new Error(reason) } : x)));
      void message.error(isApiError(e) ? `${f.name}：${reason}` : reason);
    }
  }
}
