// 服务对象 (关爱空巢老人): the register of residents cared for in the user's scope (a volunteer sees only those
// paired with them), with the overdue ones in red, Excel import/export (masked unless the holder of
// volunteer.sensitive asks for clear values, which the server audits) and `?id=` opening one record (links from
// 待办 and notifications, `&visit=` for one visit).
import { useMemo, useState } from 'react';
import { Button, Checkbox, Select, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { useSession } from '../../app/session';
import { ListPage } from '../../components/ListPage';
import { RecordLink } from '../../components/RecordLink';
import { useOpenId } from '../../components/useOpenId';
import { GENDER_LABEL, label, options } from '../../lib/people';
import { ImportButton } from '../imports/ImportButton';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { useCommunities, useRefreshVolunteer } from './api';
import { DueText, RiskTag, livingText } from './parts';
import { ResidentDrawer } from './ResidentDrawer';
import { ResidentFormModal } from './ResidentForms';
import { LIVING_LABEL, RESIDENTS_URL, RISK_LABEL, STATUS_LABEL, type Resident } from './types';

function CommunitySelect(props: { value?: string; onChange?: (v: string | undefined) => void }) {
  const communities = useCommunities();
  return (
    <Select
      allowClear
      showSearch
      placeholder="请选择小区"
      loading={communities.isPending}
      options={(communities.data?.items ?? []).map((c) => ({ value: c, label: c }))}
      {...props}
    />
  );
}

const flag = (v: unknown) => (v === undefined ? undefined : v === 'true');

export default function ResidentsPage() {
  const { can } = useSession();
  const keeper = can('volunteer.read') || can('volunteer.write');
  const [openId, setOpen] = useOpenId();
  const refresh = useRefreshVolunteer();
  const [creating, setCreating] = useState(false);
  const [seq, setSeq] = useState(0);
  const [unmasked, setUnmasked] = useState(false);
  // The body carries the filters as JSON: the list's 'true'/'false' flags become booleans.
  const exportPost = useMemo(
    () => (unmasked ? { url: `${RESIDENTS_URL}/export.xlsx`, body: (f: Record<string, unknown>) => ({ ...f, overdue: flag(f.overdue), paired: flag(f.paired), unmasked: true }) } : undefined),
    [unmasked],
  );

  const columns: ColumnsType<Resident> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (v: string, r) => (
        <RecordLink onOpen={() => setOpen(r.id)} sub={`${label(GENDER_LABEL, r.gender)}，${r.age} 岁`}>
          {v}
        </RecordLink>
      ),
    },
    {
      title: '小区 / 负责组织',
      dataIndex: 'community',
      render: (v: string, r) => (
        <div>
          {v}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.orgName}
          </Typography.Text>
        </div>
      ),
    },
    { title: '风险', dataIndex: 'risk', render: (v: Resident['risk']) => <RiskTag risk={v} /> },
    { title: '居住情况', dataIndex: 'living', render: (v: Resident['living']) => livingText(v) },
    {
      title: '结对志愿者',
      key: 'volunteers',
      render: (_, r) => (r.volunteers.length ? r.volunteers.map((v) => v.name).join('、') : <Typography.Text type="warning">未结对</Typography.Text>),
    },
    { title: '上次走访', dataIndex: 'lastVisitOn', render: (v: string | null) => v ?? '尚未走访' },
    {
      title: '下次应访',
      dataIndex: 'nextDueOn',
      render: (_: unknown, r) =>
        r.status === 'active' ? <DueText nextDueOn={r.nextDueOn} overdueDays={r.overdueDays} /> : `${label(STATUS_LABEL, r.status)} ${r.statusOn ?? ''}`,
    },
  ];

  return (
    <>
      <ListPage<Resident>
        title="服务对象"
        subTitle={keeper ? '关爱空巢老人：服务对象名册、结对与走访情况。住址、电话、身份证号等敏感信息默认脱敏显示。' : '与您结对的服务对象。'}
        url={RESIDENTS_URL}
        rowKey="id"
        columns={columns}
        exportName="服务对象"
        exportPost={exportPost}
        searchFields={[
          // A volunteer (volunteer.serve only) sees their own residents and has no organisations to pick from.
          ...(keeper ? [{ type: 'custom' as const, name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> }] : []),
          { type: 'text', name: 'keyword', label: '关键字', placeholder: '姓名' },
          { type: 'custom', name: 'community', label: '小区', render: () => <CommunitySelect /> },
          { type: 'select', name: 'risk', label: '风险等级', options: options(RISK_LABEL).map((o) => ({ ...o, label: `${o.label}风险` })) },
          { type: 'select', name: 'overdue', label: '超期未走访', options: [{ value: 'true', label: '仅超期未走访' }] },
          { type: 'select', name: 'living', label: '居住情况', options: options(LIVING_LABEL) },
          { type: 'select', name: 'paired', label: '结对', options: [{ value: 'true', label: '已结对' }, { value: 'false', label: '未结对' }] },
          { type: 'select', name: 'status', label: '状态', placeholder: '在册', options: [...options(STATUS_LABEL), { value: 'all', label: '全部' }] },
        ]}
        toolbar={
          <>
            {can('volunteer.sensitive') && (
              <Tooltip title="仅对您有权查看的服务对象导出完整信息；每次导出均记入审计日志。">
                <Checkbox checked={unmasked} onChange={(e) => setUnmasked(e.target.checked)}>
                  导出完整信息
                </Checkbox>
              </Tooltip>
            )}
            <ImportButton kind="residents" />
            {can('volunteer.write') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setSeq((n) => n + 1);
                  setCreating(true);
                }}
              >
                新增服务对象
              </Button>
            )}
          </>
        }
      />
      <ResidentDrawer id={openId} onClose={() => setOpen(null)} />
      {can('volunteer.write') && (
        <ResidentFormModal
          key={seq}
          open={creating}
          onClose={() => setCreating(false)}
          onDone={(id) => {
            void refresh();
            setOpen(id);
          }}
        />
      )}
    </>
  );
}
