// 考试管理 (training.read; keeping with training.write): the exams of the organisations in scope, the form, publish,
// close early, delete (nobody took it), and the statistics drawer — expected, took, passed, average, per branch and
// per question (correct rate) — with the results export.
import { useState } from 'react';
import { App, Button, Divider, Flex, Popconfirm, Progress, Space, Statistic, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ListPage } from '../../components/ListPage';
import { RecordLink } from '../../components/RecordLink';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useDownload } from '../../components/useDownload';
import { formatInstantMinute } from '../../lib/time';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { ExamFormModal } from './ExamForm';
import { EXAMS_URL, examUrl, KIND_LABEL, PHASE_COLOR, PHASE_LABEL, useExam, useExamStats, useRefreshExams, type Exam, type ExamStats } from './ExamApi';

type OrgRow = ExamStats['byOrg'][number];
type QuestionRow = ExamStats['byQuestion'][number];
const pct = (v: number | null) => (v === null ? '-' : `${v}%`);

function StatsDrawer({ exam, onClose }: { exam: Exam | null; onClose: () => void }) {
  const stats = useExamStats(exam?.id ?? null);
  const s = stats.data;
  const { downloading, start } = useDownload();
  const orgColumns: ColumnsType<OrgRow> = [
    { title: '支部', dataIndex: 'orgName' },
    { title: '参考/应考', key: 'took', align: 'right', render: (_, r) => `${r.took}/${r.expected}` },
    { title: '及格率', dataIndex: 'passRate', align: 'right', render: pct },
    { title: '平均分', dataIndex: 'average', align: 'right', render: (v: number | null) => v ?? '-' },
  ];
  const qColumns: ColumnsType<QuestionRow> = [
    { title: '题目', dataIndex: 'stem', render: (v: string, r) => <>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{KIND_LABEL[r.kind]} · 作答 {r.answered} 次</Typography.Text></> },
    { title: '正确率', dataIndex: 'correctRate', width: 140, render: (v: number | null) => (v === null ? '-' : <Progress percent={v} size="small" status={v < 60 ? 'exception' : 'normal'} />) },
  ];
  return (
    <DetailDrawer
      title={exam ? `考试统计：${exam.title}` : '考试统计'}
      open={!!exam}
      onClose={onClose}
      loading={stats.isPending && !!exam}
      extra={exam && <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(examUrl(exam.id, 'results.xlsx'), undefined, `${exam.title}-成绩.xlsx`)}>导出成绩</Button>}
    >
      {stats.isError && <Typography.Text type="danger">{errorMessage(stats.error)}</Typography.Text>}
      {s && (
        <>
          <Flex wrap gap={24}>
            <Statistic title="应考人数" value={s.expected} />
            <Statistic title="参考人数" value={s.took} suffix={s.participationRate === null ? undefined : <small>（{s.participationRate}%）</small>} />
            <Statistic title="及格人数" value={s.passed} suffix={s.passRate === null ? undefined : <small>（{s.passRate}%）</small>} />
            <Statistic title="平均分" value={s.average ?? '-'} suffix={`/ ${s.totalScore}`} />
          </Flex>
          <Divider titlePlacement="start">按支部</Divider>
          <ResponsiveTable<OrgRow> size="small" rowKey="orgId" columns={orgColumns} dataSource={s.byOrg} pagination={false} phoneTitle="orgName" />
          <Divider titlePlacement="start">按题目（正确率由低到高）</Divider>
          <ResponsiveTable<QuestionRow> size="small" rowKey="questionId" columns={qColumns} dataSource={s.byQuestion} pagination={{ pageSize: 10, size: 'small' }} />
        </>
      )}
    </DetailDrawer>
  );
}

export default function ExamManagePage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const refresh = useRefreshExams();
  const [statsOf, setStatsOf] = useState<Exam | null>(null);
  const [editId, setEditId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [seq, setSeq] = useState(0);
  const editing = useExam(editId);

  const act = async (e: Exam, action: 'publish' | 'close' | 'delete') => {
    try {
      if (action === 'delete') await api.delete(examUrl(e.id));
      else await api.post(examUrl(e.id, action));
      void message.success({ publish: '已发布', close: '已结束', delete: '已删除' }[action]);
      void refresh();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const columns: ColumnsType<Exam> = [
    {
      title: '考试', dataIndex: 'title',
      render: (v: string, e) => <RecordLink onOpen={() => setStatsOf(e)} sub={e.orgName}>{v}</RecordLink>,
    },
    { title: '考试时间', key: 'window', render: (_, e) => <>{formatInstantMinute(e.opensAt)}<br />至 {formatInstantMinute(e.closesAt)}</> },
    {
      title: '试卷', key: 'paper',
      render: (_, e) => <>{e.paperMode === 'rules' ? '随机组卷' : '固定试卷'} · {e.questionCount} 题<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>满分 {e.totalScore} · {e.passScore} 分及格 · {e.timeLimitMinutes} 分钟 · {e.maxAttempts} 次</Typography.Text></>,
    },
    { title: '状态', dataIndex: 'phase', render: (p: Exam['phase']) => <Tag color={PHASE_COLOR[p]}>{PHASE_LABEL[p]}</Tag> },
    { title: '参考人数', dataIndex: 'takers', align: 'right' },
    {
      title: '操作', key: 'actions',
      render: (_, e) => (
        <Space size={4} wrap>
          <Button size="small" type="link" onClick={() => setStatsOf(e)}>统计</Button>
          {e.allowed.includes('edit') && <Button size="small" type="link" onClick={() => { setSeq((n) => n + 1); setEditId(e.id); }}>修改</Button>}
          {e.allowed.includes('publish') && <Popconfirm title="发布后本组织及下级党员即可参加，确定发布？" onConfirm={() => void act(e, 'publish')}><Button size="small" type="link">发布</Button></Popconfirm>}
          {e.allowed.includes('close') && <Popconfirm title="立即结束考试？进行中的答卷在此刻截止。" onConfirm={() => void act(e, 'close')}><Button size="small" type="link">提前结束</Button></Popconfirm>}
          {e.allowed.includes('delete') && <Popconfirm title="删除这场考试？" onConfirm={() => void act(e, 'delete')}><Button size="small" type="link" danger>删除</Button></Popconfirm>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<Exam>
        title="考试管理"
        subTitle="固定试卷或按题型、标签、难度随机组卷；保存和发布时核对题库是否足够。已有人参加的考试不能再改试卷和计分。"
        url={EXAMS_URL}
        rowKey="id"
        columns={columns}
        exportName={false}
        searchFields={[
          { type: 'text', name: 'keyword', label: '名称' },
          { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
          { type: 'select', name: 'status', label: '状态', options: [{ value: 'draft', label: '草稿' }, { value: 'published', label: '已发布' }] },
        ]}
        toolbar={can('training.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { setSeq((n) => n + 1); setCreating(true); }}>新建考试</Button>}
      />
      <StatsDrawer exam={statsOf} onClose={() => setStatsOf(null)} />
      {can('training.write') && (
        <ExamFormModal
          key={`f${seq}-${editing.data?.id ?? ''}`}
          open={creating || (!!editId && !!editing.data)}
          exam={creating ? null : (editing.data ?? null)}
          onClose={() => { setCreating(false); setEditId(null); }}
          onDone={() => void refresh()}
        />
      )}
    </>
  );
}
