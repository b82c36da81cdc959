// Small pieces shared by the 督办 pages: light dots, status tags, the days-left hint and the pickers.
import { useMemo } from 'react';
import { Badge, Select, Tag, Typography } from 'antd';
import { useSession } from '../../app/session';
import { useAssignees } from './api';
import { LIGHT_COLOR, LIGHT_LABEL, STATUS_COLOR, STATUS_LABEL, type Task, type TaskLight, type TaskStatus } from './types';

export function LightDot({ light, text }: { light: TaskLight; text?: string }) {
  return <Badge color={LIGHT_COLOR[light]} text={text ?? LIGHT_LABEL[light]} />;
}

export function StatusTag({ status, name }: { status: TaskStatus; name?: string }) {
  return <Tag color={STATUS_COLOR[status]}>{name ?? STATUS_LABEL[status]}</Tag>;
}

/** 剩 3 天 / 今天到期 / 逾期 2 天, for open tasks. */
export function DaysLeft({ task }: { task: Pick<Task, 'daysLeft' | 'status'> }) {
  if (task.status === 'closed') return null;
  const d = task.daysLeft;
  if (d < 0) return <Typography.Text type="danger">逾期 {-d} 天</Typography.Text>;
  if (d === 0) return <Typography.Text type="warning">今天到期</Typography.Text>;
  return <Typography.Text type="secondary">剩 {d} 天</Typography.Text>;
}

interface AssigneeSelectProps {
  id?: string;
  orgId: string | undefined;
  value?: string | string[];
  onChange?: (v: string | string[] | undefined) => void;
  multiple?: boolean;
  /** A user who cannot be chosen (the owner among the co-owners). */
  exclude?: string;
  placeholder?: string;
}

/** 责任人 / 协办人: accounts with a task permission over the owning organisation. */
export function AssigneeSelect({ id, orgId, value, onChange, multiple, exclude, placeholder }: AssigneeSelectProps) {
  const assignees = useAssignees(orgId);
  const opts = useMemo(
    () =>
      (assignees.data?.items ?? [])
        .filter((a) => a.id !== exclude)
        .map((a) => ({ value: a.id, label: `${a.name}（${a.username}）` })),
    [assignees.data, exclude],
  );
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={orgId ? (placeholder ?? '请选择') : '请先选择责任组织'}
      disabled={!orgId}
      loading={assignees.isFetching}
      notFoundContent={assignees.isError ? '人员加载失败' : '该组织暂无可选人员'}
      options={opts}
      value={value}
      onChange={onChange}
    />
  );
}

/** The organisations the user works for (their grant scopes): where a task or programme is issued from. */
export function IssuingOrgSelect({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const { me } = useSession();
  const opts = me.scope.map((s) => ({ value: s.orgId, label: s.orgName }));
  return (
    <Select id={id} placeholder="请选择部署组织" options={opts} value={value} onChange={onChange} notFoundContent="无可用组织" />
  );
}

/** Default issuing organisation: the widest scope the user has (the first one listed). */
export function useDefaultIssuingOrg(): string | undefined {
  const { me } = useSession();
  const widest = [...me.scope].sort((a, b) => a.path.length - b.path.length)[0];
  return widest?.orgId;
}
