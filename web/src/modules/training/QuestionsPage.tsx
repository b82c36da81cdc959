// 题库 (training.write): the questions of the keeper's organisations and, read-only, of the organisations above
// them (a branch builds its exams from the committee's bank too). Filters by kind, tag, difficulty and keyword;
// answers are shown here because only keepers reach the page. New and edited questions go through QuestionForm;
// 导入 opens the Excel import.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { ListPage } from '../../components/ListPage';
import { ScopeOrgTreeSelect, useOrgTree } from '../members/orgPickers';
import {
  answerText, deleteQuestion, DIFFICULTY_NAMES, KIND_COLORS, KIND_NAMES, QUESTIONS_URL, useQuestionTags, useRefreshQuestions, type Question, type QuestionKind,
} from './QuestionApi';
import { QuestionForm } from './QuestionForm';

const KINDS = Object.keys(KIND_NAMES) as QuestionKind[];

/** The stem, then the options on a second line (a card on a phone shows them too). */
function StemCell({ q }: { q: Question }) {
  return (
    <div>
      <div style={{ whiteSpace: 'pre-wrap' }}>{q.stem}</div>
      {q.options.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {q.options.map((o) => `${o.key}. ${o.text}`).join('　')}
        </Typography.Text>
      )}
      {q.tags.length > 0 && (
        <div style={{ marginTop: 4 }}>
          {q.tags.map((t) => <Tag key={t} style={{ marginInlineEnd: 4 }}>{t}</Tag>)}
        </div>
      )}
    </div>
  );
}

export default function QuestionsPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const tags = useQuestionTags();
  // A new question goes to the keeper's highest organisation unless they pick another (the tree comes in path order).
  const orgs = useOrgTree();
  const refresh = useRefreshQuestions();
  const [editing, setEditing] = useState<Question | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const open = (q: Question | null) => {
    setEditing(q);
    setFormOpen(true);
  };
  const remove = async (q: Question) => {
    try {
      await deleteQuestion(q.id);
      void message.success('已删除');
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns: ColumnsType<Question> = [
    { title: '题目', key: 'stem', render: (_, q) => <StemCell q={q} /> },
    {
      title: '题型', key: 'kind', width: 96,
      render: (_, q) => (
        <div>
          <Tag color={KIND_COLORS[q.kind]}>{KIND_NAMES[q.kind]}</Tag>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>难度：{DIFFICULTY_NAMES[q.difficulty]}</Typography.Text></div>
        </div>
      ),
    },
    { title: '答案', key: 'answer', width: 120, render: (_, q) => <Typography.Text strong>{answerText(q)}</Typography.Text> },
    {
      title: '所属题库', key: 'org', width: 170,
      render: (_, q) => (
        <div>
          <div>{q.orgName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {q.allowed.includes('edit') ? `更新于 ${q.updatedAt.slice(0, 10)}` : '上级题库，只读'}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '操作', key: 'actions', width: 120,
      render: (_, q) => q.allowed.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => open(q)}>编辑</Button>
          <Popconfirm title="删除这道题？" description="已组卷、已作答的考试不受影响。" okText="删除" cancelText="取消" onConfirm={() => remove(q)}>
            <Button type="link" size="small" danger>删除</Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const kinds = tags.data?.all.kinds;
  return (
    <>
      <ListPage<Question>
        title="题库"
        subTitle={(
          <Flex wrap gap={4} align="center">
            <span>本组织及下级组织的题目，上级组织的题目可查看、选用。</span>
            {kinds && KINDS.map((k) => <Tag key={k} color={KIND_COLORS[k]}>{KIND_NAMES[k]} {kinds[k]}</Tag>)}
          </Flex>
        )}
        url={QUESTIONS_URL}
        rowKey="id"
        columns={columns}
        searchFields={[
          { type: 'text', name: 'keyword', label: '题干', placeholder: '题干关键词' },
          { type: 'select', name: 'kind', label: '题型', options: KINDS.map((k) => ({ value: k, label: KIND_NAMES[k] })) },
          { type: 'select', name: 'tag', label: '标签', loading: tags.isPending, options: (tags.data?.items ?? []).map((t) => ({ value: t.tag, label: `${t.tag}（${t.total}）` })) },
          { type: 'select', name: 'difficulty', label: '难度', options: [1, 2, 3].map((d) => ({ value: d, label: DIFFICULTY_NAMES[d] })) },
          { type: 'custom', name: 'orgId', label: '所属组织', render: () => <ScopeOrgTreeSelect placeholder="请选择组织" /> },
        ]}
        toolbar={(
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>新增题目</Button>
            <Button icon={<UploadOutlined />} onClick={() => void navigate('/training/questions/import')}>导入</Button>
          </>
        )}
        exportName="题库"
        tableProps={{ phoneTitle: 'stem' }}
      />
      <QuestionForm question={editing} defaultOrgId={orgs.data?.items[0]?.id} open={formOpen} onClose={() => setFormOpen(false)} onSaved={() => void refresh()} />
    </>
  );
}
