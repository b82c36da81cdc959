// The organisation page's forms: new child organisation, edit, move (调整上级组织), appoint a post holder.
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, DatePicker, Form, Input, Row, Select, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import type { Member, OrgKind, Page } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import {
  buildOrgTree, CHILD_KINDS, fromDay, isFuture, ORG_KIND_LABEL, orgKindLabel, PARENT_KINDS, POST_LABEL, toDay,
  type OrgDetail, type OrgNode, type OrgPost, type OrgRecord, type PostCode,
} from './orgs';

const noFuture = {
  validator: (_: unknown, value: Dayjs | null | undefined) =>
    value && isFuture(value) ? Promise.reject(new Error('日期不能晚于今天')) : Promise.resolve(),
};

interface OrgFormValues {
  kind: OrgKind;
  name: string;
  code?: string;
  foundedOn?: Dayjs | null;
  termStartedOn?: Dayjs | null;
  termEndsOn?: Dayjs | null;
}

function DateFields({ kind }: { kind: OrgKind | undefined }) {
  const hasTerm = kind !== 'group';
  return (
    <>
      <Form.Item name="foundedOn" label="成立日期" rules={[noFuture]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
      {hasTerm && (
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="termStartedOn" label="本届任期开始日期" rules={[noFuture]}>
              <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="termEndsOn"
              label="本届任期届满日期"
              extra="不填时按任期年限自动计算（党委 5 年，党总支、党支部 3 年）"
              dependencies={['termStartedOn']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_: unknown, value: Dayjs | null | undefined) => {
                    const start = getFieldValue('termStartedOn') as Dayjs | null | undefined;
                    if (value && !start) return Promise.reject(new Error('请先填写本届任期开始日期'));
                    if (value && start && !value.isAfter(start, 'day')) return Promise.reject(new Error('届满日期应晚于开始日期'));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}

const nameRules = [{ required: true, whitespace: true, message: '请输入组织名称' }, { max: 50, message: '组织名称最多 50 个字' }];

/** 新建下级组织 under `parent`. */
export function CreateOrgModal({ parent, open, onClose, onCreated }: { parent: OrgRecord; open: boolean; onClose: () => void; onCreated: (org: OrgRecord) => void }) {
  const kinds = CHILD_KINDS[parent.kind];
  const [form] = Form.useForm<OrgFormValues>();
  const kind = Form.useWatch('kind', form);
  return (
    <FormModal<OrgFormValues, OrgRecord>
      title={`新建下级组织：${parent.name}`}
      open={open}
      onClose={onClose}
      form={form}
      initialValues={{ kind: kinds[0] }}
      successMessage="已建立组织"
      onSubmit={(v) =>
        api.post<OrgRecord>('/api/v1/orgs', {
          parentId: parent.id,
          kind: v.kind,
          name: v.name,
          code: v.code || null,
          foundedOn: toDay(v.foundedOn),
          termStartedOn: v.kind === 'group' ? null : toDay(v.termStartedOn),
          termEndsOn: v.kind === 'group' ? null : toDay(v.termEndsOn),
        })
      }
      onSuccess={onCreated}
    >
      <Form.Item name="kind" label="组织类别" rules={[{ required: true, message: '请选择组织类别' }]}>
        <Select options={kinds.map((k) => ({ value: k, label: ORG_KIND_LABEL[k] }))} />
      </Form.Item>
      <Form.Item name="name" label="组织名称" rules={nameRules}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="code" label="组织编码" rules={[{ max: 30, message: '组织编码最多 30 个字符' }]}>
        <Input maxLength={30} />
      </Form.Item>
      <DateFields kind={kind} />
    </FormModal>
  );
}

/** 编辑 name, code and dates. */
export function EditOrgModal({ org, open, onClose, onSaved }: { org: OrgDetail; open: boolean; onClose: () => void; onSaved: () => void }) {
  return (
    <FormModal<OrgFormValues, OrgRecord>
      title={`编辑：${org.name}`}
      open={open}
      onClose={onClose}
      initialValues={{
        kind: org.kind,
        name: org.name,
        code: org.code ?? '',
        foundedOn: fromDay(org.foundedOn),
        termStartedOn: fromDay(org.termStartedOn),
        termEndsOn: fromDay(org.termEndsOn),
      }}
      onSubmit={(v) => {
        const body: Record<string, unknown> = { name: v.name, code: v.code || null, foundedOn: toDay(v.foundedOn) };
        if (org.kind !== 'group') {
          const start = toDay(v.termStartedOn);
          body.termStartedOn = start;
          // A start with no end: the server fills the end from the configured term length.
          if (!start || v.termEndsOn) body.termEndsOn = toDay(v.termEndsOn);
        }
        return api.patch<OrgRecord>(`/api/v1/orgs/${org.id}`, body);
      }}
      onSuccess={onSaved}
    >
      <Form.Item name="kind" label="组织类别">
        <Select disabled options={[{ value: org.kind, label: orgKindLabel(org.kind) }]} />
      </Form.Item>
      <Form.Item name="name" label="组织名称" rules={nameRules}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="code" label="组织编码" rules={[{ max: 30, message: '组织编码最多 30 个字符' }]}>
        <Input maxLength={30} />
      </Form.Item>
      <DateFields kind={org.kind} />
    </FormModal>
  );
}

type MoveOption = { value: string; title: string; disabled: boolean; children: MoveOption[] };

/** 调整上级组织: the whole subtree and its members move along. */
export function MoveOrgModal({ org, orgs, open, onClose, onMoved }: { org: OrgDetail; orgs: OrgRecord[]; open: boolean; onClose: () => void; onMoved: () => void }) {
  const treeData = useMemo(() => {
    const allowed = PARENT_KINDS[org.kind];
    const toOptions = (nodes: OrgNode<OrgRecord>[]): MoveOption[] =>
      nodes
        .filter((n) => !n.path.startsWith(org.path))
        .map((n) => ({
          value: n.id,
          title: `${n.name}（${orgKindLabel(n.kind)}）`,
          disabled: !allowed.includes(n.kind) || n.id === org.parentId,
          children: toOptions(n.children),
        }));
    return toOptions(buildOrgTree(orgs));
  }, [orgs, org]);
  return (
    <FormModal<{ parentId: string }, OrgRecord>
      title={`调整上级组织：${org.name}`}
      open={open}
      onClose={onClose}
      okText="调整"
      successMessage="已调整上级组织"
      onSubmit={(v) => api.patch<OrgRecord>(`/api/v1/orgs/${org.id}`, { parentId: v.parentId })}
      onSuccess={onMoved}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="下级组织和党员随之调整；授予在本组织及其下级上的权限不变，上级组织的管理范围随之变化。"
      />
      <Typography.Paragraph>
        当前上级组织：{org.parentName ?? '无'}
      </Typography.Paragraph>
      <Form.Item name="parentId" label="新的上级组织" rules={[{ required: true, message: '请选择新的上级组织' }]}>
        <TreeSelect<string>
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandAll
          placeholder={`请选择（${PARENT_KINDS[org.kind].map((k) => ORG_KIND_LABEL[k]).join('或')}）`}
          treeData={treeData}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
    </FormModal>
  );
}

interface PostFormValues {
  memberId: string;
  post: PostCode;
  startedOn?: Dayjs | null;
}

const POSTS_OF_GROUP: PostCode[] = ['groupLeader'];
const POSTS_OF_COMMITTEE: PostCode[] = ['secretary', 'deputySecretary', 'organisation', 'publicity', 'discipline', 'youth', 'member', 'affairsStaff'];

/** 任命: a member of this organisation (searched by name) takes a post. */
export function AppointModal({ org, open, onClose, onSaved }: { org: OrgDetail; open: boolean; onClose: () => void; onSaved: (p: OrgPost) => void }) {
  const [keyword, setKeyword] = useState('');
  const members = useQuery({
    queryKey: ['members', 'pick', org.id, keyword],
    queryFn: ({ signal }) => api.get<Page<Member>>('/api/v1/members', { orgId: org.id, keyword, status: 'active', pageSize: 20 }, signal),
    enabled: open,
    retry: false,
  });
  const posts = org.kind === 'group' ? POSTS_OF_GROUP : POSTS_OF_COMMITTEE;
  return (
    <FormModal<PostFormValues, OrgPost>
      title={`任命班子成员：${org.name}`}
      open={open}
      onClose={onClose}
      initialValues={{ post: posts[0] }}
      successMessage="已任命"
      onSubmit={(v) => api.post<OrgPost>(`/api/v1/orgs/${org.id}/posts`, { memberId: v.memberId, post: v.post, startedOn: toDay(v.startedOn) })}
      onSuccess={onSaved}
    >
      <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]} extra="只能从本组织（含下级）的党员中选择">
        <Select
          showSearch={{ filterOption: false, onSearch: setKeyword }}
          placeholder="输入姓名查找"
          loading={members.isFetching}
          notFoundContent={members.isError ? '党员加载失败' : '没有匹配的党员'}
          options={(members.data?.items ?? []).map((m) => ({
            value: m.id,
            label: `${m.name}（${[m.branchName, m.groupName].filter(Boolean).join(' / ')}）`,
          }))}
        />
      </Form.Item>
      <Form.Item name="post" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
        <Select options={posts.map((p) => ({ value: p, label: POST_LABEL[p] }))} />
      </Form.Item>
      <Form.Item name="startedOn" label="任职日期" rules={[noFuture]} extra="不填为今天">
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
    </FormModal>
  );
}
