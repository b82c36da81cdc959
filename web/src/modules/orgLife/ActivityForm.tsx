// 新建活动 / 修改活动: organisation, kind (only kinds that fit the organisation; the server refuses others with
// its own message, shown in the dialog), suggested title, time, place, people, the month's theme, agenda.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, api } from '../../api/client';
import type { Org } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { useOrgTree } from '../members/orgPickers';
import { orgKindLabel } from '../org/orgs';
import { ORG_LIFE_KEY, useKinds } from './api';
import { PersonSelect } from './PersonSelect';
import { ACTIVITIES_URL, THEMES_URL, activityUrl, type ActivityDetail, type OrgLifeKind, type Theme } from './types';

interface ActivityValues {
  orgId: string;
  kind: string;
  title: string;
  startsAt: Dayjs;
  endsAt: Dayjs;
  place?: string;
  hostMemberId?: string | null;
  recorderMemberId?: string | null;
  lecturerName?: string;
  agenda?: string;
  allowVisitors?: boolean;
}

const half = { xs: 24, sm: 12 };
const BRANCH_KINDS = ['branch', 'jointBranch'];

/** Whether an organisation of `orgKind` may hold this kind (the server checks the same). */
export function kindFits(kind: OrgLifeKind, orgKind: string | undefined): boolean {
  if (!orgKind) return true;
  return kind.holder === 'group' ? orgKind === 'group' : BRANCH_KINDS.includes(orgKind);
}

/** The published themes of a year, by month. */
export function useThemes(year: number) {
  return useQuery({
    queryKey: [...ORG_LIFE_KEY, 'themes', year],
    queryFn: async ({ signal }) => {
      const res = await api.get<{ items: Theme[] }>(THEMES_URL, { year }, signal);
      return res.items;
    },
    staleTime: 60_000,
  });
}

const trimmed = (s: string | undefined) => (s ?? '').trim();

/** Today's activities start soon (inside the sign-in window); other days at 09:00. */
export function defaultStart(day?: Dayjs): Dayjs {
  const now = dayjs();
  if (!day || day.isSame(now, 'day')) {
    const m = now.minute();
    return now.second(0).millisecond(0).minute(m - (m % 5)).add(5, 'minute');
  }
  return day.hour(9).minute(0).second(0).millisecond(0);
}

