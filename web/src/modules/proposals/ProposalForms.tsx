// The forms of 合理化建议: filing one (vertical, phone friendly), and the committee's steps — 采纳 (note
// optional), 不采纳 (reason required), 实施 with the value created in 元, and correcting that value.
import { DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { adoptProposal, correctValue, createProposal, implementProposal, rejectProposal, useRefreshProposals } from './api';
import { fenToYuanText, formatFen, yuanProblem } from './money';
import { CATEGORIES, type Proposal, type ProposalAction, type ProposalInput } from './types';

export function NewProposalModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone?: (p: Proposal) => void }) {
  const refresh = useRefreshProposals();
  const { can } = useSession();
  // Office staff may file for an organisation they work for; a member's proposal belongs to their branch.
  const choosesOrg = can('proposal.read');
  return (
    <FormModal<ProposalInput, Proposal>
      title="提合理化建议"
      open={open}
      onClose={onClose}
      okText="提交建议"
      successMessage="建议已提交，党委将尽快处理"
      initialValues={{ category: '管理' }}
      onSubmit={(v) =>
        createProposal({ title: v.title.trim(), category: v.category, content: v.content.trim(), expectedBenefit: (v.expectedBenefit ?? '').trim(), orgId: v.orgId || undefined })
      }
      onSuccess={(p) => {
        void refresh();
        onDone?.(p);
      }}
    >
      <Form.Item name="title" label="建议标题" rules={[{ required: true, whitespace: true, message: '请填写建议标题' }, { max: 100, message: '建议标题最多 100 字' }]}>
        <Input maxLength={100} placeholder="一句话说明建议，如：楼道照明改为声控节能灯" />
      </Form.Item>
      <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={CATEGORIES.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="content" label="建议内容" rules={[{ required: true, whitespace: true, message: '请填写建议内容' }, { max: 5000, message: '建议内容最多 5000 字' }]}>
        <Input.TextArea rows={5} maxLength={5000} showCount placeholder="现状和问题、具体做法" />
      </Form.Item>
      <Form.Item name="expectedBenefit" label="预期效益" rules={[{ required: true, whitespace: true, message: '请填写预期效益' }, { max: 1000, message: '预期效益最多 1000 字' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：每年节约电费约 3000 元，减少居民投诉" />
      </Form.Item>
      {choosesOrg && (
        <Form.Item name="orgId" label="所属组织" extra="不选则为您所在的支部">
          <ScopeOrgTreeSelect placeholder="请选择党组织（可不选）" />
        </Form.Item>
      )}
    </FormModal>
  );
}

interface StepValues {
  note?: string;
  implementedOn?: Dayjs;
  valueYuan?: string;
  valueNote?: string;
}

const TITLES: Record<ProposalAction, string> = { adopt: '采纳建议', reject: '不采纳', implement: '实施并记录创效', value: '更正创效价值' };
const OK: Record<ProposalAction, string> = { adopt: '采纳', reject: '不采纳', implement: '保存', value: '保存更正' };
const DONE: Record<ProposalAction, string> = { adopt: '已采纳', reject: '已记录不采纳', implement: '已记录实施与创效价值', value: '创效价值已更正' };

const yuanRule = { validator: (_: unknown, v: string | undefined) => { const p = yuanProblem(v); return p ? Promise.reject(new Error(p)) : Promise.resolve(); } };

export function ProposalStepModal({ proposal, action, onClose }: { proposal: Proposal | undefined; action: ProposalAction | null; onClose: () => void }) {
  const refresh = useRefreshProposals();
  if (!proposal) return null;
  const a = action ?? 'adopt';
  const send = (v: StepValues): Promise<Proposal> => {
    switch (a) {
      case 'adopt':
        return adoptProposal(proposal.id, v.note?.trim());
      case 'reject':
        return rejectProposal(proposal.id, (v.note ?? '').trim());
      case 'implement':
        return implementProposal(proposal.id, { implementedOn: v.implementedOn!.format('YYYY-MM-DD'), valueYuan: (v.valueYuan ?? '').trim(), valueNote: v.valueNote?.trim() || undefined });
      case 'value':
        return correctValue(proposal.id, { valueYuan: (v.valueYuan ?? '').trim(), note: (v.note ?? '').trim() });
    }
  };
  return (
    <FormModal<StepValues, Proposal>
      title={`${TITLES[a]}：${proposal.title}`}
      open={!!action}
      onClose={onClose}
      okText={OK[a]}
      successMessage={DONE[a]}
      onSubmit={send}
      onSuccess={() => void refresh()}
      fieldMap={{ valueFen: 'valueYuan' }}
      initialValues={a === 'implement' ? { implementedOn: dayjs() } : a === 'value' ? { valueYuan: fenToYuanText(proposal.valueFen) } : {}}
    >
      {a === 'adopt' && (
        <Form.Item name="note" label="采纳意见" rules={[{ max: 500, message: '最多 500 字' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="可不填，如：交物业办落实" />
        </Form.Item>
      )}
      {a === 'reject' && (
        <Form.Item name="note" label="不采纳理由" rules={[{ required: true, whitespace: true, message: '请填写不采纳理由' }, { max: 500, message: '最多 500 字' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="提出人将看到这段说明" />
        </Form.Item>
      )}
      {a === 'implement' && (
        <>
          <Form.Item name="implementedOn" label="实施日期" rules={[{ required: true, message: '请选择实施日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="valueYuan" label="创效价值（元）" required rules={[yuanRule]} extra="精确到分，如 12500.50；没有可计量的价值填 0">
            <Input inputMode="decimal" placeholder="0.00" suffix="元" />
          </Form.Item>
          <Form.Item name="valueNote" label="测算说明" rules={[{ max: 500, message: '最多 500 字' }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="价值如何测算，如：年节约电费 = 节约度数 × 电价" />
          </Form.Item>
        </>
      )}
      {a === 'value' && (
        <>
          <Typography.Paragraph type="secondary">原记录：{formatFen(proposal.valueFen)} 元。更正会记入审计日志。</Typography.Paragraph>
          <Form.Item name="valueYuan" label="更正后的创效价值（元）" required rules={[yuanRule]}>
            <Input inputMode="decimal" placeholder="0.00" suffix="元" />
          </Form.Item>
          <Form.Item name="note" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }, { max: 500, message: '最多 500 字' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
