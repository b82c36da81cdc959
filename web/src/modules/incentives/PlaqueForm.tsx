// 申报 / 修改 a 示范岗 or 责任区: the branch, its member (from the branch's roster; the server refuses anyone else),
// the post (unit picked only by those who may list units) or the area, the commitment and the period. A returned
// plaque is resubmitted by saving it.
import { DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { BranchSelect } from '../members/orgPickers';
import { PersonSelect } from '../orgLife/PersonSelect';
import { UnitTreeSelect, useMayListUnits } from '../units/units';
import { AREA_KIND_LABEL, PLAQUES_URL, plaqueUrl, type Plaque, type PlaqueInput } from './PlaqueApi';

interface Values {
  kind: 'post' | 'area';
  orgId: string;
  memberId: string;
  title: string;
  unitId?: string | null;
  postName?: string;
  areaKind?: PlaqueInput['areaKind'];
  areaName?: string;
  extent?: string;
  commitment: string;
  period: [Dayjs, Dayjs];
}

export function PlaqueFormModal({ open, plaque, onClose, onDone }: { open: boolean; plaque: Plaque | null; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const orgId = Form.useWatch('orgId', form);
  const mayListUnits = useMayListUnits();
  const initial: Partial<Values> = plaque
    ? {
        kind: plaque.kind, orgId: plaque.orgId, memberId: plaque.memberId, title: plaque.title, unitId: plaque.unitId, postName: plaque.postName ?? undefined,
        areaKind: plaque.areaKind ?? undefined, areaName: plaque.areaName ?? undefined, extent: plaque.extent, commitment: plaque.commitment,
        period: [dayjs(plaque.periodFrom), dayjs(plaque.periodTo)],
      }
    : { kind: 'post' };
  return (
    <FormModal<Values, Plaque>
      title={plaque ? (plaque.status === 'rejected' ? '修改后重新申报' : '修改申报') : '申报示范岗 / 责任区'}
      open={open}
      onClose={onClose}
      form={form}
      width={600}
      okText={plaque ? '保存' : '申报'}
      successMessage={plaque ? '已保存' : '已申报，等待党委审核'}
      initialValues={initial}
      fieldMap={{ periodFrom: 'period', periodTo: 'period' }}
      onSubmit={(v) => {
        const body: PlaqueInput = {
          kind: v.kind, orgId: v.orgId, memberId: v.memberId, title: v.title.trim(), commitment: v.commitment.trim(), extent: v.extent?.trim() ?? '',
          periodFrom: v.period[0].format('YYYY-MM-DD'), periodTo: v.period[1].format('YYYY-MM-DD'),
          ...(v.kind === 'post' ? { unitId: v.unitId ?? null, postName: v.postName?.trim() ?? '' } : { areaKind: v.areaKind, areaName: v.areaName?.trim() ?? '' }),
        };
        return plaque ? api.put<Plaque>(plaqueUrl(plaque.id), body) : api.post<Plaque>(PLAQUES_URL, body);
      }}
      onSuccess={(p) => onDone(p.id)}
    >
      <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
        <Radio.Group optionType="button" options={[{ value: 'post', label: '党员示范岗' }, { value: 'area', label: '党员责任区' }]} />
      </Form.Item>
      <Form.Item name="orgId" label="申报组织" rules={[{ required: true, message: '请选择申报组织' }]}>
        <BranchSelect onChange={() => form.setFieldValue('memberId', undefined)} />
      </Form.Item>
      <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
        <PersonSelect orgId={orgId} ariaLabel="党员" current={plaque ? { id: plaque.memberId, name: plaque.memberName } : null} />
      </Form.Item>
      <Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 60 }]}>
        <Input placeholder={kind === 'area' ? '如 幸福里小区3号楼党员责任区' : '如 物业一科收费窗口党员示范岗'} />
      </Form.Item>
      {kind === 'area' ? (
        <>
          <Form.Item name="areaKind" label="区域类型" rules={[{ required: true, message: '请选择区域类型' }]}>
            <Select options={Object.entries(AREA_KIND_LABEL).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="areaName" label="区域名称" rules={[{ required: true, whitespace: true, message: '请填写区域名称' }, { max: 60 }]}>
            <Input placeholder="如 幸福里小区 3 号楼" />
          </Form.Item>
          <Form.Item name="extent" label="范围" rules={[{ max: 200 }]}>
            <Input placeholder="楼栋、单元、户数或路段起止" />
          </Form.Item>
        </>
      ) : (
        <>
          {mayListUnits && (
            <Form.Item name="unitId" label="所在单位">
              <UnitTreeSelect allowClear />
            </Form.Item>
          )}
          <Form.Item name="postName" label="岗位" rules={[{ required: true, whitespace: true, message: '示范岗请填写岗位' }, { max: 40 }]}>
            <Input placeholder="如 收费窗口、维修班、客服中心" />
          </Form.Item>
        </>
      )}
      <Form.Item name="commitment" label="服务承诺（公开展示）" rules={[{ required: true, whitespace: true, message: '请填写承诺' }, { max: 500 }]}>
        <Input.TextArea rows={4} showCount maxLength={500} />
      </Form.Item>
      <Form.Item name="period" label="期限" rules={[{ required: true, message: '请选择期限' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
