// 新建活动 (campaign.manage): a step-by-step wizard — name, kind and dates → the requirements in the rich-text
// editor → the organisations it applies to (subtrees; their live 支部 are listed before saving) → progress
// report dues and the 精品案例 call → confirmation (publish now or keep as a draft).
import { useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Checkbox, DatePicker, Descriptions, Flex, Form, Grid, Input, Modal, Steps, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { applyServerErrors } from '../../components/form';
import { RichText, richTextPlain } from '../../components/RichText';
import { RichTextEditor } from '../../components/RichTextEditor';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { useOrgTree } from '../members/orgPickers';
import { createCampaign, useRefreshCampaigns } from './api';
import { KIND_SUGGESTIONS, type Campaign, type CampaignInput } from './types';

interface Values {
  name: string;
  kind: string;
  dates: [Dayjs, Dayjs];
  measuresDue: Dayjs;
  rootOrgId: string;
  description: string;
  applyRoots: string[];
  kinds: ApplyKind[];
  dues: { title: string; dueOn: Dayjs }[];
  callsCases: boolean;
  caseTheme?: string;
  caseDesignDue?: Dayjs;
  caseResultDue?: Dayjs;
  activate: boolean;
}

/** The organisation kinds a campaign may apply to (the server accepts 党支部 and 联合支部 only). */
type ApplyKind = NonNullable<CampaignInput['applyTo']['kinds']>[number];

const STEPS = ['基本信息', '活动要求', '适用组织', '报送与案例', '确认'];
const STEP_FIELDS: (keyof Values | (string | number)[])[][] = [
  ['name', 'kind', 'dates', 'measuresDue', 'rootOrgId'],
  ['description'],
  ['applyRoots', 'kinds'],
  ['dues', 'callsCases', 'caseTheme', 'caseDesignDue', 'caseResultDue'],
  [],
];
/** Server field → form field, for errors the server names. */
const FIELD_MAP: Record<string, string> = { startOn: 'dates', endOn: 'dates', applyTo: 'applyRoots', 'applyTo.rootOrgIds': 'applyRoots', 'applyTo.kinds': 'kinds' };

const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);

