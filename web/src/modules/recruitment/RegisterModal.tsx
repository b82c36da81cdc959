// 登记入党申请人: the branch, the person (someone on the staff register is found by their 身份证号 and linked, so
// their identity is not typed again) and the date the application was handed in (step 1, checked for age 18).
import { useState } from 'react';
import { Alert, DatePicker, Divider, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { fromDay, IdentityFields, isFuture, notFutureRule, text, toDay, type IdentityValues } from '../staff/IdentityFields';
import { PEOPLE_URL, useBranches, type RecruitDetail } from './api';

type Staff = NonNullable<ApiResponse<'/api/v1/staff/lookup'>['item']>;
type Values = IdentityValues & { branchId: string; appliedOn: Dayjs; note?: string };

export function RegisterModal({ onClose, onDone }: { onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const branches = useBranches(true);
  const [found, setFound] = useState<{ idNumber: string; staff: Staff | null } | null>(null);
  const staff = found?.staff ?? null;

  const lookup = async (idNumber: string) => {
    try {
      const res = await api.get<ApiResponse<'/api/v1/staff/lookup'>>('/api/v1/staff/lookup', { idNumber });
      if ((form.getFieldValue('idNumber') as string | undefined)?.trim().toUpperCase() !== idNumber) return;
      setFound({ idNumber, staff: res.item });
      const s = res.item;
      if (s) form.setFieldsValue({ name: s.name, gender: s.gender, birthDate: fromDay(s.birthDate), employment: s.employment, unitId: s.unitId });
    } catch {
      setFound(null); // a convenience only: the server checks the identity again
    }
  };

  return (
    <FormModal<Values, RecruitDetail>
      title="登记入党申请人" open onClose={onClose} form={form} width={760} okText="登记" successMessage="已登记，并记录第 1 步递交入党申请书"
      initialValues={{ employment: 'active', ethnicity: '汉族', branchId: branches.data?.items[0]?.id }}
      onSubmit={(v) => {
        const idNumber = text(v.idNumber)?.toUpperCase();
        const linked = staff && !staff.memberId && found?.idNumber === idNumber;
        const who = linked
          ? { staffId: staff.id }
          : { name: v.name.trim(), gender: v.gender, birthDate: toDay(v.birthDate), idNumber, phone: text(v.phone), unitId: v.unitId, employment: v.employment };
        return api.post<RecruitDetail>(PEOPLE_URL, { branchId: v.branchId, ...who, appliedOn: toDay(v.appliedOn), note: text(v.note) ?? undefined });
      }}
      onSuccess={(r) => onDone(r.id)}
    >
      <Form.Item name="branchId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
        <Select loading={branches.isPending} options={branches.data?.items.map((b) => ({ value: b.id, label: b.name }))} placeholder="请选择党支部" />
      </Form.Item>
      <Divider titlePlacement="start">申请人</Divider>
      {staff && (
        <Alert type={staff.memberId ? 'warning' : 'info'} showIcon style={{ marginBottom: 16 }}
          title={staff.memberId ? `“${staff.name}”已是党员，不能再登记为入党申请人。` : `员工名册中已有“${staff.name}”（${staff.unitName}），将关联该员工，身份信息不必重复填写。`} />
      )}
      <IdentityFields omit={['address', 'workStartedOn']} disabled={!!staff}
        onValidIdNumber={(id) => void lookup(id)}
        onIdNumberChange={(raw) => { if (found && raw.trim().toUpperCase() !== found.idNumber) setFound(null); }} />
      <Divider titlePlacement="start">入党申请</Divider>
      <Form.Item name="appliedOn" label="递交入党申请书日期" rules={[{ required: true, message: '请选择日期' }, notFutureRule]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
      <Form.Item name="note" label="情况说明" rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder="如：本人递交入党申请书，对党的认识较为端正" />
      </Form.Item>
    </FormModal>
  );
}
