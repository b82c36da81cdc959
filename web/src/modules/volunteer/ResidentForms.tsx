// The resident dialogs: 新增/编辑服务对象, 状态变更 (迁出/去世 with the date), 结对 (a volunteer from the candidates
// the server offers, with their open pairings against the limit) and 结束结对. Field errors from the server land
// on the fields (FormModal). Sensitive fields are never prefilled (the record is masked): left empty they stay.
import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { GENDER_LABEL, options, todayShanghai } from '../../lib/people';
import { BranchSelect } from '../members/orgPickers';
import { isFuture, mobileRule, notFutureRule } from '../staff/IdentityFields';
import { changeStatus, createResident, endPairing, pair, updateResident, useCandidates } from './api';
import { LIVING_LABEL, RISK_LABEL, VOLUNTEER_KIND_LABEL, type Pairing, type ResidentDetail, type ResidentInput, type VolunteerKind } from './types';

const half = { xs: 24, sm: 12 };
const today = () => dayjs(todayShanghai());

interface ResidentValues {
  orgId: string;
  name: string;
  gender: ResidentInput['gender'];
  birthDate: Dayjs;
  community: string;
  address?: string;
  phone?: string;
  idNumber?: string;
  living: ResidentInput['living'];
  risk: ResidentInput['risk'];
  health?: string;
  needs?: string;
  emergency?: { name: string; relation: string; phone: string }[];
}

const blank = (s: string | undefined) => (s ?? '').trim();

export function ResidentFormModal({ resident, open, onClose, onDone }: { resident?: ResidentDetail; open: boolean; onClose: () => void; onDone: (id: string) => void }) {
  const editing = !!resident;
  const keep = editing ? '不修改请留空' : undefined;
  const submit = async (v: ResidentValues) => {
    const body = {
      orgId: v.orgId,
      name: v.name.trim(),
      gender: v.gender,
      birthDate: v.birthDate.format('YYYY-MM-DD'),
      community: v.community.trim(),
      living: v.living ?? [],
      risk: v.risk,
      needs: blank(v.needs),
    };
    // Sensitive fields: sent when typed (on edit an empty one keeps the stored value).
    const sensitive: Record<string, unknown> = {};
    if (blank(v.address) || !editing) sensitive.address = blank(v.address);
    if (blank(v.phone)) sensitive.phone = blank(v.phone);
    if (blank(v.idNumber)) sensitive.idNumber = blank(v.idNumber);
    if (blank(v.health)) sensitive.health = blank(v.health);
    const contacts = (v.emergency ?? []).filter((c) => blank(c?.name));
    if (contacts.length > 0) sensitive.emergency = contacts.map((c) => ({ name: c.name.trim(), relation: blank(c.relation), phone: blank(c.phone) }));
    const saved = editing
      ? await updateResident(resident.id, { ...body, ...sensitive })
      : await createResident({ ...body, ...sensitive } as ResidentInput);
    return saved;
  };
  return (
    <FormModal<ResidentValues, ResidentDetail>
      title={editing ? `编辑服务对象：${resident.name}` : '新增服务对象'}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      onSuccess={(saved) => onDone(saved.id)}
      width={720}
      initialValues={
        resident
          ? {
              orgId: resident.orgId,
              name: resident.name,
              gender: resident.gender,
              birthDate: dayjs(resident.birthDate),
              community: resident.community,
              // The detail types living situations as plain strings; they are the same codes the form sends.
              living: resident.living as ResidentInput['living'],
              risk: resident.risk,
              needs: resident.needs,
            }
          : { living: [], risk: 'medium', gender: 'female' }
      }
    >
      {editing && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="住址、电话、身份证号、健康状况、紧急联系人已加密保存，不显示原值；需要修改时填写新值，留空则保持不变。" />}
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
            <Select options={options(GENDER_LABEL)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="birthDate" label="出生日期" rules={[{ required: true, message: '请选择出生日期' }, notFutureRule]}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="orgId" label="负责组织" rules={[{ required: true, message: '请选择负责的党支部' }]}>
            <BranchSelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="community" label="小区" rules={[{ required: true, whitespace: true, message: '请填写小区' }, { max: 100 }]}>
            <Input placeholder="如 幸福里小区" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="address" label="楼栋门牌" rules={[{ required: !editing, whitespace: true, message: '请填写楼栋门牌' }, { max: 200 }]}>
            <Input placeholder={keep ?? '如 3 号楼 2 单元 401'} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="phone" label="电话" rules={[mobileRule]}>
            <Input placeholder={keep} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="idNumber" label="身份证号（可不填）">
            <Input placeholder={keep} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="living" label="居住情况" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项' }]}>
            <Select mode="multiple" options={options(LIVING_LABEL)} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="risk" label="风险等级" rules={[{ required: true, message: '请选择风险等级' }]}>
            <Select options={options(RISK_LABEL).map((o) => ({ ...o, label: `${o.label}风险` }))} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="health" label="健康状况" rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} placeholder={keep ?? '慢性病、行动能力、用药等'} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="needs" label="服务需求" rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} placeholder="代购、陪同就医、助餐等" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>紧急联系人{editing ? '（填写则替换原有联系人）' : ''}</Typography.Text>
      <Form.List name="emergency">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top" wrap={false}>
                <Col flex="1">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                    <Input placeholder="姓名" aria-label="联系人姓名" />
                  </Form.Item>
                </Col>
                <Col flex="1">
                  <Form.Item name={[f.name, 'relation']}>
                    <Input placeholder="关系" aria-label="关系" />
                  </Form.Item>
                </Col>
                <Col flex="1.4">
                  <Form.Item name={[f.name, 'phone']} rules={[{ required: true, message: '请填写电话' }]}>
                    <Input placeholder="电话" aria-label="联系人电话" inputMode="tel" />
                  </Form.Item>
                </Col>
                <Col flex="none">
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label="删除联系人" onClick={() => remove(f.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', relation: '', phone: '' })} block>
              添加紧急联系人
            </Button>
          </div>
        )}
      </Form.List>
    </FormModal>
  );
}