export function CampaignWizard({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: Campaign) => void }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const refresh = useRefreshCampaigns();
  const orgTree = useOrgTree();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const orgs = useMemo(() => orgTree.data?.items ?? [], [orgTree.data]);
  const widest = [...me.scope].sort((a, b) => a.path.length - b.path.length)[0];

  const applyRoots = Form.useWatch('applyRoots', form) as string[] | undefined;
  const kinds = Form.useWatch('kinds', form) as ApplyKind[] | undefined;
  const callsCases = Form.useWatch('callsCases', form) as boolean | undefined;
  // The 支部 the campaign will apply to, as the server will expand them (live branches of the subtrees).
  const targets = useMemo(() => {
    const roots = orgs.filter((o) => (applyRoots ?? []).includes(o.id));
    const ks: readonly string[] = kinds ?? [];
    return orgs.filter((o) => ks.includes(o.kind) && roots.some((r) => o.path.startsWith(r.path)));
  }, [orgs, applyRoots, kinds]);

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step] as never, { recursive: true });
    } catch {
      return;
    }
    if (step === 2 && targets.length === 0) {
      setError('所选范围内没有党支部，请重新选择适用组织');
      return;
    }
    setError(null);
    setStep((s) => s + 1);
  };

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // Every step's values, also of fields not shown now.
    const v = form.getFieldsValue(true) as Values;
    const input: CampaignInput = {
      name: v.name.trim(),
      kind: (v.kind ?? '').trim(),
      description: v.description ?? '',
      startOn: day(v.dates[0])!,
      endOn: day(v.dates[1])!,
      measuresDue: day(v.measuresDue)!,
      rootOrgId: v.rootOrgId,
      applyTo: { rootOrgIds: v.applyRoots, kinds: v.kinds },
      dues: (v.dues ?? []).map((d) => ({ title: d.title.trim(), dueOn: day(d.dueOn)! })),
      callsCases: !!v.callsCases,
      ...(v.callsCases ? { caseTheme: v.caseTheme?.trim() || undefined, caseDesignDue: day(v.caseDesignDue), caseResultDue: day(v.caseResultDue) } : {}),
      activate: v.activate,
    };
    setBusy(true);
    setError(null);
    try {
      const created = await createCampaign(input);
      void message.success(v.activate ? '活动已发布' : '活动已保存为草稿');
      await refresh();
      onCreated(created);
      onClose();
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e, FIELD_MAP);
      if (matched > 0) {
        // Go back to the first step holding a field the server named.
        const bad = form.getFieldsError().filter((f) => f.errors.length > 0).map((f) => String(f.name[0]));
        const at = STEP_FIELDS.findIndex((names) => names.some((n) => bad.includes(Array.isArray(n) ? String(n[0]) : n)));
        if (at >= 0) setStep(at);
      }
      if (matched === 0 || unmatched.length > 0) setError([errorMessage(e), ...unmatched].join('；'));
    } finally {
      setBusy(false);
    }
  };

  const v = form.getFieldsValue(true) as Partial<Values>;
  const hidden = (i: number) => (step === i ? undefined : { display: 'none' });

  return (
    <Modal
      title="新建主题实践活动"
      open={open}
      onCancel={onClose}
      width={phone ? '100%' : 860}
      destroyOnHidden
      maskClosable={false}
      footer={
        <Flex justify="space-between" wrap gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Flex gap={8}>
            {step > 0 && <Button onClick={() => setStep((s) => s - 1)}>上一步</Button>}
            {step < STEPS.length - 1 ? (
              <Button type="primary" onClick={() => void next()}>
                下一步
              </Button>
            ) : (
              <Button type="primary" loading={busy} onClick={() => void submit()}>
                创建活动
              </Button>
            )}
          </Flex>
        </Flex>
      }
    >
      {phone ? (
        <Typography.Text strong style={{ display: 'block', marginBottom: 16 }}>
          第 {step + 1} 步（共 {STEPS.length} 步）：{STEPS[step]}
        </Typography.Text>
      ) : (
        <Steps size="small" current={step} items={STEPS.map((title) => ({ title }))} style={{ marginBottom: 16 }} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="campaign-wizard"
        initialValues={{ rootOrgId: widest?.orgId, applyRoots: widest ? [widest.orgId] : [], kinds: ['branch', 'jointBranch'], dues: [], callsCases: false, activate: true, description: '' }}
      >
        <div style={hidden(0)}>
          <Form.Item name="name" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }, { max: 100, message: '活动名称最多 100 字' }]}>
            <Input maxLength={100} placeholder="例如：2026年作风建设年活动" />
          </Form.Item>
          <Form.Item name="kind" label="活动类型" rules={[{ required: true, whitespace: true, message: '请填写活动类型' }, { max: 50, message: '活动类型最多 50 字' }]}>
            <AutoComplete options={KIND_SUGGESTIONS.map((k) => ({ value: k }))} placeholder="选择或输入，如 作风建设年" />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="dates" label="活动时间" rules={[{ required: true, message: '请选择活动时间' }]} style={{ flex: '1 1 280px' }}>
              <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
            </Form.Item>
            <Form.Item
              name="measuresDue"
              label="推进措施报送截止"
              dependencies={['dates']}
              rules={[
                { required: true, message: '请选择推进措施报送截止日期' },
                ({ getFieldValue }) => ({
                  validator: (_, d: Dayjs | undefined) => {
                    const range = getFieldValue('dates') as [Dayjs, Dayjs] | undefined;
                    if (!d || !range) return Promise.resolve();
                    return day(d)! < day(range[0])! || day(d)! > day(range[1])! ? Promise.reject(new Error('报送截止日期应在活动时间内')) : Promise.resolve();
                  },
                }),
              ]}
              style={{ flex: '1 1 200px' }}
            >
              <DatePicker style={{ width: '100%' }} placeholder="请选择日期" />
            </Form.Item>
          </Flex>
          <Form.Item name="rootOrgId" label="部署组织" rules={[{ required: true, message: '请选择部署组织' }]}>
            <OrgTreeSelect items={orgs} failed={orgTree.isError} placeholder="请选择部署组织" allowClear={false} />
          </Form.Item>
        </div>

        <div style={hidden(1)}>
          <Form.Item
            name="description"
            label="活动要求"
            required
            rules={[{ validator: (_, h: string | undefined) => (richTextPlain(h).trim() ? Promise.resolve() : Promise.reject(new Error('请填写活动要求'))) }]}
          >
            <RichTextEditor aria-label="活动要求" minHeight={phone ? 200 : 280} placeholder="活动的目的、主要内容、各支部须完成的事项和报送要求" />
          </Form.Item>
        </div>

        <div style={hidden(2)}>
          <Form.Item name="applyRoots" label="适用范围（含下级）" rules={[{ required: true, type: 'array', min: 1, message: '请选择适用组织' }]}>
            <OrgTreeSelect items={orgs} failed={orgTree.isError} multiple placeholder="选择党委、党总支或支部" />
          </Form.Item>
          <Form.Item name="kinds" label="适用的组织类型" rules={[{ required: true, type: 'array', min: 1, message: '请选择组织类型' }]}>
            <Checkbox.Group
              options={[
                { value: 'branch', label: '党支部' },
                { value: 'jointBranch', label: '联合支部' },
              ]}
            />
          </Form.Item>
          <Typography.Text type="secondary">将适用于以下 {targets.length} 个支部：</Typography.Text>
          <Flex wrap gap={4} style={{ marginTop: 8 }} data-testid="wizard-targets">
            {targets.map((o) => (
              <Tag key={o.id}>{o.name}</Tag>
            ))}
          </Flex>
        </div>

        <div style={hidden(3)}>
          <Typography.Text strong>进展报告节点</Typography.Text>
          <Form.List name="dues">
            {(fields, { add, remove }) => (
              <Flex vertical gap={0} style={{ marginTop: 8 }}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="flex-start" wrap={phone}>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写报告名称' }]} style={{ flex: '1 1 200px', marginBottom: 12 }}>
                      <Input placeholder={`如 第${'一二三四五六七八九十'[i] ?? i + 1}次进展报告`} aria-label={`第 ${i + 1} 个报告名称`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: '请选择截止日期' }]} style={{ flex: '0 1 180px', marginBottom: 12 }}>
                      <DatePicker style={{ width: '100%' }} placeholder="截止日期" aria-label={`第 ${i + 1} 个报告截止日期`} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 个报告`} onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <div>
                  <Button icon={<PlusOutlined />} onClick={() => add({ title: `第${'一二三四五六七八九十'[fields.length] ?? fields.length + 1}次进展报告` })}>
                    添加进展报告
                  </Button>
                </div>
              </Flex>
            )}
          </Form.List>
          <Form.Item name="callsCases" label="征集精品案例" valuePropName="checked" style={{ marginTop: 16 }}>
            <Switch checkedChildren="征集" unCheckedChildren="不征集" />
          </Form.Item>
          {callsCases && (
            <>
              <Form.Item name="caseTheme" label="案例主题" rules={[{ required: true, whitespace: true, message: '请填写案例主题' }]}>
                <Input maxLength={100} placeholder="例如：“关爱空巢老人”党员志愿服务" />
              </Form.Item>
              <Flex gap={16} wrap>
                <Form.Item name="caseDesignDue" label="案例设计截止" style={{ flex: '1 1 200px' }}>
                  <DatePicker style={{ width: '100%' }} placeholder="请选择日期" />
                </Form.Item>
                <Form.Item name="caseResultDue" label="案例成果截止" style={{ flex: '1 1 200px' }}>
                  <DatePicker style={{ width: '100%' }} placeholder="请选择日期" />
                </Form.Item>
              </Flex>
            </>
          )}
        </div>

        <div style={hidden(4)}>
          {step === 4 && (
            <Flex vertical gap={12}>
              <Descriptions
                column={1}
                size="small"
                bordered
                items={[
                  { key: 'name', label: '活动名称', children: v.name },
                  { key: 'kind', label: '活动类型', children: v.kind },
                  { key: 'dates', label: '活动时间', children: v.dates ? `${day(v.dates[0])} 至 ${day(v.dates[1])}` : '-' },
                  { key: 'measuresDue', label: '措施报送截止', children: day(v.measuresDue) ?? '-' },
                  { key: 'orgs', label: '适用支部', children: `${targets.length} 个：${targets.map((o) => o.name).join('、')}` },
                  { key: 'dues', label: '进展报告', children: (v.dues ?? []).length ? (v.dues ?? []).map((d) => `${d.title}（${day(d.dueOn)}前）`).join('；') : '无' },
                  { key: 'cases', label: '精品案例', children: v.callsCases ? `征集“${v.caseTheme ?? ''}”` : '不征集' },
                  { key: 'desc', label: '活动要求', children: <RichText html={v.description} /> },
                ]}
              />
              <Form.Item name="activate" valuePropName="checked" style={{ marginBottom: 0 }}>
                <Checkbox>立即发布（各支部即可报送推进措施；不勾选则保存为草稿）</Checkbox>
              </Form.Item>
            </Flex>
          )}
        </div>
      </Form>
    </Modal>
  );
}
