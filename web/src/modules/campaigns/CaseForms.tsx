// Writing a 精品案例 (the branch: design first, then results) and rating one (reviewers: 1–100 with a comment).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Grid, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { applyServerErrors } from '../../components/form';
import { richTextPlain } from '../../components/RichText';
import { RichTextEditor } from '../../components/RichTextEditor';
import type { ApiRequest } from '../../api/types';
import { createCase, rateCase, updateCase, useRefreshCampaigns } from './api';
import type { Campaign, CampaignCase } from './types';

interface CaseValues {
  orgId?: string;
  title: string;
  summary: string;
  design: string;
  result?: string;
}

const required = (label: string) => ({
  validator: (_: unknown, v: string | undefined) => (richTextPlain(v).trim() ? Promise.resolve() : Promise.reject(new Error(`请填写${label}`))),
});

/** `mode`: new (design of a new case), design (edit the design), result (write or edit the results). */
export function CaseEditor({
  campaign,
  current,
  mode,
  open,
  onClose,
  onSaved,
}: {
  campaign: Campaign | undefined;
  current?: CampaignCase;
  mode: 'new' | 'design' | 'result';
  open: boolean;
  onClose: () => void;
  onSaved?: (k: CampaignCase) => void;
}) {
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const refresh = useRefreshCampaigns();
  const [form] = Form.useForm<CaseValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const orgOptions = (campaign?.orgs ?? []).filter((o) => campaign?.submitOrgIds.includes(o.orgId)).map((o) => ({ value: o.orgId, label: o.orgName }));

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      current
        ? { title: current.title, summary: current.summary, design: current.design, result: current.result ?? '' }
        : { orgId: orgOptions.length === 1 ? orgOptions[0]!.value : undefined, title: '', summary: '', design: '' },
    );
    // Only on opening: the options come with the campaign, which does not change while the editor is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, current, form]);

  const save = async () => {
    if (!campaign) return;
    let v: CaseValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let k: CampaignCase;
      if (mode === 'new') {
        // orgId is a required field in this mode (validated above).
        k = await createCase(campaign.id, { orgId: v.orgId!, title: v.title.trim(), summary: (v.summary ?? '').trim(), design: v.design });
      } else {
        const input: ApiRequest<'/api/v1/campaigns/{id}/cases/{caseId}', 'put'> = mode === 'result' ? { result: v.result } : { title: v.title.trim(), summary: (v.summary ?? '').trim(), design: v.design };
        k = await updateCase(campaign.id, current!.id, input);
      }
      void message.success(mode === 'new' ? '案例设计已报送' : mode === 'result' ? '案例成果已报送' : '已保存');
      await refresh();
      onSaved?.(k);
      onClose();
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e);
      if (matched === 0 || unmatched.length > 0) setError([errorMessage(e), ...unmatched].join('；'));
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'new' ? '报送精品案例设计' : mode === 'result' ? `报送案例成果：${current?.title ?? ''}` : `修改案例设计：${current?.title ?? ''}`;
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={phone ? '100%' : 820}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {mode === 'new' ? '报送设计' : mode === 'result' ? '报送成果' : '保存'}
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {campaign?.caseTheme && (
        <Typography.Paragraph type="secondary">
          案例主题：{campaign.caseTheme}
          {mode !== 'result' && campaign.caseDesignDue ? `；设计报送截止 ${campaign.caseDesignDue}` : ''}
          {mode === 'result' && campaign.caseResultDue ? `；成果报送截止 ${campaign.caseResultDue}` : ''}
        </Typography.Paragraph>
      )}
      <Form<CaseValues> form={form} layout="vertical" name="campaign-case">
        {mode === 'new' && (
          <Form.Item name="orgId" label="报送支部" rules={[{ required: true, message: '请选择报送支部' }]}>
            <Select options={orgOptions} placeholder="请选择支部" notFoundContent="您不能为本活动的支部报送" />
          </Form.Item>
        )}
        <div style={mode === 'result' ? { display: 'none' } : undefined}>
          <Form.Item name="title" label="案例名称" rules={[{ required: true, whitespace: true, message: '请填写案例名称' }, { max: 100, message: '案例名称最多 100 字' }]}>
            <Input maxLength={100} placeholder="例如：“暖心敲门”关爱空巢老人志愿服务" />
          </Form.Item>
          <Form.Item name="summary" label="案例简介" rules={[{ max: 500, message: '案例简介最多 500 字' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="一段话介绍做法和特色，展示在案例卡片上" />
          </Form.Item>
          <Form.Item name="design" label="设计方案" required rules={[required('设计方案')]}>
            <RichTextEditor aria-label="设计方案" minHeight={phone ? 180 : 240} placeholder="目标、对象、党员分工、服务内容、时间安排" />
          </Form.Item>
        </div>
        {mode === 'result' && (
          <Form.Item name="result" label="实施成果" required rules={[required('实施成果')]}>
            <RichTextEditor aria-label="实施成果" minHeight={phone ? 200 : 280} placeholder="开展情况、服务人次、群众评价、形成的长效机制；照片可在案例详情中上传" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

export function RateModal({ campaignId, current, open, onClose }: { campaignId: string; current: CampaignCase | undefined; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshCampaigns();
  const [form] = Form.useForm<{ score: number; comment: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { me } = useSession();
  const mine = current?.ratings.find((r) => r.reviewerUserId === me.user.id);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ score: current?.myScore ?? undefined, comment: mine?.comment ?? '' });
  }, [open, current, mine, form]);

  const send = async () => {
    if (!current) return;
    let v: { score: number; comment: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await rateCase(campaignId, current.id, v.score, (v.comment ?? '').trim());
      void message.success('评分已保存');
      await refresh();
      onClose();
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e);
      if (matched === 0 || unmatched.length > 0) setError([errorMessage(e), ...unmatched].join('；'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`评审打分：${current?.title ?? ''}`} open={open} onCancel={onClose} onOk={() => void send()} okText="保存评分" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {current?.myScore !== null && current?.myScore !== undefined && (
        <Typography.Paragraph type="secondary">您已评 {current.myScore} 分，再次保存即修改您的评分。</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" name="case-rating">
        <Form.Item
          name="score"
          label="评分（1–100）"
          rules={[
            { required: true, message: '请填写评分' },
            { type: 'integer', min: 1, max: 100, message: '评分应为 1–100 的整数' },
          ]}
        >
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} placeholder="1–100 的整数" />
        </Form.Item>
        <Form.Item name="comment" label="评语" rules={[{ max: 500, message: '评语最多 500 字' }]}>
          <Input.TextArea rows={4} maxLength={500} showCount placeholder="亮点与不足" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
