// 课程管理 (training.read; keeping with training.write): the courses of the organisations in scope with their
// materials, sessions and total 学时; a course opens in a drawer (`?id=`).
import { useState } from 'react';
import { Button, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { useSession } from '../../app/session';
import { ListPage } from '../../components/ListPage';
import { RecordLink } from '../../components/RecordLink';
import { useOpenId } from '../../components/useOpenId';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { useRefreshCourses } from './courseApi';
import { CourseDrawer } from './CourseDrawer';
import { CourseFormModal } from './CourseForms';
import { COURSES_URL, tenths, type Course } from './courseTypes';

export default function CoursesPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const refresh = useRefreshCourses();
  const [creating, setCreating] = useState(false);
  const [seq, setSeq] = useState(0);
  const thisYear = new Date().getFullYear();
  const columns: ColumnsType<Course> = [
    {
      title: '课程', dataIndex: 'title',
      render: (v: string, c) => <RecordLink onOpen={() => setOpen(c.id)} sub={c.description ? c.description.slice(0, 40) : null}>{v}</RecordLink>,
    },
    { title: '组织', dataIndex: 'orgName' },
    { title: '类型', dataIndex: 'kindName', render: (v: string) => <Tag>{v}</Tag> },
    { title: '年度', dataIndex: 'year' },
    { title: '资料 / 线下', key: 'parts', render: (_: unknown, c) => `${c.materials} / ${c.sessions}` },
    { title: '合计学时', dataIndex: 'creditTenths', align: 'right', render: (n: number) => tenths(n) },
  ];
  return (
    <>
      <ListPage<Course>
        title="课程管理"
        subTitle="线上资料按实际学习时长计学时，线下学习以组织生活活动（如党课）的签到计学时。"
        url={COURSES_URL}
        rowKey="id"
        columns={columns}
        exportName={false}
        searchFields={[
          { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
          { type: 'select', name: 'year', label: '年度', options: [1, 0, -1, -2].map((d) => ({ value: thisYear + d, label: `${thisYear + d} 年` })) },
          { type: 'text', name: 'keyword', label: '课程名称' },
        ]}
        toolbar={can('training.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setSeq((n) => n + 1); setCreating(true); }}>开设课程</Button>
        )}
      />
      <CourseDrawer id={openId} onClose={() => setOpen(null)} />
      {can('training.write') && (
        <CourseFormModal key={seq} open={creating} onClose={() => setCreating(false)} onDone={(id) => { setCreating(false); void refresh(); setOpen(id); }} />
      )}
    </>
  );
}