export function StatusModal({ resident, open, onClose, onDone }: { resident: ResidentDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ status: 'movedOut' | 'deceased'; on: Dayjs; note?: string }>
      title={`状态变更：${resident.name}`}
      open={open}
      onClose={onClose}
      initialValues={{ on: today() }}
      onSubmit={(v) => changeStatus(resident.id, { status: v.status, on: v.on.format('YYYY-MM-DD'), note: v.note?.trim() || undefined })}
      onSuccess={onDone}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="迁出或去世后，结对随之结束，不再提醒走访，也不能再记录走访。" />
      <Form.Item name="status" label="变更为" rules={[{ required: true, message: '请选择' }]}>
        <Select options={[{ value: 'movedOut', label: '迁出' }, { value: 'deceased', label: '去世' }]} />
      </Form.Item>
      <Form.Item name="on" label="日期" rules={[{ required: true, message: '请选择日期' }, notFutureRule]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
      <Form.Item name="note" label="说明" rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

export function PairModal({ resident, open, onClose, onDone }: { resident: ResidentDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const [keyword, setKeyword] = useState('');
  const candidates = useCandidates(resident.orgId, keyword, open);
  const items = candidates.data?.items ?? [];
  return (
    <FormModal<{ volunteer: string; startedOn: Dayjs }>
      title={`结对：${resident.name}`}
      open={open}
      onClose={onClose}
      okText="结对"
      successMessage="已结对"
      initialValues={{ startedOn: today() }}
      onSubmit={(v) => {
        const [kind, id] = v.volunteer.split(':') as [VolunteerKind, string];
        return pair({ residentId: resident.id, volunteerKind: kind, volunteerId: id, startedOn: v.startedOn.format('YYYY-MM-DD') });
      }}
      onSuccess={onDone}
      fieldMap={{ volunteerId: 'volunteer' }}
    >
      <Form.Item name="volunteer" label="志愿者" rules={[{ required: true, message: '请选择志愿者' }]} extra="括号内为已结对人数 / 上限；达到上限的不能再结对。">
        <Select
          showSearch={{ filterOption: false, onSearch: setKeyword }}
          loading={candidates.isFetching}
          placeholder="输入姓名搜索"
          notFoundContent={candidates.isError ? '候选人加载失败' : '没有可结对的志愿者'}
          options={items.map((c) => ({
            value: `${c.kind}:${c.id}`,
            disabled: c.openPairings >= c.limit,
            label: `${c.name}（${c.orgName}，${VOLUNTEER_KIND_LABEL[c.kind]}，${c.openPairings}/${c.limit}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="startedOn" label="结对日期" rules={[{ required: true, message: '请选择日期' }, notFutureRule]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
    </FormModal>
  );
}

export function EndPairingModal({ pairing, open, onClose, onDone }: { pairing: Pairing | null; open: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ endedOn: Dayjs; reason: string }>
      title={pairing ? `结束结对：${pairing.volunteerName}` : '结束结对'}
      open={open}
      onClose={onClose}
      okText="结束结对"
      successMessage="已结束结对"
      initialValues={{ endedOn: today() }}
      onSubmit={(v) => endPairing(pairing!.id, { endedOn: v.endedOn.format('YYYY-MM-DD'), reason: v.reason.trim() })}
      onSuccess={onDone}
    >
      <Form.Item name="endedOn" label="结束日期" rules={[{ required: true, message: '请选择日期' }, notFutureRule]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
      <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { max: 200 }]}>
        <Input placeholder="如 志愿者工作调动" />
      </Form.Item>
    </FormModal>
  );
}
