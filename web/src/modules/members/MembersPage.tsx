import { Fragment, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Dropdown, Flex, Grid, InputNumber, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps, MenuProps } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { Items, Member, MemberEvent } from '../../api/types';
import { useSession } from '../../app/session';
import { UnmaskedExport } from '../staff/UnmaskedExport';
import { DetailDrawer } from '../../components/DetailDrawer';
import { useOpenId } from '../../components/useOpenId';
import { ListPage, useRefreshList } from '../../components/ListPage';
import {
  AGE_BAND_LABEL,
  EDUCATION_OPTIONS,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  MEMBER_STATUS_COLOR,
  MEMBER_STATUS_LABEL,
  MEMBER_TYPE_LABEL,
  label,
  options,
} from '../../lib/people';
import { historyItem } from './history';
import { HonourSection } from '../incentives/HonourSection';
import { PersonAccount } from '../../components/PersonAccount';
import {
  ConfirmMemberModal,
  CreateMemberModal,
  EditMemberModal,
  ExtendProbationModal,
  MEMBERS_URL,
  MoveMemberModal,
  StatusMemberModal,
  memberUrl,
} from './MemberForms';
import { ScopeOrgTreeSelect } from './orgPickers';
import { ImportButton } from '../imports/ImportButton';
import { RecordLink } from '../../components/RecordLink';

type Action = 'edit' | 'move' | 'confirm' | 'extend' | 'status';

const ENDED: Member['status'][] = ['transferredOut', 'expelled', 'deceased'];

/** The status, and 转接中 while a transfer out waits (the member stays on this roster until received). */
function StatusTags({ m }: { m: Member }) {
  return (
    <>
      <Tag color={MEMBER_STATUS_COLOR[m.status]}>{label(MEMBER_STATUS_LABEL, m.status)}</Tag>
      {m.transferSince && <Tag color="processing" title={`组织关系转出办理中，自 ${m.transferSince}`}>转接中</Tag>}
    </>
  );
}

/** The write actions that make sense for a member now. */
function actionItems(m: Member): MenuProps['items'] {
  const items: NonNullable<MenuProps['items']> = [];
  if (!ENDED.includes(m.status)) items.push({ key: 'move', label: '组织调整' });
  if (m.type === 'probationary' && !ENDED.includes(m.status)) {
    items.push({ key: 'confirm', label: '转正' });
    if (!m.probationExtendedMonths) items.push({ key: 'extend', label: '延长预备期' });
  }
  items.push({ key: 'status', label: '状态变更' });
  return items;
}

function ActionsMenu({ member, onAction, button }: { member: Member; onAction: (a: Action, m: Member) => void; button?: boolean }) {
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items: actionItems(member), onClick: ({ key }) => onAction(key as Action, member) }}
    >
      {button ? (
        <Button>
          办理 <DownOutlined />
        </Button>
      ) : (
        <Button type="link" size="small">
          办理 <DownOutlined />
        </Button>
      )}
    </Dropdown>
  );
}

