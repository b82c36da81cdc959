// Writing a manuscript (写稿): organisation, title, channel, intended outlet and level, the rich-text body and
// photos. Laid out in one column so it works on a phone. 保存草稿 keeps it to the author; 提交 sends it to the
// editors (while 修改中, 重新提交 sends the revised text as the next draft). Photos need the manuscript to
// exist: choosing one before the first save saves a draft first.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Drawer, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { Attachments } from '../../components/Attachments';
import { applyServerErrors } from '../../components/form';
import { richTextPlain } from '../../components/RichText';
import { RichTextEditor } from '../../components/RichTextEditor';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import {
  createManuscript,
  deletePhoto,
  photoUrl,
  submitManuscript,
  updateManuscript,
  uploadPhoto,
  useManuscript,
  useRefreshPublicity,
  type ManuscriptInput,
} from './api';
import { usePhone } from './parts';
import { CHANNEL_LABEL, LEVELS, LEVEL_LABEL, type ManuscriptDetail } from './types';

interface Values {
  orgId: string;
  title: string;
  channel: ManuscriptInput['channel'];
  outlet: string;
  level: ManuscriptInput['level'];
  body: string;
}

const OUTLETS = ['社区微信公众号', '社区宣传栏', '集团报', '集团微信公众号', '集团网站', '市日报', '市电视台', '省党建网', '学习强国', '人民网'];

export interface ManuscriptFormProps {
  /** The manuscript to edit; null for a new one. */
  manuscript: ManuscriptDetail | null;
  open: boolean;
  onClose: () => void;
  /** After a save or submission, with the manuscript as the server answered. */
  onSaved?: (m: ManuscriptDetail) => void;
}

