// The identity fields of a person (员工 and 党员 share them), with client-side checks that mirror the
// server: GB 11643 身份证号 filling in birth date and gender, 11-digit mobile, no future dates.
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import {
  EDUCATION_OPTIONS,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  MOBILE_RE,
  options,
  parseIdNumber,
  todayShanghai,
} from '../../lib/people';
import { isApiError } from '../../api/client';
import { UnitTreeSelect, useMayListUnits, useUnits } from '../units/units';

/** Form value of a date field → YYYY-MM-DD (or null when empty). */
export function toDay(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** YYYY-MM-DD → form value of a date field. */
export function fromDay(value: string | null | undefined): Dayjs | undefined {
  return value ? dayjs(value) : undefined;
}

/** Days after today (Asia/Shanghai) cannot be picked. */
export function isFuture(d: Dayjs): boolean {
  return d.format('YYYY-MM-DD') > todayShanghai();
}

export const notFutureRule: Rule = {
  validator: (_, value: Dayjs | null | undefined) =>
    value && isFuture(value) ? Promise.reject(new Error('日期不能晚于今天')) : Promise.resolve(),
};

export const mobileRule: Rule = {
  validator: (_, value: unknown) =>
    typeof value !== 'string' || value.trim() === '' || MOBILE_RE.test(value.trim())
      ? Promise.resolve()
      : Promise.reject(new Error('手机号应为 11 位数字，以 1 开头，第二位为 3-9')),
};

/** A masked address (its hidden part shown as ＊) typed back would replace the real one; the server refuses it too. */
const maskRule: Rule = {
  validator: (_, value: unknown) =>
    typeof value === 'string' && /[*＊]/.test(value) ? Promise.reject(new Error('住址不能含“＊”，请填写完整住址')) : Promise.resolve(),
};

/** Trimmed text or null, for optional text fields in a request body. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

export interface IdentityValues {
  name: string;
  idNumber?: string;
  gender: 'male' | 'female';
  birthDate: Dayjs;
  phone?: string;
  ethnicity?: string;
  education?: string;
  nativePlace?: string;
  address?: string;
  post?: string;
  employment: 'active' | 'retired' | 'left';
  workStartedOn?: Dayjs | null;
  unitId: string;
}

/**
 * The identity part of a request body from the form values. A 身份证号 left empty is not sent; an empty phone or
 * address is sent as null unless `keepBlank` (masked edit: the form never held the clear value, so empty is unchanged).
 */
export function identityBody(v: IdentityValues, keepBlank = false): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: v.name.trim(),
    gender: v.gender,
    birthDate: toDay(v.birthDate),
    // 民族 may be left out but not sent as null.
    ethnicity: text(v.ethnicity) ?? undefined,
    education: v.education ?? null,
    nativePlace: text(v.nativePlace),
    post: text(v.post),
    employment: v.employment,
    workStartedOn: toDay(v.workStartedOn),
    unitId: v.unitId,
  };
  const id = text(v.idNumber);
  if (id) body.idNumber = id.toUpperCase();
  const phone = text(v.phone);
  if (phone || !keepBlank) body.phone = phone;
  const address = text(v.address);
  if (address || !keepBlank) body.address = address;
  return body;
}

export interface IdentityFieldsProps {
  /** When editing a masked record the numbers are not known: empty means "unchanged". */
  maskedIdNumber?: string;
  maskedPhone?: string | null;
  maskedAddress?: string | null;
  /** Called with a valid 身份证号 when one has been typed (e.g. to look up existing staff). */
  onValidIdNumber?: (idNumber: string) => void;
  /** Fields to leave out, e.g. address/workStartedOn/unitId for a member edit. */
  omit?: ('address' | 'workStartedOn' | 'unitId')[];
  /** Called on every change of the 身份证号 field with the raw text. */
  onIdNumberChange?: (raw: string) => void;
  /** Disable every field but the 身份证号 (identity taken from an existing staff record). */
  disabled?: boolean;
  /** Shown instead of the unit picker when the user may not list units. */
  unitName?: string | null;
}

const half = { xs: 24, sm: 12 };

