// One person in the pipeline: who they are (身份证号 and phone masked), the 25 steps as a timeline with dates,
// people and meetings, 办理下一步 for the branch's keepers, 延长预备期 for a 预备党员, and the documents; 显示完整 (an
// audited POST, for those with the sensitive-information permission) and the checklist of materials (Word).
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, EyeOutlined, FileWordOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { Attachments } from '../../components/Attachments';
import { FormModal } from '../../components/FormModal';
import { PageContainer } from '../../components/PageContainer';
import { useDownload } from '../../components/useDownload';
import { isFuture, toDay } from '../staff/IdentityFields';
import { personUrl, STAGE_COLOR, STAGE_LABEL, usePerson, useRefreshRecruitment, type RecruitDetail } from './api';
import { NextStepForm } from './NextStepForm';

function Steps({ person }: { person: RecruitDetail }) {
  let stage = '';
  return (
    <Timeline
      items={person.steps.flatMap((s) => {
        const head = s.stage !== stage ? [{ color: 'gray', content: <Typography.Text strong>{s.stageName}</Typography.Text> }] : [];
        stage = s.stage;
        const next = person.next?.no === s.no;
        return [...head, {
          color: s.doneOn ? 'green' : next ? 'blue' : 'gray',
          content: (
            <div>
              <Typography.Text type={s.doneOn || next ? undefined : 'secondary'} strong={next}>{s.no}. {s.name}</Typography.Text>
              {s.doneOn && <Typography.Text type="secondary"> · {s.doneOn}</Typography.Text>}
              {next && <Tag color="blue" style={{ marginLeft: 8 }}>下一步</Tag>}
              {s.people.length > 0 && <div><Typography.Text type="secondary">{s.peopleLabel}：{s.people.map((x) => x.name).join('、')}</Typography.Text></div>}
              {(s.trainingDays != null || s.trainingHours != null) && (
                <div><Typography.Text type="secondary">培训 {[s.trainingDays != null && `${s.trainingDays} 天`, s.trainingHours != null && `${s.trainingHours} 学时`].filter(Boolean).join('、')}</Typography.Text></div>
              )}
              {s.publicityFrom && <div><Typography.Text type="secondary">公示自 {s.publicityFrom} 起</Typography.Text></div>}
              {s.meeting && <div><Typography.Text type="secondary">会议：{s.meeting.startsAt.slice(0, 10)} {s.meeting.title}</Typography.Text></div>}
              {s.note && <div><Typography.Text type="secondary">{s.note}</Typography.Text></div>}
              {s.lateReason && <div><Typography.Text type="warning">超期说明：{s.lateReason}</Typography.Text></div>}
            </div>
          ),
        }];
      })}
    />
  );
}

function Documents({ person }: { person: RecruitDetail }) {
  const refresh = useRefreshRecruitment();
  const [kind, setKind] = useState(person.documentKinds[0] ?? '');
  return (
    <Card size="small" title="材料">
      {person.mayWrite && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Typography.Text>上传类别</Typography.Text>
          <Select value={kind} onChange={setKind} style={{ minWidth: 140 }} options={person.documentKinds.map((k) => ({ value: k, label: k }))} aria-label="材料类别" />
        </Space>
      )}
      <Attachments
        files={person.documents.map((d) => ({ ...d, name: `【${d.kind}】${d.name}` }))}
        urlOf={(id, inline) => `${personUrl(person.id, `documents/${id}`)}${inline ? '?inline=true' : ''}`}
        upload={person.mayWrite ? (file) => api.upload(`${personUrl(person.id, 'documents')}?kind=${encodeURIComponent(kind)}`, file) : undefined}
        onChanged={refresh}
        uploadLabel="上传材料" emptyText="暂无材料"
      />
    </Card>
  );
}