function MemberDrawer({
  id,
  onClose,
  onAction,
}: {
  id: string | null;
  onClose: () => void;
  onAction?: (a: Action, m: Member) => void;
}) {
  const { can } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const column = phone ? 1 : 2;
  const record = useQuery({
    queryKey: ['member', id],
    queryFn: ({ signal }) => api.get<Member>(memberUrl(id!), undefined, signal),
    enabled: !!id,
  });
  const history = useQuery({
    queryKey: ['member', id, 'history'],
    queryFn: ({ signal }) => api.get<Items<MemberEvent>>(memberUrl(id!, 'history'), undefined, signal),
    enabled: !!id,
  });
  const [revealed, setRevealed] = useState<Member | null>(null);
  const [revealing, setRevealing] = useState(false);
  // A revealed copy is kept until the record changes (then the masked one is shown again).
  const [revealedAt, setRevealedAt] = useState(0);
  const fresh = revealed && record.data && revealed.id === record.data.id && record.dataUpdatedAt <= revealedAt;
  const m = fresh ? { ...record.data!, idNumber: revealed.idNumber, phone: revealed.phone, address: revealed.address, masked: false } : record.data;

  const reveal = async () => {
    if (!id) return;
    setRevealing(true);
    try {
      // A POST: revealing is an audited action, never a GET a link or an image could send in one's name.
      const full = await api.post<Member>(memberUrl(id, 'reveal'));
      setRevealed(full);
      setRevealedAt(Date.now());
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setRevealing(false);
    }
  };

  const basic: DescriptionsProps['items'] = m && [
    { key: 'name', label: '姓名', children: m.name },
    { key: 'gender', label: '性别', children: label(GENDER_LABEL, m.gender) },
    { key: 'ethnicity', label: '民族', children: m.ethnicity || '-' },
    { key: 'birthDate', label: '出生日期', children: `${m.birthDate}（${m.age} 岁）` },
    { key: 'idNumber', label: '身份证号', span: 2, children: m.idNumber },
    { key: 'phone', label: '手机号', children: m.phone || '-' },
    { key: 'education', label: '学历', children: m.education || '-' },
    { key: 'nativePlace', label: '籍贯', children: m.nativePlace || '-' },
  ];
  const party: DescriptionsProps['items'] = m && [
    { key: 'type', label: '党员类型', children: label(MEMBER_TYPE_LABEL, m.type) },
    {
      key: 'status',
      label: '状态',
      children: <><StatusTags m={m} />{m.transferSince && <Typography.Text type="secondary">组织关系转出办理中（自 {m.transferSince}），接收前仍属本支部</Typography.Text>}</>,
    },
    { key: 'joinedOn', label: '入党日期', children: m.joinedOn },
    { key: 'confirmedOn', label: '转正日期', children: m.confirmedOn || '-' },
    ...(m.probationExtendedMonths ? [{ key: 'extended', label: '延长预备期', children: `${m.probationExtendedMonths} 个月` }] : []),
    { key: 'partyAge', label: '党龄', children: m.type === 'probationary' ? '预备期' : `${m.partyAgeYears} 年` },
    { key: 'posts', label: '党内职务', children: m.partyPosts.length ? m.partyPosts.join('、') : '-' },
    { key: 'branch', label: '所在支部', children: m.branchName },
    { key: 'group', label: '所在党小组', children: m.groupName || '-' },
  ];
  const work: DescriptionsProps['items'] = m && [
    { key: 'unit', label: '所在单位', children: m.unitName || '-' },
    { key: 'post', label: '工作岗位', children: m.post || '-' },
    { key: 'employment', label: '在岗状态', children: label(EMPLOYMENT_LABEL, m.employment) },
    { key: 'workStartedOn', label: '参加工作日期', children: m.workStartedOn || '-' },
    { key: 'address', label: '家庭住址', children: m.address || '-' },
  ];

  // In the header on wide screens; above the facts on phones, where the header has no room.
  const actions = m && (
    <Space wrap>
      {can('member.sensitive') && m.masked && (
        <Button icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()}>
          显示完整信息
        </Button>
      )}
      {onAction && (
        <Button type="primary" onClick={() => onAction('edit', m)}>
          编辑
        </Button>
      )}
      {onAction && <ActionsMenu member={m} onAction={onAction} button />}
    </Space>
  );

  return (
    <DetailDrawer
      title={m ? `党员：${m.name}` : '党员'}
      open={!!id}
      onClose={() => {
        setRevealed(null);
        onClose();
      }}
      loading={record.isPending && !!id}
      history={{
        title: '党员档案变动记录',
        loading: history.isPending,
        items: (history.data?.items ?? []).map(historyItem),
      }}
      extra={!phone && actions}
    >
      {phone && actions && <div style={{ marginBottom: 16 }}>{actions}</div>}
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {history.isError && <Alert type="error" showIcon title={`变动记录加载失败：${errorMessage(history.error)}`} />}
      {m && (
        <Flex vertical gap={16}>
          <Descriptions title="基本信息" column={column} bordered size="small" items={basic} />
          {!m.masked && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              完整身份证号、手机号和住址的查看已记入审计日志。
            </Typography.Text>
          )}
          <Descriptions title="党员信息" column={column} bordered size="small" items={party} />
          <Descriptions title="工作信息" column={column} bordered size="small" items={work} />
          <PersonAccount kind="member" id={m.id} url={memberUrl(m.id, 'account')} editable={can('member.write')} />
          <HonourSection subjectKind="member" subjectId={m.id} />
        </Flex>
      )}
    </DetailDrawer>
  );
}

