// 走访记录 (volunteer.read): every visit in scope, newest first; 需关注/紧急 ones not yet dealt with are the
// secretary's work (未处理 filter): 标记已处理 with a note or 转督办. A resident's name opens their record here.
import { useSearchParams } from 'react-router';
import { Flex, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { ListPage } from '../../components/ListPage';
import { RecordLink } from '../../components/RecordLink';
import { label, options } from '../../lib/people';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { ConditionTag } from './parts';
import { ResidentDrawer } from './ResidentDrawer';
import { VisitActions } from './VisitActions';
import { CONDITION_LABEL, KIND_LABEL, VISITS_URL, type Visit } from './types';

export default function VisitsPage() {
  const [params, setParams] = useSearchParams();
  const openId = params.get('id');
  const open = (v: Visit) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    next.set('id', v.residentId);
    next.set('visit', v.id);
    return next;
  });

  const columns: ColumnsType<Visit> = [
    {
      title: '服务对象',
      dataIndex: 'residentName',
      render: (v: string, r) => (
        <RecordLink onOpen={() => open(r)} sub={r.orgName}>
          {v}
        </RecordLink>
      ),
    },
    { title: '走访日期', dataIndex: 'visitedOn' },
    { title: '志愿者', dataIndex: 'volunteerName' },
    {
      title: '服务内容',
      dataIndex: 'kind',
      render: (k: Visit['kind'], r) => (
        <Flex vertical style={{ maxWidth: 360 }}>
          <span>
            {label(KIND_LABEL, k)} · {r.minutes} 分钟
          </span>
          {r.notes && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: r.notes }}>
              {r.notes}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: '状况', dataIndex: 'condition', render: (c: Visit['condition']) => <ConditionTag condition={c} /> },
    { title: '操作', key: 'actions', render: (_, r) => <VisitActions visit={r} /> },
  ];

  return (
    <>
      <ListPage<Visit>
        title="走访记录"
        subTitle="志愿者的走访与服务记录。标记“需关注”“紧急”的走访须由负责的支部书记处理或转为督办事项。"
        url={VISITS_URL}
        rowKey="id"
        columns={columns}
        exportName={false}
        searchFields={[
          { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
          { type: 'select', name: 'condition', label: '状况', options: options(CONDITION_LABEL) },
          { type: 'select', name: 'open', label: '处理情况', options: [{ value: 'true', label: '需关注/紧急，未处理' }] },
          { type: 'dateRange', name: 'range', label: '走访日期', valueType: 'date' },
        ]}
      />
      <ResidentDrawer id={openId} onClose={() => setParams({})} />
    </>
  );
}