function ExtendModal({ person, onClose }: { person: RecruitDetail; onClose: () => void }) {
  const refresh = useRefreshRecruitment();
  return (
    <FormModal<{ months: number; decidedOn: Dayjs; reason: string }, RecruitDetail>
      title="延长预备期" open onClose={onClose} okText="延长" successMessage="已延长预备期，党员档案同步更新" initialValues={{ months: 6 }}
      onSubmit={(v) => api.post<RecruitDetail>(personUrl(person.id, 'extend'), { months: v.months, decidedOn: toDay(v.decidedOn), reason: v.reason.trim() })}
      onSuccess={() => { void refresh(); onClose(); }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="按规定，预备期只能延长一次，延长时间为 6 至 12 个月。" />
      <Form.Item name="months" label="延长月数" rules={[{ required: true, message: '请填写延长月数' }]}>
        <InputNumber min={6} max={12} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="decidedOn" label="支部大会决定日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
      <Form.Item name="reason" label="延长原因" rules={[{ required: true, whitespace: true, message: '请填写延长原因' }, { max: 200 }]}>
        <Input.TextArea rows={3} maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

export default function PersonPage() {
  const { id = '' } = useParams();
  const q = usePerson(id);
  const p = q.data;
  const [extending, setExtending] = useState(false);
  const { downloading, start } = useDownload();
  // The clear values, kept for this person only until the page is left (a GET always answers masked).
  const [clear, setClear] = useState<{ id: string; idNumber: string; phone: string | null } | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [revealError, setRevealError] = useState<string | null>(null);
  const shown = clear && p && clear.id === p.id ? clear : null;
  const reveal = async () => {
    if (!p) return;
    setRevealing(true);
    setRevealError(null);
    try {
      // A POST: revealing is an audited action, never a GET a link or an image could send in one's name.
      const full = await api.post<{ idNumber: string; phone: string | null }>(personUrl(p.id, 'reveal'));
      setClear({ id: p.id, ...full });
    } catch (e) {
      setRevealError(errorMessage(e));
    } finally {
      setRevealing(false);
    }
  };
  const mayExtend = p && p.mayWrite && p.lastStep >= 15 && p.lastStep < 23 && p.probationExtendedMonths === 0;
  return (
    <PageContainer
      title={p ? <Space wrap>{p.name}<Tag color={STAGE_COLOR[p.stage]}>{STAGE_LABEL[p.stage]}</Tag></Space> : '发展党员'}
      subTitle={p ? `${p.orgName} · 第 ${p.lastStep} / 25 步` : undefined}
      extra={<Space wrap>{p && <Button icon={<FileWordOutlined />} loading={downloading} onClick={() => void start(personUrl(p.id, 'checklist.docx'), undefined, `发展党员材料清单-${p.name}.docx`)}>材料清单</Button>}{mayExtend && <Button onClick={() => setExtending(true)}>延长预备期</Button>}<Link to="/recruitment"><Button icon={<ArrowLeftOutlined />}>发展党员</Button></Link></Space>}
    >
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {!p && !q.isError && <Skeleton active />}
      {revealError && <Alert type="error" showIcon closable title={revealError} style={{ marginBottom: 12 }} onClose={() => setRevealError(null)} />}
      {p && (
        <Row gutter={[16, 16]}>
          <Col xs={{ span: 24, order: 2 }} lg={{ span: 14, order: 1 }}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card size="small">
                <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
                  { key: 'g', label: '性别 · 年龄', children: `${p.gender === 'male' ? '男' : '女'} · ${p.age} 岁（${p.birthDate}）` },
                  {
                    key: 'id', label: '身份证号',
                    children: (
                      <Space wrap size={4}>
                        {shown?.idNumber ?? p.idNumber}
                        {p.mayReveal && !shown && <Button size="small" type="link" icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()}>显示完整</Button>}
                      </Space>
                    ),
                  },
                  { key: 'ph', label: '手机号码', children: (shown ? shown.phone : p.phone) ?? '-' },
                  { key: 'o', label: '党支部', children: p.orgName },
                  ...(p.probationEndsOn ? [{ key: 'pe', label: '预备期满', children: `${p.probationEndsOn}${p.probationExtendedMonths ? `（已延长 ${p.probationExtendedMonths} 个月）` : ''}` }] : []),
                  ...(p.memberId ? [{ key: 'm', label: '党员档案', children: <Link to={`/members?id=${p.memberId}`}>查看</Link> }] : []),
                ]} />
              </Card>
              <Card size="small" title="发展步骤"><Steps person={p} /></Card>
            </Space>
          </Col>
          {/* On a phone the form comes first: the timeline is long. */}
          <Col xs={{ span: 24, order: 1 }} lg={{ span: 10, order: 2 }}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              {p.mayWrite && p.next && <NextStepForm key={p.next.no} person={p} />}
              <Documents person={p} />
            </Space>
          </Col>
        </Row>
      )}
      {extending && p && <ExtendModal person={p} onClose={() => setExtending(false)} />}
    </PageContainer>
  );
}
