import { useState } from 'react';
import { Alert, App, Button, Col, Modal, Row, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { AuditEntry, AuditVerifyResult } from '../../api/types';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ListPage } from '../../components/ListPage';
import { formatInstant } from '../../lib/time';
import { ENTITY_OPTIONS, actionLabel, entityLabel } from './labels';

const AUDIT_URL = '/api/v1/audit';

/** The result in words (server: platform/audit/names.ts), red when the request was refused or failed. */
function ResultTag({ entry }: { entry: Pick<AuditEntry, 'status' | 'result'> }) {
  const bad = entry.status !== null && entry.status >= 400;
  return (
    <Tooltip title={entry.status === null ? undefined : `HTTP ${entry.status}`}>
      <Tag color={bad ? 'red' : 'green'}>{entry.result}</Tag>
    </Tooltip>
  );
}

/** Who acted: their name, else the login name they gave (a failed login), else the system (a job). */
const actorName = (e: AuditEntry) => e.userName ?? e.username ?? '系统';

/** The record an entry is about: its kind in words and its name where one is known. */
function entityText(e: AuditEntry): string {
  if (!e.entity) return '-';
  return e.entityName ? `${entityLabel(e.entity)}：${e.entityName}` : entityLabel(e.entity);
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          marginTop: 8,
          padding: 12,
          minHeight: 120,
          maxHeight: 480,
          overflow: 'auto',
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export default function AuditPage() {
  const { message } = App.useApp();
  const [detail, setDetail] = useState<AuditEntry | null>(null);
  const [open, setOpen] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);

  const verify = async () => {
    setVerifying(true);
    try {
      setVerifyResult(await api.get<AuditVerifyResult>(`${AUDIT_URL}/verify`));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setVerifying(false);
    }
  };

  // Secondary facts go on a second line so the list fits 1440 px without scrolling; the drawer has everything.
  const columns: ColumnsType<AuditEntry> = [
    {
      title: '时间',
      dataIndex: 'at',
      width: 170,
      render: (v: string, e) => (
        <>
          <div>{formatInstant(v)}</div>
          <Typography.Text type="secondary">序号 {e.seq}</Typography.Text>
        </>
      ),
    },
    {
      title: '用户',
      key: 'user',
      render: (_, e) => (
        <>
          <div>{actorName(e)}</div>
          <Typography.Text type="secondary">{[e.userName ? e.username : null, e.ip].filter(Boolean).join(' · ')}</Typography.Text>
        </>
      ),
    },
    { title: '党委', dataIndex: 'tenantName', width: 140 },
    {
      title: '事项',
      dataIndex: 'action',
      render: (v: string) =>
        actionLabel(v) === v ? <Typography.Text code>{v}</Typography.Text> : <Tooltip title={v}>{actionLabel(v)}</Tooltip>,
    },
    { title: '对象', key: 'entity', render: (_, e) => entityText(e) },
    { title: '结果', key: 'result', width: 90, render: (_, e) => <ResultTag entry={e} /> },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      render: (_, e) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setDetail(e);
            setOpen(true);
          }}
        >
          详情
        </Button>
      ),
    },
  ];

  const firstProblem = verifyResult?.problems[0];

  return (
    <>
      <ListPage<AuditEntry>
        title="审计日志"
        subTitle="系统中的每一次登录与数据变更都记录在此。日志只可追加、不可修改，并以哈希链防篡改。"
        url={AUDIT_URL}
        rowKey="seq"
        columns={columns}
        tableProps={{ phoneTitle: 'action' }}
        searchFields={[
          { type: 'dateRange', name: 'range', label: '时间范围', fromParam: 'from', toParam: 'to', valueType: 'instant' },
          { type: 'text', name: 'username', label: '用户名' },
          { type: 'text', name: 'action', label: '事项', placeholder: '事项代码开头，如 auth.login' },
          { type: 'select', name: 'entity', label: '对象', options: ENTITY_OPTIONS },
        ]}
        exportName="审计日志"
        toolbar={
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()}>
            校验完整性
          </Button>
        }
      />

      <DetailDrawer
        title={detail ? `审计记录 #${detail.seq}` : '审计记录'}
        open={open}
        onClose={() => setOpen(false)}
        width={880}
        items={
          detail
            ? [
                { key: 'seq', label: '序号', children: detail.seq },
                { key: 'at', label: '时间', children: formatInstant(detail.at) },
                { key: 'user', label: '用户', children: detail.userName ? `${detail.userName}（${detail.username ?? ''}）` : (detail.username ?? '系统') },
                { key: 'tenant', label: '党委', children: detail.tenantName },
                { key: 'ip', label: 'IP 地址', children: detail.ip ?? '-' },
                { key: 'action', label: '事项', children: `${actionLabel(detail.action)}（${detail.action}）` },
                {
                  key: 'entity',
                  label: '对象',
                  children: detail.entity ? `${entityText(detail)}${detail.entityId ? `（编号 ${detail.entityId}）` : ''}` : '-',
                },
                { key: 'status', label: '结果', children: <ResultTag entry={detail} /> },
                { key: 'requestId', label: '请求编号', children: detail.requestId ?? '-' },
              ]
            : []
        }
      >
        {detail && (
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={24} md={12}>
              <JsonBlock title="变更前" value={detail.before} />
            </Col>
            <Col xs={24} md={12}>
              <JsonBlock title="变更后" value={detail.after} />
            </Col>
          </Row>
        )}
      </DetailDrawer>

      <Modal
        title="审计日志完整性校验"
        open={!!verifyResult}
        onCancel={() => setVerifyResult(null)}
        footer={
          <Button type="primary" onClick={() => setVerifyResult(null)}>
            知道了
          </Button>
        }
      >
        {verifyResult &&
          (verifyResult.ok ? (
            <Alert type="success" showIcon title="完整" description={`已校验 ${verifyResult.checked} 条记录，哈希链完整，未发现篡改。`} />
          ) : (
            <Alert
              type="error"
              showIcon
              title="发现问题"
              description={
                <div>
                  <div>已校验 {verifyResult.checked} 条记录，共发现 {verifyResult.problems.length} 处问题。</div>
                  {firstProblem && (
                    <div style={{ marginTop: 8 }}>
                      第一处：序号 <Typography.Text strong>{firstProblem.seq}</Typography.Text>
                      {firstProblem.tenantId && <>（党委编号 {firstProblem.tenantId}）</>}：{firstProblem.reason}
                    </div>
                  )}
                </div>
              }
            />
          ))}
      </Modal>
    </>
  );
}
