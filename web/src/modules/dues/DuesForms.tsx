// The 党费 dialogs: a member's base for a year (income typed in 元, the monthly amount computed by the server), a
// payment (the member's unpaid months to tick, the amount following them; one Idempotency-Key per dialog so a double
// click or a retry is stored once), and a branch's hand-over to the committee.
import { useState } from 'react';
import { Alert, Checkbox, DatePicker, Flex, Form, Input, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, request } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { notFutureRule, toDay } from '../staff/IdentityFields';
import {
  CATEGORY_LABEL, DUES_URL, METHOD_LABEL, monthLabel, toFen, useBranches, useMemberDues, useRoster, yearOptions, yuan,
  type Category, type DuesBase, type DuesPayment, type Method,
} from './api';

type Done = { onClose: () => void; onDone: () => void };
const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

function MemberSelect({ year, value, onChange, disabled }: { year: number; value?: string; onChange?: (v: string) => void; disabled?: boolean }) {
  const roster = useRoster(year);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }} disabled={disabled} value={value} onChange={onChange} loading={roster.isPending} placeholder="输入姓名查找"
      options={roster.data?.items.filter((m) => m.mayWrite).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }))}
    />
  );
}

type BaseValues = { memberId: string; year: number; category: Category; income?: string; overrideAmount?: string; overrideReason?: string };

