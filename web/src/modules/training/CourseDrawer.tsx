// One course for its keepers: facts, online materials (add, edit, upload the PDF or video, delete) and offline sessions held
// as 组织生活 activities (each links to its record, where attendance and QR sign-in live).
import { useRef, useState } from 'react';
import { App, Button, Divider, Flex, Popconfirm, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useCourse, useRefreshCourses } from './courseApi';
import { CourseFormModal, MaterialFormModal, SessionFormModal } from './CourseForms';
import { courseUrl, materialUrl, tenths, type MaterialDetail, type MaterialItem, type SessionItem } from './courseTypes';

type Dialog = { kind: 'course' } | { kind: 'material'; material?: MaterialItem & { body?: string } } | { kind: 'session' } | null;

export function CourseDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const q = useCourse(id);
  const refresh = useRefreshCourses();
  const c = q.data;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [seq, setSeq] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploadFor, setUploadFor] = useState<string | null>(null);
  const show = (d: Dialog) => {
    setSeq((n) => n + 1);
    setDialog(d);
  };
  const done = () => {
    setDialog(null);
    void refresh();
  };
  const run = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      void message.success(ok);
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const editMaterial = async (m: MaterialItem) => {
    try {
      const d = await api.get<MaterialDetail>(materialUrl(m.id));
      show({ kind: 'material', material: { ...m, body: d.body } });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const upload = async (file: File) => {
    if (!uploadFor) return;
    // A video takes a while on a slow line: say so until the server answers.
    const hide = file.size > 5 * 1024 * 1024 ? message.loading('正在上传，请勿关闭页面…', 0) : undefined;
    try {
      await run(() => api.upload(materialUrl(uploadFor, 'file'), file), '文件已上传');
    } finally {
      hide?.();
    }
  };
  const pickFile = (m: MaterialItem) => {
    setUploadFor(m.id);
    // Set here, not by state: the picker opens before React would render the new value.
    if (fileInput.current) fileInput.current.accept = m.kind === 'video' ? 'video/mp4,video/webm,.mp4,.m4v,.webm' : 'application/pdf,.pdf';
    fileInput.current?.click();
  };

  const materialColumns: ColumnsType<MaterialItem> = [
    {
      title: '资料', dataIndex: 'title',
      render: (v: string, m) => (
        <div>
          <Link to={`/training/materials/${m.id}`}>{v}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {m.kindName}{m.kind !== 'article' ? ` · ${m.fileName ?? '未上传文件'}` : ''} · {m.opensOn} 至 {m.closesOn}
          </Typography.Text>
        </div>
      ),
    },
    { title: '学时', dataIndex: 'creditTenths', align: 'right', render: (n: number, m) => `${tenths(n)}（${m.requiredMinutes} 分钟）` },
    { title: '学习人数', dataIndex: 'learners', align: 'right' },
    ...(c?.canEdit ? [{
      title: '操作', key: 'actions',
      render: (_: unknown, m: MaterialItem) => (
        <Flex gap={4} wrap>
          <Button size="small" type="link" onClick={() => void editMaterial(m)}>修改</Button>
          {m.kind !== 'article' && <Button size="small" type="link" icon={<UploadOutlined />} onClick={() => pickFile(m)}>上传</Button>}
          <Popconfirm title="删除该资料？已计入的学时保留" okText="删除" cancelText="取消" onConfirm={() => void run(() => api.delete(materialUrl(m.id)), '已删除')}>
            <Button size="small" type="link" danger>删除</Button>
          </Popconfirm>
        </Flex>
      ),
    }] : []),
  ];
  const sessionColumns: ColumnsType<SessionItem> = [
    {
      title: '活动', dataIndex: 'title',
      render: (v: string, s) => (
        <div>
          <Link to={s.link}>{v}</Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {s.kindName} · {s.startsAt.slice(0, 16).replace('T', ' ')} · {s.orgName}{s.lecturerName ? ` · 授课人 ${s.lecturerName}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: '出席', key: 'present', align: 'right', render: (_: unknown, s) => `${s.present}/${s.expected}` },
    { title: '学时', dataIndex: 'creditTenths', align: 'right', render: (n: number) => tenths(n) },
    ...(c?.canEdit ? [{
      title: '操作', key: 'actions',
      render: (_: unknown, s: SessionItem) => (
        <Popconfirm title="从课程中移除？组织生活记录保留" okText="移除" cancelText="取消" onConfirm={() => void run(() => api.delete(`/api/v1/training/sessions/${s.id}`), '已移除')}>
          <Button size="small" type="link" danger>移除</Button>
        </Popconfirm>
      ),
    }] : []),
  ];

  return (
    <DetailDrawer
      title={c ? `课程：${c.title}` : '课程'}
      open={!!id}
      onClose={onClose}
      loading={q.isPending && !!id}
      width={860}
      extra={c?.canEdit && (
        <Flex gap={8}>
          <Button onClick={() => show({ kind: 'course' })}>修改</Button>
          <Popconfirm title="删除该课程？" okText="删除" cancelText="取消" onConfirm={() => void run(async () => { await api.delete(courseUrl(c.id)); onClose(); }, '已删除')}>
            <Button danger>删除</Button>
          </Popconfirm>
        </Flex>
      )}
      items={c ? [
        { key: 'org', label: '举办组织', children: c.orgName },
        { key: 'kind', label: '类型', children: c.kindName },
        { key: 'year', label: '年度', children: c.year },
        { key: 'credit', label: '合计学时', children: tenths(c.creditTenths) },
        { key: 'desc', label: '简介', children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.description || '-'}</span> },
      ] : undefined}
    >
      {q.isError && <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>}
      {c && (
        <>
          <input ref={fileInput} type="file" hidden onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void upload(f); }} />
          {c.kind !== 'offline' && (
            <>
              <Divider titlePlacement="start">在线学习资料（{c.materialItems.length}）</Divider>
              {c.canEdit && <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => show({ kind: 'material' })}>添加资料</Button>}
              <ResponsiveTable<MaterialItem> size="small" rowKey="id" columns={materialColumns} dataSource={c.materialItems} pagination={false} />
            </>
          )}
          {c.kind !== 'online' && (
            <>
              <Divider titlePlacement="start">线下学习（{c.sessionItems.length}）</Divider>
              {c.canEdit && <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => show({ kind: 'session' })}>添加线下学习</Button>}
              <ResponsiveTable<SessionItem> size="small" rowKey="id" columns={sessionColumns} dataSource={c.sessionItems} pagination={false} />
            </>
          )}
          <CourseFormModal key={`c${seq}`} open={dialog?.kind === 'course'} course={c} onClose={() => setDialog(null)} onDone={done} />
          <MaterialFormModal key={`m${seq}`} open={dialog?.kind === 'material'} courseId={c.id} material={dialog?.kind === 'material' ? dialog.material : undefined} onClose={() => setDialog(null)} onDone={done} />
          <SessionFormModal key={`s${seq}`} open={dialog?.kind === 'session'} courseId={c.id} orgId={c.orgId} onClose={() => setDialog(null)} onDone={done} />
        </>
      )}
    </DetailDrawer>
  );
}