export default function MembersPage() {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const writable = can('member.write');
  const refreshList = useRefreshList(MEMBERS_URL);
  // In the address (`?id=`), so 发展党员's person page links straight to the member it admitted.
  const [viewing, setViewing] = useOpenId();
  // Holders of member.sensitive may export the numbers in clear; the list itself stays masked.
  const [unmasked, setUnmasked] = useState(false);
  const exportPost = useMemo(() => (unmasked ? { url: `${MEMBERS_URL}/export.xlsx`, body: { unmasked: true } } : undefined), [unmasked]);
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const [target, setTarget] = useState<Member | null>(null);
  // Each opening mounts fresh dialogs, so no values linger from the previous member.
  const [seq, setSeq] = useState(0);
  const onAction = (a: Action, m: Member) => {
    setTarget(m);
    setAction(a);
    setSeq((n) => n + 1);
  };
  const close = () => setAction(null);
  const refresh = async () => {
    await Promise.all([refreshList(), queryClient.invalidateQueries({ queryKey: ['member'] })]);
  };
  const done = () => void refresh();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;

  const columns: ColumnsType<Member> = [
    {
      title: '姓名',
      dataIndex: 'name',
      sorter: true,
      fixed: phone ? undefined : 'left',
      render: (v: string, m) => <RecordLink onOpen={() => setViewing(m.id)}>{v}</RecordLink>,
    },
    { title: '性别', dataIndex: 'gender', responsive: ['sm'], render: (v: string) => label(GENDER_LABEL, v) },
    { title: '年龄', dataIndex: 'age', sorter: true, responsive: ['sm'] },
    { title: '身份证号', dataIndex: 'idNumber', responsive: ['lg'] },
    { title: '手机号', dataIndex: 'phone', responsive: ['lg'], render: (v: string | null) => v || '-' },
    {
      title: '所在支部 / 小组',
      key: 'org',
      sorter: true,
      responsive: ['md'],
      render: (_, m) => (
        <span>
          {m.branchName}
          {m.groupName && <Typography.Text type="secondary"> / {m.groupName}</Typography.Text>}
        </span>
      ),
    },
    {
      title: '类型',
      dataIndex: 'type',
      render: (v: string) => <Tag color={v === 'probationary' ? 'orange' : 'red'}>{label(MEMBER_TYPE_LABEL, v)}</Tag>,
    },
    { title: '入党日期', dataIndex: 'joinedOn', sorter: true, responsive: ['md'] },
    {
      title: '党龄',
      key: 'partyAge',
      dataIndex: 'partyAgeYears',
      sorter: true,
      responsive: ['lg'],
      render: (v: number, m) => (m.type === 'probationary' ? '-' : `${v} 年`),
    },
    {
      title: '状态',
      dataIndex: 'status',
      render: (_: Member['status'], m) => <StatusTags m={m} />,
    },
    {
      // On phones the name opens the drawer, which carries the same actions.
      title: '操作',
      key: 'actions',
      fixed: 'right',
      responsive: ['md'],
      render: (_, m) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(m.id)}>
            查看
          </Button>
          {writable && (
            <Button type="link" size="small" onClick={() => onAction('edit', m)}>
              编辑
            </Button>
          )}
          {writable && <ActionsMenu member={m} onAction={onAction} />}
        </Space>
      ),
    },
  ];

  const yearInput = (placeholder: string) => (
    <InputNumber style={{ width: '100%' }} min={1921} max={2100} precision={0} placeholder={placeholder} />
  );

  return (
    <>
      <ListPage<Member>
        title="党员"
        subTitle="管辖范围内的党员名册。身份证号、手机号和住址默认脱敏显示。"
        url={MEMBERS_URL}
        rowKey="id"
        columns={columns}
        exportName="党员名册"
        searchFields={[
          { type: 'custom', name: 'orgId', label: '党组织', render: () => <ScopeOrgTreeSelect /> },
          { type: 'text', name: 'keyword', label: '姓名/身份证号', placeholder: '姓名或完整身份证号' },
          { type: 'select', name: 'type', label: '党员类型', options: options(MEMBER_TYPE_LABEL) },
          { type: 'select', name: 'status', label: '状态', options: options(MEMBER_STATUS_LABEL) },
          { type: 'select', name: 'employment', label: '在岗状态', options: options(EMPLOYMENT_LABEL) },
          { type: 'select', name: 'gender', label: '性别', options: options(GENDER_LABEL) },
          { type: 'select', name: 'education', label: '学历', options: EDUCATION_OPTIONS },
          { type: 'select', name: 'ageBand', label: '年龄段', options: options(AGE_BAND_LABEL) },
          { type: 'custom', name: 'joinYearFrom', label: '入党年份起', render: () => yearInput('如 1990') },
          { type: 'custom', name: 'joinYearTo', label: '入党年份止', render: () => yearInput('如 2020') },
        ]}
        exportPost={exportPost}
        toolbar={
          <>
            {can('member.sensitive') && <UnmaskedExport checked={unmasked} onChange={setUnmasked} />}
            <ImportButton kind="members" />
            {writable && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setSeq((n) => n + 1);
                  setCreating(true);
                }}
              >
                新增党员
              </Button>
            )}
          </>
        }
      />

      <MemberDrawer id={viewing} onClose={() => setViewing(null)} onAction={writable ? onAction : undefined} />

      {writable && (
        <Fragment key={seq}>
          <CreateMemberModal
            open={creating}
            onClose={() => setCreating(false)}
            onDone={(m) => {
              done();
              setViewing(m.id);
            }}
          />
          <EditMemberModal member={target} open={action === 'edit'} onClose={close} onDone={done} />
          <MoveMemberModal member={target} open={action === 'move'} onClose={close} onDone={done} />
          <ConfirmMemberModal member={target} open={action === 'confirm'} onClose={close} onDone={done} />
          <ExtendProbationModal member={target} open={action === 'extend'} onClose={close} onDone={done} />
          <StatusMemberModal member={target} open={action === 'status'} onClose={close} onDone={done} />
        </Fragment>
      )}
    </>
  );
}