export function ActivityFormModal({
  open,
  onClose,
  onDone,
  day,
  activity,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (a: ActivityDetail) => void;
  /** The calendar day clicked, for a new activity. */
  day?: Dayjs;
  /** Edits this record instead of creating one. */
  activity?: ActivityDetail;
}) {
  const [form] = Form.useForm<ActivityValues>();
  const { modal } = App.useApp();
  const orgs = useOrgTree();
  const kinds = useKinds();
  const editing = !!activity;
  const orgId = Form.useWatch('orgId', form);
  const kind = Form.useWatch('kind', form);
  const startsAt = Form.useWatch('startsAt', form);
  const year = (startsAt ?? day ?? dayjs()).year();
  const themes = useThemes(year);

  const orgById = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.id, o])), [orgs.data]);
  const orgOptions = useMemo(
    () =>
      (orgs.data?.items ?? [])
        .filter((o: Org) => o.kind !== 'committee')
        .map((o) => ({ value: o.id, label: `${o.name}（${orgKindLabel(o.kind)}）` })),
    [orgs.data],
  );
  const org = orgId ? orgById.get(orgId) : undefined;
  const kindOptions = useMemo(
    () => (kinds.data ?? []).filter((k) => kindFits(k, org?.kind)).map((k) => ({ value: k.code, label: k.name })),
    [kinds.data, org?.kind],
  );
  const kindDef = kinds.data?.find((k) => k.code === kind);
  const month = (startsAt ?? day ?? dayjs()).format('YYYY-MM');
  const theme = themes.data?.find((t) => t.month === month && t.publishedAt);

  // One default branch: the only one, or the user's own.
  const defaultOrg = orgOptions.length === 1 ? orgOptions[0]!.value : undefined;
  const start = defaultStart(day);
  const initial: Partial<ActivityValues> = activity
    ? {
        orgId: activity.orgId,
        kind: activity.kind,
        title: activity.title,
        startsAt: dayjs(activity.startsAt),
        endsAt: dayjs(activity.endsAt),
        place: activity.place ?? undefined,
        hostMemberId: activity.hostMemberId,
        recorderMemberId: activity.recorderMemberId,
        lecturerName: activity.lecturerName ?? undefined,
        agenda: activity.agenda ?? undefined,
        allowVisitors: activity.allowVisitors,
      }
    : { orgId: defaultOrg, startsAt: start, endsAt: start.add(2, 'hour'), allowVisitors: false };

  /** 2026年11月主题党日 or, with a theme, 主题党日：<theme>. */
  const suggestTitle = (k: string | undefined, o: string | undefined, at: Dayjs | undefined) => {
    const def = kinds.data?.find((x) => x.code === k);
    if (!def) return;
    const when = at ?? start;
    const t = themes.data?.find((x) => x.month === when.format('YYYY-MM') && x.publishedAt);
    const orgName = o ? (orgById.get(o)?.name ?? '') : '';
    const title = t && (k === 'themeDay' || def.activityDay) ? `${def.name}：${t.title}` : `${orgName}${def.name}（${when.format('YYYY年M月')}）`;
    const current = form.getFieldValue('title') as string | undefined;
    if (!current || form.isFieldTouched('title') === false) form.setFieldValue('title', title);
  };

  const submit = (v: ActivityValues) => {
    const body = {
      title: v.title.trim(),
      startsAt: v.startsAt.toISOString(),
      endsAt: v.endsAt.toISOString(),
      place: trimmed(v.place),
      lecturerName: trimmed(v.lecturerName),
      agenda: trimmed(v.agenda),
      allowVisitors: !!v.allowVisitors,
    };
    // An old record's typed name stays until someone is picked: an untouched empty field is not sent.
    const people = {
      ...(v.hostMemberId || activity?.hostMemberId ? { hostMemberId: v.hostMemberId ?? null } : {}),
      ...(v.recorderMemberId || activity?.recorderMemberId ? { recorderMemberId: v.recorderMemberId ?? null } : {}),
    };
    if (activity) return api.patch<ActivityDetail>(activityUrl(activity.id), { ...body, ...people });
    const create = (confirmDuplicate: boolean) => api.post<ActivityDetail>(ACTIVITIES_URL, { ...body, ...people, orgId: v.orgId, kind: v.kind, confirmDuplicate });
    return create(false).catch(async (e: unknown) => {
      // The server's warning of a same-kind activity that day; created only when the user confirms.
      if (!(e instanceof ApiError) || e.code !== 'ORG_LIFE_DUPLICATE') throw e;
      const go = await modal.confirm({ title: '当天已有同类活动', content: e.message, okText: '仍要创建', cancelText: '取消' });
      if (!go) throw new ApiError({ status: 409, code: e.code, message: '已取消，未创建活动' });
      return create(true);
    });
  };

  return (
    <FormModal<ActivityValues, ActivityDetail>
      form={form}
      title={editing ? `修改活动：${activity.title}` : '新建活动'}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      onSuccess={onDone}
      successMessage={editing ? '已保存' : '活动已创建'}
      okText={editing ? '保存' : '创建'}
      width={760}
      initialValues={initial}
    >
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="orgId" label="党组织" rules={[{ required: true, message: '请选择党组织' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请选择党组织"
              options={orgOptions}
              loading={orgs.isPending}
              disabled={editing}
              notFoundContent={orgs.isError ? '组织加载失败' : '无可选组织'}
              onChange={(v: string) => {
                const o = orgById.get(v);
                // People are picked from the chosen organisation's roster.
                form.setFieldsValue({ hostMemberId: undefined, recorderMemberId: undefined });
                const k = form.getFieldValue('kind') as string | undefined;
                const def = kinds.data?.find((x) => x.code === k);
                if (def && !kindFits(def, o?.kind)) form.setFieldValue('kind', undefined);
                else suggestTitle(k, v, form.getFieldValue('startsAt') as Dayjs | undefined);
              }}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="kind" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
            <Select
              placeholder={orgId ? '请选择活动类型' : '请先选择党组织'}
              options={kindOptions}
              loading={kinds.isPending}
              disabled={editing}
              notFoundContent={kinds.isError ? '类型加载失败' : '该组织没有可开展的活动类型'}
              onChange={(k: string) => suggestTitle(k, form.getFieldValue('orgId') as string | undefined, form.getFieldValue('startsAt') as Dayjs | undefined)}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="title" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }, { max: 100, message: '活动名称最多 100 个字' }]}>
        <Input placeholder="选择组织和类型后自动建议，可修改" maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              needConfirm={false}
              style={{ width: '100%' }}
              onChange={(v: Dayjs | null) => {
                if (!v) return;
                const end = form.getFieldValue('endsAt') as Dayjs | undefined;
                if (!end || !end.isAfter(v)) form.setFieldValue('endsAt', v.add(2, 'hour'));
              }}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="endsAt"
            label="结束时间"
            dependencies={['startsAt']}
            rules={[
              { required: true, message: '请选择结束时间' },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const s = getFieldValue('startsAt') as Dayjs | undefined;
                  if (value && s && !value.isAfter(s)) return Promise.reject(new Error('结束时间须晚于开始时间'));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" needConfirm={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="place" label="地点" rules={[{ max: 100, message: '地点最多 100 个字' }]}>
            <Input placeholder="如：社区党群服务中心二楼会议室" maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="hostMemberId" label="主持人">
            <PersonSelect
              orgId={orgId}
              ariaLabel="主持人"
              current={activity?.hostMemberId ? { id: activity.hostMemberId, name: activity.hostName } : null}
              legacyName={activity && !activity.hostMemberId ? activity.hostName : undefined}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="recorderMemberId" label="记录人">
            <PersonSelect
              orgId={orgId}
              ariaLabel="记录人"
              current={activity?.recorderMemberId ? { id: activity.recorderMemberId, name: activity.recorderName } : null}
              legacyName={activity && !activity.recorderMemberId ? activity.recorderName : undefined}
            />
          </Form.Item>
        </Col>
        {(kindDef ? kindDef.lecturer : kind === 'partyLecture') && (
          <Col {...half}>
            <Form.Item name="lecturerName" label="授课人" rules={[{ required: true, whitespace: true, message: '请填写授课人' }, { max: 50, message: '最多 50 个字' }]}>
              <Input placeholder="党课授课人姓名" maxLength={50} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {(activity?.themeTitle || theme) && (
        // The server attaches the month's published theme to 主题党日 and activity days itself.
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${month.replace('-', '年')}月主题：${activity?.themeTitle ?? theme?.title}`}
          description={
            <Typography.Text type="secondary">
              {theme?.content ? `${theme.content.slice(0, 120)}${theme.content.length > 120 ? '…' : ''}` : ''}
              {theme?.dayKindNames.length ? `（本月须开展：主题党日、${theme.dayKindNames.join('、')}；主题党日和活动日自动关联本月主题）` : '（主题党日和活动日自动关联本月主题）'}
            </Typography.Text>
          }
        />
      )}
      <Form.Item name="agenda" label="议程" rules={[{ max: 4000, message: '议程最多 4000 个字' }]}>
        <Input.TextArea rows={3} placeholder="一项一行" maxLength={4000} />
      </Form.Item>
      <Form.Item name="allowVisitors" valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>允许非应到人员扫码签到（记为列席）</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
