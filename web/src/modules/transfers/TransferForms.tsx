// The forms of 组织关系转接: starting a transfer out (to a branch, another committee, or outside with a letter),
// confirming one (the receiving branch; the committee chooses branch and unit for one from another committee),
// the letter's receipt, withdrawing one that waits, and a member arriving from outside with a letter.
import { useEffect } from 'react';
import { Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { GroupSelect } from '../members/orgPickers';
import { PersonSelect } from '../orgLife/PersonSelect';
import { fromDay, isFuture, toDay } from '../staff/IdentityFields';
import { todayShanghai } from '../../lib/people';
import { TRANSFERS_URL, transferUrl, useCommittees, usePlaces, type Transfer } from './api';

const dayRule = (label: string) => [{ required: true, message: `请选择${label}` }];
const branchOptions = (branches: { id: string; name: string }[]) => branches.map((b) => ({ value: b.id, label: b.name }));

interface StartValues {
  fromBranchId?: string; memberId: string; scope: Transfer['scope']; toBranchId?: string; toTenantId?: string; destination?: string;
  duesPaidTo?: Dayjs; validityMonths?: number; startedOn?: Dayjs; reason: string;
}

export function StartModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<StartValues>();
  const places = usePlaces();
  const scope = Form.useWatch('scope', form);
  const fromBranchId = Form.useWatch('fromBranchId', form);
  const committees = useCommittees(scope === 'server');
  const mine = (places.data?.branches ?? []).filter((b) => b.mine);
  // A secretary of one branch starts from it: no choice to make.
  const only = mine.length === 1 ? mine[0]!.id : undefined;
  useEffect(() => {
    if (only && !form.getFieldValue('fromBranchId')) form.setFieldValue('fromBranchId', only);
  }, [only, form]);
  const within = places.data?.validityMonths ?? 3;
  const across = places.data?.crossProvinceValidityMonths ?? 6;
  return (
    <FormModal<StartValues, Transfer>
      title="发起组织关系转出" open onClose={onClose} form={form} width={640} okText="发起" successMessage="已发起转接"
      initialValues={{ scope: 'internal', validityMonths: within, startedOn: fromDay(todayShanghai()) }}
      onSubmit={(v) => api.post<Transfer>(TRANSFERS_URL, {
        memberId: v.memberId, scope: v.scope, reason: v.reason.trim(), startedOn: toDay(v.startedOn) ?? undefined,
        ...(v.scope === 'internal' ? { toBranchId: v.toBranchId } : {}),
        ...(v.scope === 'server' ? { toTenantId: v.toTenantId } : {}),
        ...(v.scope === 'external' ? { destination: v.destination?.trim(), duesPaidTo: v.duesPaidTo?.format('YYYY-MM'), validityMonths: v.validityMonths } : {}),
      })}
      onSuccess={onDone}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="fromBranchId" label="所在党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <Select options={branchOptions(mine)} loading={places.isPending} onChange={() => form.setFieldValue('memberId', undefined)} placeholder="请选择党支部" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
            <PersonSelect orgId={fromBranchId} ariaLabel="党员" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="scope" label="转往">
        <Radio.Group options={[
          { value: 'internal', label: '本委其他党支部' }, { value: 'server', label: '本平台其他党委' }, { value: 'external', label: '平台外（开具介绍信）' },
        ]} />
      </Form.Item>
      {scope === 'internal' && (
        <Form.Item name="toBranchId" label="接收党支部" rules={[{ required: true, message: '请选择接收党支部' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={branchOptions((places.data?.branches ?? []).filter((b) => b.id !== fromBranchId))} placeholder="接收党支部确认后党员即转入" />
        </Form.Item>
      )}
      {scope === 'server' && (
        <Form.Item name="toTenantId" label="接收党委" rules={[{ required: true, message: '请选择接收党委' }]} extra="对方党委在待办中确认接收后，党员档案转至对方，本委记为转出。">
          <Select options={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} loading={committees.isPending} notFoundContent="本平台暂无其他党委" />
        </Form.Item>
      )}
      {scope === 'external' && (
        <>
          <Form.Item name="destination" label="接收组织（介绍信抬头）" rules={[{ required: true, whitespace: true, message: '请填写接收组织' }, { max: 60 }]}>
            <Input placeholder="如：中共××市××区委组织部" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="duesPaidTo" label="党费交至" rules={[{ required: true, message: '请选择党费交至的月份' }]}>
                <DatePicker picker="month" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="validityMonths" label="有效期">
                <Radio.Group options={[{ value: within, label: `${within} 个月` }, { value: across, label: `跨省 ${across} 个月` }]} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
      <Form.Item name="startedOn" label="转出日期" rules={dayRule('转出日期')}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
      <Form.Item name="reason" label="转接原因" rules={[{ required: true, whitespace: true, message: '请填写转接原因' }, { min: 2 }, { max: 200 }]}>
        <Input.TextArea rows={2} showCount maxLength={200} />
      </Form.Item>
      <Typography.Text type="secondary">接收前党员仍在本支部（显示为转接中），由本支部负责管理。</Typography.Text>
    </FormModal>
  );
}

interface ConfirmValues { branchId?: string; groupId?: string | null; unitId?: string; receivedOn?: Dayjs }

export function ConfirmModal({ transfer, onClose, onDone }: { transfer: Transfer; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<ConfirmValues>();
  const places = usePlaces();
  const fromCommittee = transfer.scope === 'server';
  return (
    <FormModal<ConfirmValues, Transfer>
      title={`确认接收：${transfer.memberName}`} open onClose={onClose} form={form} okText="确认接收" successMessage="已接收"
      initialValues={{ receivedOn: fromDay(todayShanghai()) }}
      onSubmit={(v) => api.post<Transfer>(transferUrl(transfer.id, 'confirm'), {
        receivedOn: toDay(v.receivedOn) ?? undefined, groupId: v.groupId ?? undefined,
        ...(fromCommittee ? { branchId: v.branchId, unitId: v.unitId } : {}),
      })}
      onSuccess={onDone}
    >
      <Typography.Paragraph type="secondary">
        {fromCommittee ? `来自${transfer.counterpart}。确认后在本委建立党员档案，对方记为转出。` : `由${transfer.fromOrgName ?? ''}转入${transfer.toOrgName ?? ''}。确认后党员编入本支部。`}
      </Typography.Paragraph>
      {fromCommittee && (
        <>
          <Form.Item name="branchId" label="接收党支部" rules={[{ required: true, message: '请选择接收党支部' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={branchOptions(places.data?.branches ?? [])} loading={places.isPending} />
          </Form.Item>
          <Form.Item name="unitId" label="所在单位" rules={[{ required: true, message: '请选择所在单位' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(places.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} loading={places.isPending} />
          </Form.Item>
        </>
      )}
      {!fromCommittee && (
        <Form.Item name="groupId" label="党小组（可不选）">
          <GroupSelect branchId={transfer.toOrgId} />
        </Form.Item>
      )}
      <Form.Item name="receivedOn" label="接收日期" rules={dayRule('接收日期')}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
    </FormModal>
  );
}

export function ReceiptModal({ transfer, onClose, onDone }: { transfer: Transfer; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ receiptOn?: Dayjs }>();
  return (
    <FormModal<{ receiptOn?: Dayjs }, Transfer>
      title={`登记回执：${transfer.memberName}`} open onClose={onClose} form={form} okText="登记" successMessage="已登记回执，党员记为转出"
      onSubmit={(v) => api.post<Transfer>(transferUrl(transfer.id, 'receipt'), { receiptOn: toDay(v.receiptOn) })}
      onSuccess={onDone}
    >
      <Typography.Paragraph type="secondary">介绍信 {transfer.letterNo}，转往{transfer.counterpart}。登记回执后该党员在本委记为转出。</Typography.Paragraph>
      <Form.Item name="receiptOn" label="回执日期" rules={dayRule('回执日期')}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
    </FormModal>
  );
}

export function WithdrawModal({ transfer, onClose, onDone }: { transfer: Transfer; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ withdrawnOn?: Dayjs; reason: string }>();
  return (
    <FormModal<{ withdrawnOn?: Dayjs; reason: string }, Transfer>
      title={`撤回转接：${transfer.memberName}`} open onClose={onClose} form={form} okText="撤回" successMessage="已撤回，该党员仍在原党支部"
      initialValues={{ withdrawnOn: fromDay(todayShanghai()) }}
      onSubmit={(v) => api.post<Transfer>(transferUrl(transfer.id, 'withdraw'), { withdrawnOn: toDay(v.withdrawnOn), reason: v.reason })}
      onSuccess={onDone}
    >
      <Typography.Paragraph type="secondary">
        转往{transfer.toOrgName ?? transfer.counterpart}{transfer.letterNo ? `（介绍信 ${transfer.letterNo} 随之作废，编号不再使用）` : ''}。撤回后该党员仍在原党支部，可另行发起转接。
      </Typography.Paragraph>
      <Form.Item name="withdrawnOn" label="撤回日期" rules={dayRule('撤回日期')}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
      <Form.Item name="reason" label="撤回原因" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }, { max: 200, message: '撤回原因最多 200 个字' }]}>
        <Input.TextArea rows={2} maxLength={200} showCount />
      </Form.Item>
    </FormModal>
  );
}

interface IncomingValues {
  name: string; gender: 'male' | 'female'; birthDate?: Dayjs; idNumber: string; employment: 'active' | 'retired' | 'left'; unitId: string;
  type: 'full' | 'probationary'; joinedOn?: Dayjs; confirmedOn?: Dayjs; branchId: string; origin: string; letterNo: string; duesPaidTo?: Dayjs; receivedOn?: Dayjs;
}

export function IncomingModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<IncomingValues>();
  const places = usePlaces();
  const type = Form.useWatch('type', form);
  const half = (name: keyof IncomingValues, label: string, input: React.ReactNode, required = true) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={label} rules={required ? [{ required: true, message: `请填写${label}` }] : []}>{input}</Form.Item>
    </Col>
  );
  return (
    <FormModal<IncomingValues, Transfer>
      title="登记转入（持介绍信由平台外转入）" open onClose={onClose} form={form} width={720} okText="登记并建档" successMessage="已登记转入并建立党员档案"
      initialValues={{ gender: 'male', employment: 'active', type: 'full', receivedOn: fromDay(todayShanghai()) }}
      onSubmit={(v) => api.post<Transfer>(`${TRANSFERS_URL}/incoming`, {
        name: v.name.trim(), gender: v.gender, birthDate: toDay(v.birthDate), idNumber: v.idNumber.trim(), employment: v.employment, unitId: v.unitId,
        type: v.type, joinedOn: toDay(v.joinedOn), confirmedOn: v.type === 'full' ? toDay(v.confirmedOn) : null, branchId: v.branchId,
        origin: v.origin.trim(), letterNo: v.letterNo.trim(), duesPaidTo: v.duesPaidTo?.format('YYYY-MM'), receivedOn: toDay(v.receivedOn),
      })}
      onSuccess={onDone}
    >
      <Row gutter={16}>
        {half('name', '姓名', <Input maxLength={30} />)}
        {half('idNumber', '身份证号', <Input maxLength={18} />)}
        {half('gender', '性别', <Radio.Group options={[{ value: 'male', label: '男' }, { value: 'female', label: '女' }]} />)}
        {half('birthDate', '出生日期', <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />)}
        {half('employment', '在岗状态', <Select options={[{ value: 'active', label: '在岗' }, { value: 'retired', label: '离退休' }, { value: 'left', label: '已离职' }]} />)}
        {half('unitId', '所在单位', <Select showSearch={{ optionFilterProp: 'label' }} options={(places.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />)}
        {half('type', '党员类别', <Radio.Group options={[{ value: 'full', label: '正式党员' }, { value: 'probationary', label: '预备党员' }]} />)}
        {half('joinedOn', '入党日期', <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />)}
        {type === 'full' && half('confirmedOn', '转正日期', <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />)}
        {half('branchId', '接收党支部', <Select options={branchOptions((places.data?.branches ?? []).filter((b) => b.mine))} />)}
        {half('origin', '转出组织', <Input maxLength={60} placeholder="介绍信落款的党组织" />)}
        {half('letterNo', '介绍信编号', <Input maxLength={40} />)}
        {half('duesPaidTo', '党费交至', <DatePicker picker="month" style={{ width: '100%' }} />)}
        {half('receivedOn', '接收日期', <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />)}
      </Row>
    </FormModal>
  );
}
