// The 督办 dialogs: 部署任务 (and 修改), and one dialog per step of the loop (接收, 汇报进度, 提交完成报告,
// 验收销号, 退回). Each posts to the contract's endpoint; the server's refusals are shown in the dialog.
import { Col, DatePicker, Form, Input, Row, Select, Slider, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../org/OrgTreeSelect';
import { useOrgTree } from '../members/orgPickers';
import { TASKS_URL, taskUrl } from './api';
import { AssigneeSelect, IssuingOrgSelect, useDefaultIssuingOrg } from './parts';
import { KIND_LABEL, options, type TaskAction, type TaskDetail, type TaskKind } from './types';

const half = { xs: 24, sm: 12 };

const required = (what: string, verb = '请填写'): Rule => ({ required: true, whitespace: true, message: `${verb}${what}` });

interface TaskValues {
  title: string;
  description?: string;
  kind: TaskKind;
  issuingOrgId: string;
  ownerOrgId: string;
  ownerId: string;
  coOwnerIds?: string[];
  startOn?: Dayjs;
  dueOn: Dayjs;
  doneStandard: string;
}

const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);
const trimmed = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** The 责任组织 picker over the organisations the user can see. */
export function OwnerOrgSelect(props: { id?: string; value?: string; onChange?: (v: string) => void; placeholder?: string }) {
  const orgs = useOrgTree();
  return (
    <OrgTreeSelect
      items={orgs.data?.items}
      failed={orgs.isError}
      loading={orgs.isPending}
      placeholder={props.placeholder ?? '请选择责任组织'}
      id={props.id}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

/**
 * 责任组织 → 责任人 → 协办人; a new organisation clears the people chosen for the old one. Inside a
 * Form.List, `name` is the item's relative name (Form.Item prefixes the list) and `path` its absolute one.
 */
export function OwnerFields({ name = [], path = name }: { name?: (string | number)[]; path?: (string | number)[] }) {
  const form = Form.useFormInstance();
  const ownerOrgId = Form.useWatch([...path, 'ownerOrgId'], form) as string | undefined;
  const ownerId = Form.useWatch([...path, 'ownerId'], form) as string | undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} sm={8}>
        <Form.Item name={[...name, 'ownerOrgId']} label="责任组织" rules={[{ required: true, message: '请选择责任组织' }]}>
          <OwnerOrgSelect
            onChange={(v) => {
              // Choosing the same organisation again keeps the people already chosen.
              if (v === ownerOrgId) return;
              form.setFieldValue([...path, 'ownerId'], undefined);
              form.setFieldValue([...path, 'coOwnerIds'], []);
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...name, 'ownerId']} label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
          <AssigneeSelect orgId={ownerOrgId} placeholder="请选择责任人" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...name, 'coOwnerIds']} label="协办人">
          <AssigneeSelect orgId={ownerOrgId} multiple exclude={ownerId} placeholder="可不选" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 截止日期 not before 开始日期 (checked here too, so the user sees it before sending). */
export function dueAfterStart(startField: (string | number)[]): Rule {
  return ({ getFieldValue }) => ({
    validator: (_, value: Dayjs | undefined) => {
      const start = getFieldValue(startField) as Dayjs | undefined;
      if (value && start && value.isBefore(start, 'day')) return Promise.reject(new Error('截止日期不能早于开始日期'));
      return Promise.resolve();
    },
  });
}