export function IdentityFields({
  maskedIdNumber,
  maskedPhone,
  maskedAddress,
  onValidIdNumber,
  onIdNumberChange,
  omit = [],
  disabled,
  unitName,
}: IdentityFieldsProps) {
  const form = Form.useFormInstance();
  const units = useUnits();
  const unitsDenied = !useMayListUnits() || (isApiError(units.error) && units.error.status === 403);
  const editingMasked = maskedIdNumber !== undefined;

  const fromIdNumber = (): ReturnType<typeof parseIdNumber> | null => {
    const raw = form.getFieldValue('idNumber') as string | undefined;
    if (!raw || !raw.trim()) return null;
    return parseIdNumber(raw);
  };

  return (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 30 }]}>
          <Input autoComplete="off" placeholder="与身份证一致" disabled={disabled} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name="idNumber"
          label="身份证号"
          extra={editingMasked ? `当前：${maskedIdNumber}，不修改请留空` : '输入后自动填写出生日期和性别'}
          rules={[
            { required: !editingMasked, whitespace: true, message: '请输入身份证号' },
            {
              validator: (_, value: unknown) => {
                if (typeof value !== 'string' || !value.trim()) return Promise.resolve();
                const parsed = parseIdNumber(value);
                return 'error' in parsed ? Promise.reject(new Error(parsed.error)) : Promise.resolve();
              },
            },
          ]}
        >
          <Input
            autoComplete="off"
            maxLength={18}
            placeholder={editingMasked ? '不修改请留空' : '18 位公民身份号码'}
            onChange={(e) => {
              onIdNumberChange?.(e.target.value);
              const parsed = parseIdNumber(e.target.value);
              if (!('error' in parsed)) {
                form.setFieldsValue({ birthDate: dayjs(parsed.birthDate), gender: parsed.gender });
                void form.validateFields(['birthDate', 'gender']).catch(() => undefined);
                onValidIdNumber?.(parsed.normalised);
              }
            }}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name="gender"
          label="性别"
          dependencies={['idNumber']}
          rules={[
            { required: true, message: '请选择性别' },
            {
              validator: (_, value: unknown) => {
                const parsed = fromIdNumber();
                return parsed && !('error' in parsed) && value && value !== parsed.gender
                  ? Promise.reject(new Error('性别与身份证号不一致'))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Select options={options(GENDER_LABEL)} placeholder="请选择" disabled={disabled} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name="birthDate"
          label="出生日期"
          dependencies={['idNumber']}
          rules={[
            { required: true, message: '请选择出生日期' },
            notFutureRule,
            {
              validator: (_, value: Dayjs | undefined) => {
                const parsed = fromIdNumber();
                return parsed && !('error' in parsed) && value && toDay(value) !== parsed.birthDate
                  ? Promise.reject(new Error('出生日期与身份证号不一致'))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={isFuture} disabled={disabled} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name="phone"
          label="手机号"
          rules={[mobileRule]}
          extra={maskedPhone ? `当前：${maskedPhone}，不修改请留空` : undefined}
        >
          <Input autoComplete="off" maxLength={11} inputMode="numeric" disabled={disabled} placeholder={maskedPhone ? '不修改请留空' : '11 位手机号'} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="ethnicity" label="民族" rules={[{ max: 20 }]}>
          <Input autoComplete="off" placeholder="如：汉族" disabled={disabled} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="education" label="学历">
          <Select allowClear options={EDUCATION_OPTIONS} placeholder="请选择" disabled={disabled} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="nativePlace" label="籍贯" rules={[{ max: 50 }]}>
          <Input autoComplete="off" placeholder="到县一级，如：河南省平顶山市新华区" disabled={disabled} />
        </Form.Item>
      </Col>
      {!omit.includes('unitId') && (
        <Col {...half}>
          {unitsDenied ? (
            // Units are kept by the 党委; without access the unit is shown, not chosen.
            <Form.Item label="所在单位" extra="单位由党委统一维护">
              <Input value={unitName ?? '-'} disabled />
            </Form.Item>
          ) : (
            <Form.Item name="unitId" label="所在单位" rules={[{ required: true, message: '请选择所在单位' }]}>
              <UnitTreeSelect disabled={disabled} />
            </Form.Item>
          )}
        </Col>
      )}
      <Col {...half}>
        <Form.Item name="post" label="工作岗位" rules={[{ max: 50 }]}>
          <Input autoComplete="off" disabled={disabled} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name="employment" label="在岗状态" rules={[{ required: true, message: '请选择在岗状态' }]}>
          <Select options={options(EMPLOYMENT_LABEL)} disabled={disabled} />
        </Form.Item>
      </Col>
      {!omit.includes('workStartedOn') && (
        <Col {...half}>
          <Form.Item name="workStartedOn" label="参加工作日期" rules={[notFutureRule]}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFuture} disabled={disabled} />
          </Form.Item>
        </Col>
      )}
      {!omit.includes('address') && (
        <Col xs={24}>
          <Form.Item
            name="address"
            label="家庭住址"
            rules={[{ max: 100 }, maskRule]}
            extra={maskedAddress ? `当前：${maskedAddress}，不修改请留空` : undefined}
          >
            <Input autoComplete="off" disabled={disabled} placeholder={maskedAddress ? '不修改请留空' : undefined} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
