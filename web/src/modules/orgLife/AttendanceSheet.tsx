// 签到表: every expected member (and visitors who signed in) with a status, the reason for 请假/缺席 and
// the 补课 date and note. 全部出席 marks everyone present to adjust from; 保存 sends the whole sheet.
import { useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatInstantMinute } from '../../lib/time';
import { useRefreshOrgLife } from './api';
import { ATTENDANCE_LABEL, activityUrl, formatRate, type ActivityDetail, type AttendanceRow, type AttendanceStatus } from './types';

const STATUS_OPTIONS = (['present', 'leave', 'absent', 'unmarked'] as AttendanceStatus[]).map((s) => ({ value: s, label: ATTENDANCE_LABEL[s] }));

type Row = AttendanceRow;

/** The sheet's own rate as edited (the saved one comes from the server). */
function rateOf(rows: Row[]): { expected: number; present: number; rate: number | null } {
  const expected = rows.filter((r) => r.expected).length;
  const present = rows.filter((r) => r.expected && r.status === 'present').length;
  return { expected, present, rate: expected > 0 ? Math.round((present / expected) * 1000) / 10 : null };
}

export function AttendanceSheet({ activity, editable }: { activity: ActivityDetail; editable: boolean }) {
  const { message } = App.useApp();
  const refresh = useRefreshOrgLife();
  const [rows, setRows] = useState<Row[]>(() => activity.attendance.map((r) => ({ ...r })));
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const edited = useMemo(() => rateOf(rows), [rows]);

  const change = (memberId: string, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.memberId === memberId ? { ...r, ...patch } : r)));
    setDirty(true);
  };

  const allPresent = () => {
    setRows((rs) => rs.map((r) => (r.expected ? { ...r, status: 'present' as const, reason: null } : r)));
    setDirty(true);
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.put(activityUrl(activity.id, 'attendance'), {
        rows: rows.map((r) => ({
          memberId: r.memberId,
          status: r.status,
          reason: r.status === 'leave' || r.status === 'absent' ? r.reason?.trim() || null : null,
          makeupOn: r.status === 'leave' || r.status === 'absent' ? r.makeupOn : null,
          makeupNote: r.status === 'leave' || r.status === 'absent' ? r.makeupNote?.trim() || null : null,
        })),
      });
      void message.success('签到表已保存');
      setDirty(false);
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const absentee = (r: Row) => r.status === 'leave' || r.status === 'absent';
  const columns: ColumnsType<Row> = [
    {
      title: '姓名',
      dataIndex: 'name',
      fixed: 'left',
      render: (_: unknown, r) => (
        <Flex vertical>
          <span>
            {r.name}
            {r.memberType === 'probationary' && <Tag style={{ marginInlineStart: 4 }}>预备</Tag>}
            {!r.expected && <Tag color="blue" style={{ marginInlineStart: 4 }}>列席</Tag>}
          </span>
          {r.signedInAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.method === 'qr' ? '扫码' : '登记'} {formatInstantMinute(r.signedInAt)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: '出勤',
      dataIndex: 'status',
      render: (_: unknown, r) =>
        !r.expected ? (
          ATTENDANCE_LABEL[r.status]
        ) : (
          <Select
            size="small"
            style={{ width: 92 }}
            aria-label={`${r.name}的出勤`}
            options={STATUS_OPTIONS}
            value={r.status}
            disabled={!editable}
            onChange={(v: AttendanceStatus) => change(r.memberId, { status: v })}
          />
        ),
    },
    {
      title: '原因',
      dataIndex: 'reason',
      render: (_: unknown, r) =>
        absentee(r) ? (
          <Input
            size="small"
            style={{ width: 140 }}
            aria-label={`${r.name}的原因`}
            placeholder={r.status === 'leave' ? '请假原因' : '缺席原因'}
            value={r.reason ?? ''}
            disabled={!editable}
            status={r.reason?.trim() ? undefined : 'warning'}
            maxLength={200}
            onChange={(e) => change(r.memberId, { reason: e.target.value })}
          />
        ) : null,
    },
    {
      title: '补课日期',
      dataIndex: 'makeupOn',
      render: (_: unknown, r) =>
        absentee(r) ? (
          <DatePicker
            size="small"
            style={{ width: 130 }}
            aria-label={`${r.name}的补课日期`}
            placeholder="补课日期"
            value={r.makeupOn ? dayjs(r.makeupOn) : null}
            disabled={!editable}
            onChange={(d) => change(r.memberId, { makeupOn: d ? d.format('YYYY-MM-DD') : null })}
          />
        ) : null,
    },
    {
      title: '补课说明',
      dataIndex: 'makeupNote',
      render: (_: unknown, r) =>
        absentee(r) ? (
          <Input
            size="small"
            style={{ width: 160 }}
            aria-label={`${r.name}的补课说明`}
            placeholder="如：个别学习会议精神"
            value={r.makeupNote ?? ''}
            disabled={!editable}
            maxLength={200}
            onChange={(e) => change(r.memberId, { makeupNote: e.target.value })}
          />
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text data-testid="attendance-rate">
          应到 {edited.expected} 人，出席 {edited.present} 人，出勤率 {formatRate(edited.rate)}
          {dirty && <Typography.Text type="warning">（未保存）</Typography.Text>}
        </Typography.Text>
        {editable && (
          <Space wrap>
            <Button size="small" onClick={allPresent}>
              全部出席
            </Button>
            <Button size="small" type="primary" loading={saving} disabled={!dirty} onClick={() => void save()}>
              保存签到表
            </Button>
          </Space>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      {/* On a phone each member is a card with the status and, for 请假/缺席, the reason and 补课 fields. */}
      <ResponsiveTable<Row>
        size="small"
        rowKey="memberId"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无应到人员' }}
      />
    </Flex>
  );
}