export function DeployTaskModal({
  open,
  onClose,
  onDone,
  programme,
  task,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (t: TaskDetail) => void;
  /** Adds a milestone to this programme (issued from its organisation). */
  programme?: { id: string; name: string; issuingOrgId: string; issuingOrgName: string };
  /** Edits this task instead of deploying a new one. */
  task?: TaskDetail;
}) {
  const defaultOrg = useDefaultIssuingOrg();
  const editing = !!task;
  const initial: Partial<TaskValues> = task
    ? {
        title: task.title,
        description: task.description ?? undefined,
        kind: task.kind,
        issuingOrgId: task.issuingOrgId,
        ownerOrgId: task.ownerOrgId,
        ownerId: task.ownerId,
        coOwnerIds: task.coOwners.map((c) => c.id),
        startOn: dayjs(task.startOn),
        dueOn: dayjs(task.dueOn),
        doneStandard: task.doneStandard,
      }
    : {
        kind: programme ? 'phased' : 'temporary',
        issuingOrgId: programme?.issuingOrgId ?? defaultOrg,
        startOn: dayjs(),
        coOwnerIds: [],
      };

  const submit = (v: TaskValues) => {
    const body = {
      title: v.title.trim(),
      description: trimmed(v.description) ?? (editing ? '' : undefined),
      kind: v.kind,
      ownerOrgId: v.ownerOrgId,
      ownerId: v.ownerId,
      coOwnerIds: v.coOwnerIds ?? [],
      startOn: day(v.startOn),
      dueOn: day(v.dueOn),
      doneStandard: v.doneStandard.trim(),
    };
    if (task) return api.patch<TaskDetail>(taskUrl(task.id), body);
    return api.post<TaskDetail>(TASKS_URL, { ...body, issuingOrgId: v.issuingOrgId, programmeId: programme?.id });
  };

  return (
    <FormModal<TaskValues, TaskDetail>
      title={editing ? '修改任务' : programme ? `添加节点任务：${programme.name}` : '部署任务'}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      onSuccess={onDone}
      successMessage={editing ? '已保存' : '任务已部署'}
      okText={editing ? '保存' : '部署'}
      width={760}
      initialValues={initial}
    >
      <Form.Item name="title" label="任务标题" rules={[required('任务标题'), { max: 100, message: '任务标题最多 100 个字' }]}>
        <Input placeholder="如：完成支部标准化建设自查" maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="kind" label="任务类型" rules={[{ required: true, message: '请选择任务类型' }]}>
            <Select options={options(KIND_LABEL)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="issuingOrgId" label="部署组织" rules={[{ required: true, message: '请选择部署组织' }]}>
            {editing || programme ? (
              <Select disabled options={[{ value: task?.issuingOrgId ?? programme?.issuingOrgId, label: task?.issuingOrgName ?? programme?.issuingOrgName }]} />
            ) : (
              <IssuingOrgSelect />
            )}
          </Form.Item>
        </Col>
      </Row>
      <OwnerFields />
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="startOn" label="开始日期">
            <DatePicker style={{ width: '100%' }} placeholder="默认今天" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="dueOn"
            label="截止日期"
            dependencies={['startOn']}
            rules={[{ required: true, message: '请选择截止日期' }, dueAfterStart(['startOn'])]}
          >
            <DatePicker style={{ width: '100%' }} placeholder="请选择截止日期" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="doneStandard" label="完成标准" rules={[required('完成标准'), { max: 2000, message: '完成标准最多 2000 个字' }]}>
        <Input.TextArea rows={2} placeholder="做到什么程度算完成，验收时对照" maxLength={2000} />
      </Form.Item>
      <Form.Item name="description" label="任务说明" rules={[{ max: 4000, message: '任务说明最多 4000 个字' }]}>
        <Input.TextArea rows={3} placeholder="背景、要求（可不填）" maxLength={4000} />
      </Form.Item>
    </FormModal>
  );
}

interface StepValues {
  notes?: string;
  percent?: number;
  evidence?: string;
  reason?: string;
}

const STEP: Record<TaskAction, { title: string; ok: string; success: string }> = {
  accept: { title: '接收任务', ok: '接收', success: '已接收' },
  report: { title: '汇报进度', ok: '提交汇报', success: '进度已汇报' },
  complete: { title: '提交完成报告', ok: '提交', success: '完成报告已提交，等待验收' },
  verify: { title: '验收销号', ok: '验收通过并销号', success: '已验收销号' },
  return: { title: '退回任务', ok: '退回', success: '已退回' },
};

function stepBody(action: TaskAction, v: StepValues): unknown {
  switch (action) {
    case 'accept':
    case 'verify':
      return { notes: trimmed(v.notes) };
    case 'report':
      return { percent: v.percent ?? 0, notes: (v.notes ?? '').trim() };
    case 'complete':
      return { evidence: (v.evidence ?? '').trim(), percent: 100 };
    case 'return':
      return { reason: (v.reason ?? '').trim() };
  }
}

/** One step of the loop on one task. */
export function TaskStepModal({
  task,
  action,
  onClose,
  onDone,
}: {
  task: TaskDetail | undefined;
  action: TaskAction | null;
  onClose: () => void;
  onDone: (t: TaskDetail) => void;
}) {
  const step = action ? STEP[action] : undefined;
  return (
    <FormModal<StepValues, TaskDetail>
      title={step ? `${step.title}：${task?.title ?? ''}` : ''}
      open={!!action && !!task}
      onClose={onClose}
      onSubmit={(v) => api.post<TaskDetail>(taskUrl(task!.id, action!), stepBody(action!, v))}
      onSuccess={onDone}
      successMessage={step?.success}
      okText={step?.ok}
      initialValues={{ percent: Math.min(100, Math.max(task?.percent ?? 0, 10)) }}
    >
      {action === 'report' && (
        <>
          <Form.Item name="percent" label="完成进度（%）" rules={[{ required: true, message: '请选择完成进度' }]}>
            <Slider min={0} max={100} step={5} marks={{ 0: '0%', 50: '50%', 100: '100%' }} />
          </Form.Item>
          <Form.Item name="notes" label="进展情况" rules={[required('进展情况'), { max: 4000, message: '进展情况最多 4000 个字' }]}>
            <Input.TextArea rows={4} placeholder="做了什么、遇到什么问题、下一步安排" maxLength={4000} />
          </Form.Item>
        </>
      )}
      {action === 'complete' && (
        <>
          {task?.doneStandard && (
            <Typography.Paragraph type="secondary">完成标准：{task.doneStandard}</Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            照片、签到表等佐证文件请在任务详情的“附件”中上传。
          </Typography.Paragraph>
          <Form.Item name="evidence" label="完成情况及佐证" rules={[required('完成情况及佐证'), { max: 4000, message: '完成情况最多 4000 个字' }]}>
            <Input.TextArea rows={5} placeholder="对照完成标准说明完成情况，列出佐证材料（文件、照片、记录等）" maxLength={4000} />
          </Form.Item>
        </>
      )}
      {action === 'return' && (
        <Form.Item name="reason" label="退回原因" rules={[required('退回原因'), { max: 2000, message: '退回原因最多 2000 个字' }]}>
          <Input.TextArea rows={4} placeholder="哪些地方未达到完成标准，需要如何整改" maxLength={2000} />
        </Form.Item>
      )}
      {(action === 'accept' || action === 'verify') && (
        <>
          {action === 'verify' && task && (
            <Typography.Paragraph type="secondary">完成标准：{task.doneStandard}</Typography.Paragraph>
          )}
          <Form.Item name="notes" label={action === 'accept' ? '接收说明' : '验收意见'} rules={[{ max: 2000, message: '最多 2000 个字' }]}>
            <Input.TextArea rows={3} placeholder="可不填" maxLength={2000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
