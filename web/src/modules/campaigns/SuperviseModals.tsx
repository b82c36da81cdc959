// 一键督办: confirm which branches get a 督办 task (and by when), then show what the server did for each:
// a new task, the open task it already had, or why it was skipped (no account to own it).
import { useState, type ReactNode } from 'react';
import { Alert, DatePicker, Flex, List, Modal, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { supervise, useRefreshCampaigns } from './api';
import type { SuperviseResult } from './types';

interface OrgRef {
  orgId: string;
  orgName: string;
}

export function SuperviseConfirm({
  campaignId,
  campaignName,
  orgs,
  all,
  open,
  onClose,
  onDone,
}: {
  campaignId: string;
  campaignName: string;
  /** The branches chosen (or every branch without measures). */
  orgs: OrgRef[];
  /** True when nothing was chosen: the server takes every branch without measures. */
  all: boolean;
  open: boolean;
  onClose: () => void;
  onDone: (result: SuperviseResult) => void;
}) {
  const refresh = useRefreshCampaigns();
  const [dueOn, setDueOn] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await supervise(campaignId, { orgIds: all ? undefined : orgs.map((o) => o.orgId), dueOn: dueOn ? dueOn.format('YYYY-MM-DD') : undefined });
      await refresh();
      onDone(result);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="一键督办"
      open={open}
      onCancel={onClose}
      onOk={() => void send()}
      okText="发出督办"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        {error && <Alert type="error" showIcon title={error} />}
        <Typography.Text>
          为以下 {orgs.length} 个未报送推进措施的支部各部署一项督办任务（责任人为支部书记），督促报送“{campaignName}”的推进措施。已有未办结督办任务的支部不会重复部署。
        </Typography.Text>
        <Flex wrap gap={4}>
          {orgs.map((o) => (
            <Tag key={o.orgId} color="red">
              {o.orgName}
            </Tag>
          ))}
        </Flex>
        <Flex vertical gap={4}>
          <label htmlFor="supervise-due">督办截止日期（不填则按系统默认）</label>
          <DatePicker id="supervise-due" value={dueOn} onChange={setDueOn} style={{ width: '100%' }} placeholder="请选择截止日期" />
        </Flex>
      </Flex>
    </Modal>
  );
}

export function SuperviseResultModal({ result, names, onClose }: { result: SuperviseResult | null; names: Map<string, string>; onClose: () => void }) {
  const name = (id: string) => names.get(id) ?? id;
  type Row = { key: string; orgId: string; tag: ReactNode; text: ReactNode };
  const rows: Row[] = result
    ? [
        ...result.created.map((r) => ({
          key: `c${r.orgId}`,
          orgId: r.orgId,
          tag: <Tag color="green">已部署</Tag>,
          text: <Link to={`/tasks?id=${encodeURIComponent(r.taskId)}`}>查看督办任务</Link>,
        })),
        ...result.existing.map((r) => ({
          key: `e${r.orgId}`,
          orgId: r.orgId,
          tag: <Tag color="blue">已有督办</Tag>,
          text: <Link to={`/tasks?id=${encodeURIComponent(r.taskId)}`}>已有未办结的督办任务，未重复部署</Link>,
        })),
        ...result.skipped.map((r) => ({
          key: `s${r.orgId}`,
          orgId: r.orgId,
          tag: <Tag color="orange">未部署</Tag>,
          text: <Typography.Text type="warning">{r.reason}</Typography.Text>,
        })),
      ]
    : [];
  return (
    <Modal title="督办结果" open={!!result} onCancel={onClose} onOk={onClose} okText="知道了" cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
      {result && (
        <Flex vertical gap={12} data-testid="supervise-result">
          <Alert
            type={result.created.length > 0 ? 'success' : 'info'}
            showIcon
            title={`新部署督办任务 ${result.created.length} 项，已有督办 ${result.existing.length} 项，未部署 ${result.skipped.length} 项`}
          />
          <List
            size="small"
            dataSource={rows}
            rowKey="key"
            renderItem={(r) => (
              <List.Item>
                <Flex gap={8} wrap align="center">
                  {r.tag}
                  <Typography.Text strong>{name(r.orgId)}</Typography.Text>
                  {r.text}
                </Flex>
              </List.Item>
            )}
          />
        </Flex>
      )}
    </Modal>
  );
}