export function ManuscriptForm({ manuscript, open, onClose, onSaved }: ManuscriptFormProps) {
  const { me } = useSession();
  const { message } = App.useApp();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshPublicity();
  // The manuscript as saved so far: after the first save of a new one, further saves update it.
  const [savedId, setSavedId] = useState<string | null>(manuscript?.id ?? null);
  const saved = useManuscript(savedId);
  const current = saved.data ?? manuscript;
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // A save in flight, so that two photos chosen together create one draft.
  const creating = useRef<Promise<string> | null>(null);

  const initialValues = useMemo<Partial<Values>>(
    () =>
      manuscript
        ? { orgId: manuscript.orgId, title: manuscript.title, channel: manuscript.channel, outlet: manuscript.outlet, level: manuscript.level, body: manuscript.body }
        : { orgId: me.scope[0]?.orgId, channel: 'internal', level: 'community', outlet: '社区微信公众号', body: '' },
    [manuscript, me.scope],
  );

  useEffect(() => {
    if (!open) return;
    setSavedId(manuscript?.id ?? null);
    setFormError(null);
    creating.current = null;
    form.resetFields();
  }, [open, manuscript, form]);

  const input = (v: Values): ManuscriptInput => ({ orgId: v.orgId, title: v.title.trim(), body: v.body ?? '', channel: v.channel, outlet: v.outlet.trim(), level: v.level });

  const showError = (e: unknown) => {
    const { matched, unmatched } = applyServerErrors(form, e);
    if (matched === 0 || unmatched.length > 0) setFormError([errorMessage(e), ...unmatched].join('；'));
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
    try {
      let result: ManuscriptDetail;
      if (savedId) {
        result = await updateManuscript(savedId, input(values));
        if (andSubmit) result = await submitManuscript(savedId);
      } else {
        result = await createManuscript({ ...input(values), submit: andSubmit });
        setSavedId(result.id);
      }
      void message.success(andSubmit ? (manuscript?.status === 'revising' ? '已重新提交' : '已提交，等待编辑审稿') : '已保存草稿');
      await refresh();
      onSaved?.(result);
      onClose();
    } catch (e) {
      showError(e);
      await refresh();
    } finally {
      setBusy(null);
    }
  };

  /** The manuscript's id, saving a draft first when it is new (photos belong to a saved manuscript). */
  const ensureSaved = async (): Promise<string> => {
    if (savedId) return savedId;
    if (creating.current) return creating.current;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      throw new Error('请先填写标题、正文等必填项，保存草稿后再上传照片');
    }
    creating.current = createManuscript({ ...input(values), submit: false }).then((m) => {
      setSavedId(m.id);
      return m.id;
    });
    try {
      return await creating.current;
    } catch (e) {
      creating.current = null;
      showError(e);
      throw e;
    }
  };

  const revising = current?.status === 'revising';
  const editable = !current || current.allowed.includes('edit');
  const photosEditable = !current || current.allowed.includes('photos');
  const title = manuscript ? `修改稿件：${manuscript.title}` : '写稿';
  const footer = (
    <Flex justify="flex-end" gap={8} wrap>
      <Button onClick={onClose}>取消</Button>
      {(!current || current.status === 'draft') && (
        <Button icon={<SaveOutlined />} loading={busy === 'draft'} disabled={busy === 'submit'} onClick={() => void save(false)}>
          保存草稿
        </Button>
      )}
      {revising && (
        <Button icon={<SaveOutlined />} loading={busy === 'draft'} disabled={busy === 'submit'} onClick={() => void save(false)}>
          暂存修改
        </Button>
      )}
      <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy === 'draft' || !editable} onClick={() => void save(true)}>
        {revising ? '重新提交' : '提交投稿'}
      </Button>
    </Flex>
  );

  const lastEditorComment = revising ? [...(current?.comments ?? [])].reverse().find((c) => c.role === 'editor') : undefined;

  return (
    <Drawer title={title} open={open} onClose={onClose} size={phone ? '100%' : 820} destroyOnHidden footer={footer} maskClosable={false}>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      {lastEditorComment && (
        <Alert
          type="warning"
          showIcon
          title={`编辑意见（${lastEditorComment.authorName}）`}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{lastEditorComment.body}</span>}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} name="manuscript-form" disabled={!editable}>
        <Form.Item name="orgId" label="投稿组织" rules={[{ required: true, message: '请选择投稿组织' }]}>
          <ScopeOrgTreeSelect placeholder="请选择党组织" allowClear={false} />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[
            { required: true, whitespace: true, message: '请填写标题' },
            { max: 100, message: '标题最多 100 字' },
          ]}
        >
          <Input maxLength={100} showCount placeholder="例如：机关第一党支部开展“关爱空巢老人”志愿服务" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="channel" label="渠道" rules={[{ required: true, message: '请选择渠道' }]} style={{ flex: '0 0 auto' }}>
            <Radio.Group optionType="button" options={Object.entries(CHANNEL_LABEL).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]} style={{ flex: '1 1 140px', minWidth: 120 }}>
            <Select aria-label="级别" options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] }))} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="outlet"
          label="拟投媒体"
          rules={[
            { required: true, whitespace: true, message: '请填写拟投媒体' },
            { max: 60, message: '拟投媒体最多 60 字' },
          ]}
        >
          <AutoComplete options={OUTLETS.map((o) => ({ value: o }))} placeholder="例如：社区微信公众号、集团报" filterOption={(input, option) => String(option?.value ?? '').includes(input)} />
        </Form.Item>
        <Form.Item
          name="body"
          label="正文"
          required
          rules={[{ validator: (_, v: string | undefined) => (richTextPlain(v).trim() ? Promise.resolve() : Promise.reject(new Error('请填写正文'))) }]}
        >
          <RichTextEditor aria-label="正文" placeholder="请输入稿件正文，可粘贴 Word 或网页中的文字" minHeight={phone ? 180 : 260} />
        </Form.Item>
      </Form>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        照片
      </Typography.Text>
      <Attachments
        files={(current?.photos ?? []).map((p) => ({ ...p, isImage: true }))}
        urlOf={(fileId, inline) => (savedId ? photoUrl(savedId, fileId, inline) : '#')}
        upload={photosEditable ? async (file) => uploadPhoto(await ensureSaved(), file) : undefined}
        remove={photosEditable && savedId ? (fileId) => deletePhoto(savedId, fileId) : undefined}
        onChanged={async () => {
          await refresh();
        }}
        thumbnails
        uploadLabel="上传照片"
        pickLabel="选择照片"
        hint={savedId ? 'JPG 或 PNG 图片' : 'JPG 或 PNG 图片；上传前先保存为草稿'}
        emptyText="暂无照片"
      />
    </Drawer>
  );
}
