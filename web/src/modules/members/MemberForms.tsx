// The member dialogs: 新增党员, 编辑, 组织调整, 转正, 延长预备期, 状态变更. Each posts to the contract's
// endpoint; the server's field errors land on the fields (FormModal).
import { useState } from 'react';
import { Alert, Col, DatePicker, Divider, Form, Input, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { ApiResponse, Member, Staff } from '../../api/types';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { MEMBER_STATUS_LABEL, MEMBER_TYPE_LABEL, addMonths, label, options, yearsBetween } from '../../lib/people';
import {
  IdentityFields,
  fromDay,
  identityBody,
  isFuture,
  notFutureRule,
  text,
  toDay,
  type IdentityValues,
} from '../staff/IdentityFields';
import { useMayListUnits } from '../units/units';
import { BranchSelect, GroupSelect } from './orgPickers';

export const MEMBERS_URL = '/api/v1/members';

export function memberUrl(id: string, action?: string): string {
  return `${MEMBERS_URL}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}

const half = { xs: 24, sm: 12 };

const PARTY_POST_SUGGESTIONS = ['支部书记', '支部副书记', '组织委员', '宣传委员', '纪检委员', '青年委员', '党小组长'];

const reasonRule: Rule[] = [{ required: true, whitespace: true, message: '请填写原因' }, { max: 500 }];

function DateField({
  name,
  label: text,
  required,
  rules = [],
  dependencies,
}: {
  name: string;
  label: string;
  required?: boolean;
  rules?: Rule[];
  dependencies?: string[];
}) {
  return (
    <Form.Item
      name={name}
      label={text}
      dependencies={dependencies}
      rules={[...(required ? [{ required: true, message: `请选择${text}` }] : []), notFutureRule, ...rules]}
    >
      <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
    </Form.Item>
  );
}

/** Branch then group; choosing another branch clears the group. */
function PlaceFields() {
  const form = Form.useFormInstance();
  const branchId = Form.useWatch('branchId', form) as string | undefined;
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item name="branchId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
          <BranchSelect onChange={() => form.setFieldValue('groupId', undefined)} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="groupId" label="党小组">
          <GroupSelect branchId={branchId} />
        </Form.Item>
      </Col>
    </Row>
  );
}

interface PartyValues {
  type: Member['type'];
  joinedOn: Dayjs;
  confirmedOn?: Dayjs | null;
  partyPosts?: string[];
}

/** 类型, 入党日期 (at least 18 then), 转正日期 (full members only, a year or more after joining). */
function PartyFields({ typeEditable = true, extensionMonths = 0 }: { typeEditable?: boolean; extensionMonths?: number }) {
  const form = Form.useFormInstance();
  const type = Form.useWatch('type', form) as Member['type'] | undefined;
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item name="type" label="党员类型" rules={[{ required: true, message: '请选择党员类型' }]}>
          <Select options={options(MEMBER_TYPE_LABEL)} disabled={!typeEditable} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <DateField
          name="joinedOn"
          label="入党日期"
          required
          dependencies={['birthDate']}
          rules={[
            {
              validator: (_, value: Dayjs | undefined) => {
                const birth = toDay(form.getFieldValue('birthDate') as Dayjs | undefined);
                const joined = toDay(value);
                return birth && joined && yearsBetween(birth, joined) < 18
                  ? Promise.reject(new Error('入党时须年满 18 周岁'))
                  : Promise.resolve();
              },
            },
          ]}
        />
      </Col>
      {type === 'full' && (
        <Col {...half}>
          <Form.Item
            name="confirmedOn"
            label="转正日期"
            dependencies={['joinedOn']}
            rules={[
              { required: true, message: '正式党员须填写转正日期' },
              notFutureRule,
              {
                validator: (_, value: Dayjs | undefined) => {
                  const joined = toDay(form.getFieldValue('joinedOn') as Dayjs | undefined);
                  const confirmed = toDay(value);
                  if (!joined || !confirmed) return Promise.resolve();
                  const earliest = addMonths(joined, 12 + extensionMonths);
                  return confirmed < earliest
                    ? Promise.reject(new Error(`转正日期不能早于 ${earliest}（入党满一年${extensionMonths ? `并加延长的 ${extensionMonths} 个月` : ''}）`))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
          </Form.Item>
        </Col>
      )}
      <Col {...half}>
        <Form.Item
          name="partyPosts"
          label="党内职务"
          rules={[
            {
              validator: (_, value: string[] | undefined) =>
                (value ?? []).length > 10
                  ? Promise.reject(new Error('党内职务最多 10 项'))
                  : (value ?? []).some((p) => p.trim().length > 30)
                    ? Promise.reject(new Error('每项党内职务最多 30 个字'))
                    : Promise.resolve(),
            },
          ]}
        >
          <Select
            mode="tags"
            placeholder="可选择或输入"
            options={PARTY_POST_SUGGESTIONS.map((p) => ({ value: p, label: p }))}
            tokenSeparators={[',', '，', '、']}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

function partyBody(v: PartyValues): Record<string, unknown> {
  return {
    type: v.type,
    joinedOn: toDay(v.joinedOn),
    confirmedOn: v.type === 'full' ? toDay(v.confirmedOn) : null,
    partyPosts: (v.partyPosts ?? []).map((p) => p.trim()).filter(Boolean),
  };
}

// ---- 新增党员 ----

/** 入党建档 (joined here) or 转入 (a member arriving from elsewhere, with the date of arrival). */
function SourceFields() {
  const form = Form.useFormInstance();
  const source = Form.useWatch('source', form) as string | undefined;
  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item name="source" label="建档方式" rules={[{ required: true }]}>
          <Select
            options={[
              { value: 'admitted', label: '入党建档（本单位发展）' },
              { value: 'transferIn', label: '转入（由其他党组织转来）' },
            ]}
          />
        </Form.Item>
      </Col>
      {source === 'transferIn' && (
        <Col {...half}>
          <DateField name="occurredOn" label="转入日期" required />
        </Col>
      )}
    </Row>
  );
}

type CreateValues = IdentityValues &
  PartyValues & { branchId: string; groupId?: string; source: 'admitted' | 'transferIn'; occurredOn?: Dayjs | null; reason?: string };

export function CreateMemberModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (m: Member) => void }) {
  const { can } = useSession();
  const [form] = Form.useForm<CreateValues>();
  // The staff record found for the typed 身份证号 (null: none); the member is then created from it.
  const [found, setFound] = useState<{ idNumber: string; staff: Staff | null } | null>(null);
  const [searching, setSearching] = useState(false);
  const staff = found?.staff ?? null;
  const unitsDenied = !useMayListUnits();

  const lookup = async (idNumber: string) => {
    if (!can('staff.read@root') && !can('member.write')) return;
    setSearching(true);
    try {
      const res = await api.get<ApiResponse<'/api/v1/staff/lookup'>>('/api/v1/staff/lookup', { idNumber });
      const current = (form.getFieldValue('idNumber') as string | undefined)?.trim().toUpperCase();
      if (current !== idNumber) return; // typed on meanwhile
      setFound({ idNumber, staff: res.item });
      const s = res.item;
      if (s) {
        form.setFieldsValue({
          name: s.name,
          gender: s.gender,
          birthDate: fromDay(s.birthDate),
          ethnicity: s.ethnicity ?? undefined,
          education: s.education ?? undefined,
          nativePlace: s.nativePlace ?? undefined,
          post: s.post ?? undefined,
          employment: s.employment,
          unitId: s.unitId,
          address: s.address ?? undefined,
          workStartedOn: fromDay(s.workStartedOn),
        });
      }
    } catch {
      setFound(null); // the lookup is a convenience; the server still checks uniqueness
    } finally {
      setSearching(false);
    }
  };

  const close = () => {
    setFound(null);
    onClose();
  };

  return (
    <FormModal<CreateValues, Member>
      title="新增党员"
      open={open}
      onClose={close}
      form={form}
      width={760}
      successMessage="党员已建档"
      initialValues={{ employment: 'active', ethnicity: '汉族', type: 'probationary', source: 'admitted' }}
      onSubmit={(v) => {
        const party = {
          ...partyBody(v),
          branchId: v.branchId,
          groupId: v.groupId ?? null,
          source: v.source,
          occurredOn: v.source === 'transferIn' ? (toDay(v.occurredOn) ?? undefined) : undefined,
          reason: text(v.reason) ?? undefined,
        };
        const idNumber = text(v.idNumber)?.toUpperCase();
        const fromStaff = staff && !staff.memberId && found?.idNumber === idNumber;
        const body = fromStaff ? { staffId: staff.id, ...party } : { ...identityBody(v), ...party };
        return api.post<Member>(MEMBERS_URL, body);
      }}
      onSuccess={(m) => onDone(m)}
    >
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        身份信息
      </Divider>
      {staff && (
        <Alert
          type={staff.memberId ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            staff.memberId
              ? `“${staff.name}”（${staff.unitName}）已是党员，不能重复建档。`
              : `员工名册中已有“${staff.name}”（${staff.unitName}），将以该员工的身份信息建档。`
          }
        />
      )}
      {searching && <Alert type="info" title="正在查找员工名册…" style={{ marginBottom: 16 }} />}
      {unitsDenied && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="员工名册和单位由党委统一维护：输入身份证号可为已在员工名册中的人员建档；不在名册中的新人员，请先请党委管理员登记员工信息。"
        />
      )}
      <IdentityFields
        onValidIdNumber={(id) => void lookup(id)}
        onIdNumberChange={(raw) => {
          if (found && raw.trim().toUpperCase() !== found.idNumber) {
            // The found employee's address was shown masked: it must not stay in the form as a new person's.
            if (found.staff?.masked) form.setFieldValue('address', undefined);
            setFound(null);
          }
        }}
        disabled={!!staff}
      />
      <Divider titlePlacement="start">党员信息</Divider>
      <SourceFields />
      <PlaceFields />
      <PartyFields />
      <Form.Item name="reason" label="说明" rules={[{ max: 500 }]}>
        <Input autoComplete="off" placeholder="如：支部大会讨论通过；或从某单位党组织转入" />
      </Form.Item>
    </FormModal>
  );
}

// ---- 编辑 ----

type EditValues = IdentityValues & PartyValues & { reason?: string };

export function EditMemberModal({ member, open, onClose, onDone }: { member: Member | null; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const m = member;
  return (
    <FormModal<EditValues, Member>
      title={m ? `编辑党员：${m.name}` : '编辑党员'}
      open={open}
      onClose={onClose}
      form={form}
      width={760}
      initialValues={
        m
          ? {
              name: m.name,
              idNumber: m.masked ? undefined : m.idNumber,
              gender: m.gender,
              birthDate: fromDay(m.birthDate),
              phone: m.masked ? undefined : (m.phone ?? undefined),
              ethnicity: m.ethnicity ?? undefined,
              education: m.education ?? undefined,
              nativePlace: m.nativePlace ?? undefined,
              address: m.masked ? undefined : (m.address ?? undefined),
              post: m.post ?? undefined,
              employment: m.employment,
              workStartedOn: fromDay(m.workStartedOn),
              unitId: m.unitId,
              type: m.type,
              joinedOn: fromDay(m.joinedOn),
              confirmedOn: fromDay(m.confirmedOn),
              partyPosts: m.partyPosts,
            }
          : undefined
      }
      onSubmit={(v) => {
        const identity = identityBody(v, !!m?.masked);
        if (!identity.unitId) delete identity.unitId;
        const party = partyBody(v);
        delete party.type; // 转正 has its own action
        return api.patch<Member>(memberUrl(m!.id), { ...identity, ...party, reason: text(v.reason) ?? undefined });
      }}
      onSuccess={() => onDone()}
    >
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        身份信息
      </Divider>
      <IdentityFields
        maskedIdNumber={m?.masked ? m.idNumber : undefined}
        maskedPhone={m?.masked ? m.phone : undefined}
        maskedAddress={m?.masked ? m.address : undefined}
        unitName={m?.unitName}
      />
      <Divider titlePlacement="start">党员信息</Divider>
      <PartyFields typeEditable={false} extensionMonths={m?.probationExtendedMonths ?? 0} />
      <Form.Item name="reason" label="修改原因" rules={[{ max: 500 }]}>
        <Input autoComplete="off" placeholder="如：核对身份证原件后更正" />
      </Form.Item>
      <Alert type="info" showIcon title="所在支部、党小组和状态请用“组织调整”“状态变更”办理，以便留下记录。" />
    </FormModal>
  );
}

// ---- 组织调整 ----

interface MoveValues {
  branchId: string;
  groupId?: string;
  occurredOn: Dayjs;
  reason: string;
}

export function MoveMemberModal({ member, open, onClose, onDone }: { member: Member | null; open: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<MoveValues, Member>
      title={member ? `组织调整：${member.name}` : '组织调整'}
      open={open}
      onClose={onClose}
      successMessage="组织关系已调整"
      initialValues={{ branchId: member?.branchId, groupId: member?.groupId ?? undefined, occurredOn: dayjs() }}
      onSubmit={(v) =>
        api.post<Member>(memberUrl(member!.id, 'move'), {
          branchId: v.branchId,
          groupId: v.groupId ?? null,
          occurredOn: toDay(v.occurredOn),
          reason: v.reason.trim(),
        })
      }
      onSuccess={() => onDone()}
    >
      {member && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={`现在：${member.branchName}${member.groupName ? ` / ${member.groupName}` : '（未分小组）'}`}
        />
      )}
      <PlaceFields />
      <DateField name="occurredOn" label="调整日期" required />
      <Form.Item name="reason" label="原因" rules={reasonRule}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

// ---- 转正 ----

export function ConfirmMemberModal({ member, open, onClose, onDone }: { member: Member | null; open: boolean; onClose: () => void; onDone: () => void }) {
  const extended = member?.probationExtendedMonths ?? 0;
  const earliest = member ? addMonths(member.joinedOn, 12 + extended) : undefined;
  return (
    <FormModal<{ occurredOn: Dayjs; reason?: string }, Member>
      title={member ? `转正：${member.name}` : '转正'}
      open={open}
      onClose={onClose}
      successMessage="已转为正式党员"
      initialValues={{ occurredOn: dayjs() }}
      onSubmit={(v) => api.post<Member>(memberUrl(member!.id, 'confirm'), { occurredOn: toDay(v.occurredOn), reason: text(v.reason) })}
      onSuccess={() => onDone()}
    >
      {member && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={`入党日期 ${member.joinedOn}，${extended ? `预备期延长 ${extended} 个月，` : ''}最早可于 ${earliest} 转正。`}
        />
      )}
      <DateField
        name="occurredOn"
        label="转正日期"
        required
        rules={[
          {
            validator: (_, value: Dayjs | undefined) => {
              const day = toDay(value);
              return day && earliest && day < earliest
                ? Promise.reject(new Error(`转正日期不能早于 ${earliest}`))
                : Promise.resolve();
            },
          },
        ]}
      />
      <Form.Item name="reason" label="说明" rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} placeholder="如：支部大会表决通过，党委批准" />
      </Form.Item>
    </FormModal>
  );
}

// ---- 延长预备期 ----

export function ExtendProbationModal({ member, open, onClose, onDone }: { member: Member | null; open: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<{ months: number; occurredOn: Dayjs; reason: string }, Member>
      title={member ? `延长预备期：${member.name}` : '延长预备期'}
      open={open}
      onClose={onClose}
      successMessage="预备期已延长"
      initialValues={{ months: 6, occurredOn: dayjs() }}
      onSubmit={(v) =>
        api.post<Member>(memberUrl(member!.id, 'extend-probation'), {
          months: v.months,
          occurredOn: toDay(v.occurredOn),
          reason: v.reason.trim(),
        })
      }
      onSuccess={() => onDone()}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="预备期只能延长一次，时间为 6 至 12 个月。" />
      <Form.Item name="months" label="延长月数" rules={[{ required: true, message: '请选择延长月数' }]}>
        <Select options={[6, 7, 8, 9, 10, 11, 12].map((n) => ({ value: n, label: `${n} 个月` }))} />
      </Form.Item>
      <DateField name="occurredOn" label="决定日期" required />
      <Form.Item name="reason" label="原因" rules={reasonRule}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

// ---- 状态变更 ----

const STATUS_ACTION: Record<Member['status'], string> = {
  active: '恢复正常',
  transferredOut: '转出',
  flowing: '流动',
  lostContact: '失联',
  suspended: '停止党籍',
  expelled: '出党',
  deceased: '去世',
};

export function StatusMemberModal({ member, open, onClose, onDone }: { member: Member | null; open: boolean; onClose: () => void; onDone: () => void }) {
  const statusOptions = (Object.keys(STATUS_ACTION) as Member['status'][])
    .filter((s) => s !== member?.status)
    .map((s) => ({ value: s, label: STATUS_ACTION[s] }));
  return (
    <FormModal<{ status: Member['status']; occurredOn: Dayjs; reason: string }, Member>
      title={member ? `状态变更：${member.name}` : '状态变更'}
      open={open}
      onClose={onClose}
      successMessage="状态已变更"
      initialValues={{ occurredOn: dayjs() }}
      onSubmit={(v) =>
        api.post<Member>(memberUrl(member!.id, 'status'), {
          status: v.status,
          occurredOn: toDay(v.occurredOn),
          reason: v.reason.trim(),
        })
      }
      onSuccess={() => onDone()}
    >
      {member && (
        <Alert type="info" style={{ marginBottom: 16 }} title={`当前状态：${label(MEMBER_STATUS_LABEL, member.status)}`} />
      )}
      <Form.Item name="status" label="变更为" rules={[{ required: true, message: '请选择新的状态' }]}>
        <Select options={statusOptions} placeholder="请选择" />
      </Form.Item>
      <DateField name="occurredOn" label="发生日期" required />
      <Form.Item name="reason" label="原因" rules={reasonRule}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
