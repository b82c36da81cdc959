// 荣誉册 (incentive.read): every honour on the records of members and organisations in scope — from 表彰 decisions
// and entered from outside bodies — by year and organisation, with an Excel export. Entering and removing a honour is
// done in the member's or organisation's drawer (HonourSection), where the subject is known.
import type { ColumnsType } from 'antd/es/table/interface';
import { Tag, Typography } from 'antd';
import { ListPage } from '../../components/ListPage';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { todayShanghai } from '../../lib/people';
import { HONOURS_URL, type Honour } from './SelectionApi';

const SUBJECT_LABEL: Record<Honour['subjectKind'], string> = { member: '党员', org: '党组织' };

export default function HonoursPage() {
  const thisYear = Number(todayShanghai().slice(0, 4));
  const columns: ColumnsType<Honour> = [
    {
      title: '获得者', key: 'subject',
      render: (_, h) => (
        <div>
          <div>{h.subjectName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{SUBJECT_LABEL[h.subjectKind]}</Typography.Text>
        </div>
      ),
    },
    { title: '荣誉', dataIndex: 'title', key: 'title' },
    { title: '年度', dataIndex: 'year', key: 'year', width: 90 },
    {
      title: '授予', key: 'awarded',
      render: (_, h) => (
        <div>
          <div>{h.awardedBy}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.awardedOn}</Typography.Text>
        </div>
      ),
    },
    { title: '来源', key: 'source', width: 110, render: (_, h) => (h.fromSelection ? <Tag color="red">表彰决定</Tag> : <Tag color="gold">登记</Tag>) },
    { title: '备注', dataIndex: 'note', key: 'note', render: (n: string | null) => n ?? '—' },
  ];
  return (
    <ListPage<Honour>
      title="荣誉册"
      subTitle="党员和党组织获得的荣誉：本党委“两优一先”表彰决定写入的，以及登记的上级和外单位授予的荣誉。登记或删除请在党员或党组织详情中操作。"
      url={HONOURS_URL}
      rowKey="id"
      columns={columns}
      searchFields={[
        { type: 'select', name: 'year', label: '年度', options: Array.from({ length: 8 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i} 年` })) },
        { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
      ]}
      exportName="荣誉册"
      tableProps={{ phoneTitle: 'subject' }}
    />
  );
}