export function BaseModal({ year, base, onClose, onDone }: Done & { year: number; base?: DuesBase }) {
  const [form] = Form.useForm<BaseValues>();
  const category = Form.useWatch('category', form);
  return (
    <FormModal<BaseValues, DuesBase>
      title={base ? `修改党费基数：${base.name}` : '登记党费基数'} open onClose={onClose} form={form} okText="保存"
      successMessage="已保存，月缴金额已按标准计算"
      initialValues={{ memberId: base?.memberId, year: base?.year ?? year, category: base?.category ?? 'employed', overrideReason: base?.overrideReason ?? undefined }}
      onSubmit={(v) => api.post<DuesBase>(`${DUES_URL}/bases`, {
        memberId: v.memberId, year: v.year, category: v.category, income: v.category === 'fixed' ? undefined : text(v.income),
        overrideAmount: text(v.overrideAmount) ?? null, overrideReason: text(v.overrideReason) ?? null,
      })}
      onSuccess={onDone}
    >
      <Form.Item name="year" label="年度" rules={[{ required: true }]}>
        <Select options={yearOptions()} disabled={!!base} />
      </Form.Item>
      <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
        <MemberSelect year={base?.year ?? year} disabled={!!base} />
      </Form.Item>
      <Form.Item name="category" label="基数类别" rules={[{ required: true }]}>
        <Select options={Object.entries(CATEGORY_LABEL).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      {category !== 'fixed' && (
        <Form.Item name="income" label={category === 'retired' ? '月养老金（元）' : '税后月收入（元）'} extra={base ? '出于保密，原收入不回显；修改时请重新填写' : '加密保存，列表中不显示明文'} rules={[{ required: true, message: '请填写金额' }]}>
          <Input inputMode="decimal" placeholder="例如 5400.00" autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="overrideAmount" label="自定月缴金额（元，选填）" extra="如本人自愿多交；填写后按此金额收缴">
        <Input inputMode="decimal" placeholder="不填则按标准计算" autoComplete="off" />
      </Form.Item>
      <Form.Item name="overrideReason" label="调整原因">
        <Input maxLength={200} placeholder="自定金额时必填" />
      </Form.Item>
    </FormModal>
  );
}

type PayValues = { memberId: string; months: string[]; method: Method; payerName?: string; paidOn: Dayjs; note?: string };

export function PaymentModal({ year, memberId: fixedMember, onClose, onDone }: Done & { year: number; memberId?: string }) {
  const [form] = Form.useForm<PayValues>();
  // One key per dialog: pressing 登记 twice, or the network retrying, stores the payment once.
  const [key] = useState(() => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`));
  const memberId = Form.useWatch('memberId', form) ?? fixedMember;
  const months = Form.useWatch('months', form) ?? [];
  const method = Form.useWatch('method', form);
  const dues = useMemberDues(memberId, year);
  const bills = dues.data?.bills ?? [];
  const open = bills.filter((b) => !b.paid);
  const amount = bills.filter((b) => months.includes(b.month)).reduce((s, b) => s + b.amountFen, 0);
  return (
    <FormModal<PayValues, DuesPayment>
      title="登记交纳党费" open onClose={onClose} form={form} okText="登记" successMessage="已登记"
      initialValues={{ memberId: fixedMember, method: 'cash', paidOn: dayjs(), months: [] }}
      onSubmit={(v) => request<DuesPayment>('POST', `${DUES_URL}/payments`, {
        headers: { 'Idempotency-Key': key },
        body: { memberId: v.memberId ?? fixedMember, months: v.months, amountFen: amount, method: v.method, payerName: v.method === 'proxy' ? text(v.payerName) ?? null : null, paidOn: toDay(v.paidOn), note: text(v.note) },
      })}
      onSuccess={onDone}
    >
      <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
        <MemberSelect year={year} disabled={!!fixedMember} />
      </Form.Item>
      <Form.Item name="months" label={`${year} 年交纳月份（可一次交多个月或预交）`} rules={[{ required: true, message: '请选择交纳月份' }]}>
        {!memberId ? <Typography.Text type="secondary">请先选择党员</Typography.Text>
          : dues.isPending ? <Spin size="small" />
          : open.length === 0 ? <Alert type="info" showIcon title={bills.length ? '本年度已全部交清' : '该党员本年度尚无账单，请先登记基数并生成账单'} />
          : (
            <Checkbox.Group style={{ width: '100%' }}>
              <Flex wrap gap={8}>
                {open.map((b) => (
                  <Checkbox key={b.month} value={b.month}>
                    {monthLabel(b.month)}{dues.data?.dueMonths.includes(b.month) ? <Typography.Text type="danger">（应交）</Typography.Text> : ''}
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          )}
      </Form.Item>
      <Typography.Paragraph>
        金额：<Typography.Text strong style={{ fontSize: 18 }}>{yuan(amount)}</Typography.Text> 元{months.length ? `（${months.length} 个月）` : ''}
      </Typography.Paragraph>
      <Flex gap={12} wrap>
        <Form.Item name="method" label="方式" rules={[{ required: true }]} style={{ minWidth: 140, flex: 1 }}>
          <Select options={Object.entries(METHOD_LABEL).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true, message: '请选择日期' }, notFutureRule]} style={{ minWidth: 140, flex: 1 }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      {method === 'proxy' && (
        <Form.Item name="payerName" label="代缴人" rules={[{ required: true, message: '请填写代缴人姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
      )}
      <Form.Item name="note" label="备注">
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

type HandValues = { orgId: string; handedOn: Dayjs; amount: string; note?: string };

export function HandoverModal({ onClose, onDone }: Done) {
  const branches = useBranches();
  const writable = branches.data?.items.filter((b) => b.mayWrite) ?? [];
  return (
    <FormModal<HandValues>
      title="登记上缴党费" open onClose={onClose} okText="登记" successMessage="已登记上缴"
      initialValues={{ orgId: writable[0]?.id, handedOn: dayjs() }} fieldMap={{ amountFen: 'amount' }}
      onSubmit={(v) => api.post(`${DUES_URL}/handovers`, { orgId: v.orgId, handedOn: toDay(v.handedOn), amountFen: toFen(v.amount) ?? -1, note: text(v.note) })}
      onSuccess={onDone}
    >
      <Form.Item name="orgId" label="上缴的党支部" rules={[{ required: true, message: '请选择党支部' }]}>
        <Select loading={branches.isPending} options={writable.map((b) => ({ value: b.id, label: b.name }))} />
      </Form.Item>
      <Form.Item name="handedOn" label="上缴日期" rules={[{ required: true, message: '请选择日期' }, notFutureRule]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }, { pattern: /^\d{1,10}(\.\d{1,2})?$/, message: '金额应为元，最多两位小数' }]}>
        <Input inputMode="decimal" placeholder="例如 1234.50" />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input maxLength={200} placeholder="如：第四季度党费" />
      </Form.Item>
    </FormModal>
  );
}
