// 组织关系转接 (transfer.write): 转出 and 转入 tabs (pending first), starting a transfer out, registering a member
// who arrives from outside with a letter, confirming, withdrawing, the letter in Word and its receipt. `?tab=in` opens 转入 (the
// 待办 links here).
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Flex, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, ImportOutlined } from '@ant-design/icons';
import { ListPage } from '../../components/ListPage';
import { useDownload } from '../../components/useDownload';
import { SCOPE_LABEL, STATUS_COLOR, STATUS_LABEL, TRANSFERS_URL, transferUrl, useRefreshTransfers, type Transfer } from './api';
import { ConfirmModal, IncomingModal, ReceiptModal, StartModal, WithdrawModal } from './TransferForms';

type Tab = 'out' | 'in';
const secondary = (text: string | null | undefined) => text ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{text}</Typography.Text> : null;

export default function TransfersPage() {
  const [search, setSearch] = useSearchParams();
  const tab: Tab = search.get('tab') === 'in' ? 'in' : 'out';
  const refresh = useRefreshTransfers();
  const [dialog, setDialog] = useState<{ kind: 'start' | 'incoming' } | { kind: 'confirm' | 'receipt' | 'withdraw'; transfer: Transfer } | null>(null);
  const { downloading, start: download } = useDownload();
  const done = () => {
    setDialog(null);
    void refresh();
  };

  const columns: ColumnsType<Transfer> = [
    {
      title: '姓名',
      dataIndex: 'memberName',
      render: (v: string, t) => <Flex vertical><Typography.Text strong>{v}</Typography.Text>{secondary(SCOPE_LABEL[t.scope])}</Flex>,
    },
    {
      title: tab === 'out' ? '转出 → 接收' : '来自 → 转入',
      key: 'route',
      render: (_: unknown, t) => (
        <span>{t.fromOrgName ?? (t.direction === 'in' ? t.counterpart : '')} → {t.toOrgName ?? (t.direction === 'out' ? t.counterpart : '待选定党支部')}</span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_: unknown, t) => (t.expired ? <Tag color="error">介绍信已过期</Tag> : <Tag color={STATUS_COLOR[t.status]}>{STATUS_LABEL[t.status]}</Tag>),
    },
    {
      title: '日期',
      key: 'dates',
      width: 130,
      render: (_: unknown, t) => (
        <Flex vertical><span>{t.startedOn}</span>{secondary(t.receivedOn ? `接收 ${t.receivedOn}` : t.withdrawnOn ? `撤回 ${t.withdrawnOn}` : null)}</Flex>
      ),
    },
    {
      title: '介绍信',
      key: 'letter',
      width: 170,
      render: (_: unknown, t) => (t.letterNo
        ? <Flex vertical><span>{t.letterNo}</span>{secondary([t.duesPaidTo && `党费交至 ${t.duesPaidTo}`, t.validUntil && `有效期至 ${t.validUntil}`].filter(Boolean).join('，'))}</Flex>
        : <Typography.Text type="secondary">-</Typography.Text>),
    },
    { title: '原因', dataIndex: 'reason', ellipsis: true, render: (v: string, t) => (t.withdrawReason ? `${v}（撤回：${t.withdrawReason}）` : v) },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_: unknown, t) => (
        <Space wrap size={4}>
          {t.actions.includes('confirm') && <Button size="small" type="primary" onClick={() => setDialog({ kind: 'confirm', transfer: t })}>确认接收</Button>}
          {t.actions.includes('receipt') && <Button size="small" onClick={() => setDialog({ kind: 'receipt', transfer: t })}>登记回执</Button>}
          {t.actions.includes('letter') && (
            <Button size="small" loading={downloading} onClick={() => void download(transferUrl(t.id, 'letter'), undefined, `党员组织关系介绍信-${t.memberName}-${t.letterNo ?? ''}.docx`)}>介绍信</Button>
          )}
          {t.actions.includes('withdraw') && <Button size="small" danger onClick={() => setDialog({ kind: 'withdraw', transfer: t })}>撤回</Button>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<Transfer>
        key={tab}
        title="组织关系转接"
        subTitle="党支部间、本平台党委间转接由接收方确认；转往平台外开具介绍信并登记回执。接收前由转出党支部负责。"
        url={TRANSFERS_URL}
        params={{ direction: tab }}
        rowKey="id"
        columns={columns}
        exportName={tab === 'out' ? '组织关系转出' : '组织关系转入'}
        tableProps={{ phoneTitle: 'memberName', phoneHide: ['reason'] }}
        searchFields={[
          { type: 'text', name: 'keyword', label: '姓名' },
          { type: 'select', name: 'status', label: '状态', options: Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label })) },
        ]}
        toolbar={(
          <Space wrap>
            <Segmented<Tab>
              value={tab}
              options={[{ value: 'out', label: '转出' }, { value: 'in', label: '转入' }]}
              onChange={(v) => setSearch(v === 'in' ? { tab: 'in' } : {})}
            />
            {tab === 'out'
              ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'start' })}>发起转出</Button>
              : <Button type="primary" icon={<ImportOutlined />} onClick={() => setDialog({ kind: 'incoming' })}>登记转入</Button>}
          </Space>
        )}
      />
      {dialog?.kind === 'start' && <StartModal onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'incoming' && <IncomingModal onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'confirm' && <ConfirmModal transfer={dialog.transfer} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'receipt' && <ReceiptModal transfer={dialog.transfer} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'withdraw' && <WithdrawModal transfer={dialog.transfer} onClose={() => setDialog(null)} onDone={done} />}
    </>
  );
}
