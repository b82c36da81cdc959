// One resident (服务对象): facts with the sensitive ones masked (显示完整信息 reveals them by an audited POST when
// the server allows it), the volunteers paired now and before, recent visits, and the steps this user may take
// (`allowed`, decided by the server). `?visit=` (a 待办 or notification link) puts that visit on top with
// 标记已处理 and 转督办.
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Divider, Empty, Flex, Grid, List, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { Attachments } from '../../components/Attachments';
import { DetailDrawer } from '../../components/DetailDrawer';
import { GENDER_LABEL, label } from '../../lib/people';
import { revealResident, useRefreshVolunteer, useResident, useVisit, visitPhotoUrl } from './api';
import { ConditionTag, DueText, RiskTag, livingText } from './parts';
import { EndPairingModal, PairModal, ResidentFormModal, StatusModal } from './ResidentForms';
import { VisitActions } from './VisitActions';
import { VisitFormModal, type VisitTarget } from './VisitForm';
import { KIND_LABEL, STATUS_LABEL, VOLUNTEER_KIND_LABEL, type Pairing, type ResidentDetail } from './types';

type Step = 'edit' | 'status' | 'pair' | 'end' | 'visit';

/** The visit a 待办 link points at, with what may be done about it. */
function FocusedVisit({ residentId, visitId }: { residentId: string; visitId: string }) {
  const visit = useVisit(visitId);
  const v = visit.data;
  if (!v || v.residentId !== residentId) return null;
  return (
    <Alert
      type={v.condition === 'urgent' ? 'error' : v.condition === 'attention' ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="focused-visit"
      title={
        <span>
          {v.visitedOn} {v.volunteerName} {label(KIND_LABEL, v.kind)} <ConditionTag condition={v.condition} />
        </span>
      }
      description={
        <Flex vertical gap={8}>
          {v.notes && <span style={{ whiteSpace: 'pre-wrap' }}>{v.notes}</span>}
          {v.photos.length > 0 && (
            <Attachments files={v.photos.map((f) => ({ ...f, isImage: f.mime.startsWith('image/') }))} urlOf={(f, inline) => visitPhotoUrl(v.id, f, inline)} thumbnails />
          )}
          <VisitActions visit={v} />
        </Flex>
      }
    />
  );
}

function PairingLine({ p, onEnd }: { p: Pairing; onEnd?: () => void }) {
  return (
    <List.Item
      actions={
        onEnd && !p.endedOn
          ? [
              <Button key="end" size="small" onClick={onEnd}>
                结束结对
              </Button>,
            ]
          : undefined
      }
    >
      <Flex vertical style={{ minWidth: 0 }}>
        <span>
          <Typography.Text strong>{p.volunteerName}</Typography.Text>{' '}
          <Typography.Text type="secondary">{label(VOLUNTEER_KIND_LABEL, p.volunteerKind)}</Typography.Text>
          {!p.endedOn && (
            <Tag color="green" style={{ marginInlineStart: 8 }}>
              结对中
            </Tag>
          )}
        </span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p.startedOn} 起{p.endedOn ? `，${p.endedOn} 结束${p.endReason ? `（${p.endReason}）` : ''}` : ''}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

export function ResidentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const [params, setParams] = useSearchParams();
  const visitId = params.get('visit');
  const record = useResident(id);
  const refresh = useRefreshVolunteer();
  const [revealed, setRevealed] = useState<ResidentDetail | null>(null);
  const [revealedAt, setRevealedAt] = useState(0);
  const [revealing, setRevealing] = useState(false);
  const [step, setStep] = useState<Step | null>(null);
  const [ending, setEnding] = useState<Pairing | null>(null);
  const [seq, setSeq] = useState(0);
  // A revealed copy is shown until the record changes (then the masked one again).
  const fresh = revealed && record.data && revealed.id === record.data.id && record.dataUpdatedAt <= revealedAt;
  const r = fresh ? revealed : record.data;
  const allowed = new Set<string>(r?.allowed ?? []);
  const open = (s: Step) => {
    setSeq((n) => n + 1);
    setStep(s);
  };

  const reveal = async () => {
    if (!id) return;
    setRevealing(true);
    try {
      // A POST: each unmasked view is an audited action.
      setRevealed(await revealResident(id));
      setRevealedAt(Date.now());
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setRevealing(false);
    }
  };

  const close = () => {
    setRevealed(null);
    if (visitId) {
      // The visit belongs to this resident's link: closing the record drops both.
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.delete('visit');
        next.delete('id');
        return next;
      });
      return;
    }
    onClose();
  };

  const openPairings = r?.pairings.filter((p) => !p.endedOn) ?? [];
  const pastPairings = r?.pairings.filter((p) => p.endedOn) ?? [];
  const visitTarget: VisitTarget | null = r
    ? {
        residentId: r.id,
        name: r.name,
        // Someone who is not the paired volunteer records on their behalf: the server needs to know whose visit.
        volunteers: allowed.has('edit') ? openPairings.map((p) => ({ kind: p.volunteerKind, id: p.volunteerId, name: p.volunteerName })) : undefined,
      }
    : null;

  const actions = r && (
    <Space wrap>
      {allowed.has('reveal') && r.masked && (
        <Button icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()}>
          显示完整信息
        </Button>
      )}
      {allowed.has('recordVisit') && r.status === 'active' && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => open('visit')}>
          记录走访
        </Button>
      )}
      {allowed.has('edit') && <Button onClick={() => open('edit')}>编辑</Button>}
      {allowed.has('pair') && r.status === 'active' && <Button onClick={() => open('pair')}>结对</Button>}
      {allowed.has('status') && r.status === 'active' && <Button onClick={() => open('status')}>状态变更</Button>}
    </Space>
  );

  const facts: DescriptionsProps['items'] = r && [
    { key: 'name', label: '姓名', children: r.name },
    { key: 'gender', label: '性别 / 年龄', children: `${label(GENDER_LABEL, r.gender)}，${r.age} 岁（${r.birthDate}）` },
    { key: 'community', label: '小区', children: r.community },
    { key: 'address', label: '住址', children: r.address || '-' },
    { key: 'phone', label: '电话', children: r.phone || '-' },
    { key: 'idNumber', label: '身份证号', children: r.idNumber || '-' },
    { key: 'living', label: '居住情况', children: livingText(r.living) },
    { key: 'risk', label: '风险等级', children: <RiskTag risk={r.risk} /> },
    {
      key: 'status',
      label: '状态',
      children: (
        <>
          <Tag color={r.status === 'active' ? 'green' : 'default'}>{label(STATUS_LABEL, r.status)}</Tag>
          {r.statusOn}
        </>
      ),
    },
    { key: 'org', label: '负责组织', children: r.orgName },
    { key: 'last', label: '上次走访', children: r.lastVisitOn ?? '尚未走访' },
    { key: 'due', label: '下次应访', children: r.status === 'active' ? <DueText nextDueOn={r.nextDueOn} overdueDays={r.overdueDays} /> : '-' },
    { key: 'health', label: '健康状况', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.health || '-'}</span> },
    { key: 'needs', label: '服务需求', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.needs || '-'}</span> },
    {
      key: 'emergency',
      label: '紧急联系人',
      span: 2,
      children: r.emergency.length ? r.emergency.map((c, i) => <div key={i}>{`${c.name}（${c.relation}）${c.phone}`}</div>) : '-',
    },
  ];

  return (
    <>
      <DetailDrawer title={r ? `服务对象：${r.name}` : '服务对象'} open={!!id} onClose={close} loading={record.isPending && !!id} extra={!phone && actions} width={720}>
        {phone && actions && <div style={{ marginBottom: 16 }}>{actions}</div>}
        {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
        {r && (
          <>
            {id && visitId && <FocusedVisit residentId={id} visitId={visitId} />}
            <Descriptions column={phone ? 1 : 2} bordered size="small" items={facts} />
            {!r.masked && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
                完整住址、电话、身份证号、健康状况和紧急联系人的查看已记入审计日志。
              </Typography.Text>
            )}
            <Divider titlePlacement="start">结对志愿者</Divider>
            {r.pairings.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未结对" />
            ) : (
              <List
                size="small"
                dataSource={[...openPairings, ...pastPairings]}
                rowKey="id"
                renderItem={(p) => (
                  <PairingLine
                    p={p}
                    onEnd={
                      allowed.has('pair')
                        ? () => {
                            setEnding(p);
                            open('end');
                          }
                        : undefined
                    }
                  />
                )}
              />
            )}
            <Divider titlePlacement="start">最近走访</Divider>
            {r.recentVisits.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无走访记录" />
            ) : (
              <List
                size="small"
                dataSource={r.recentVisits}
                rowKey="id"
                renderItem={(v) => (
                  <List.Item style={v.id === visitId ? { background: '#fffbe6' } : undefined}>
                    <Flex vertical style={{ minWidth: 0, width: '100%' }}>
                      <Flex justify="space-between" gap={8} wrap>
                        <span>
                          {v.visitedOn} <Typography.Text strong>{label(KIND_LABEL, v.kind)}</Typography.Text> {v.minutes} 分钟
                        </span>
                        <ConditionTag condition={v.condition} />
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {v.volunteerName}
                        {v.notes ? `：${v.notes}` : ''}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </DetailDrawer>
      {r && (
        <>
          <VisitFormModal key={`v${seq}`} target={step === 'visit' ? visitTarget : null} open={step === 'visit'} onClose={() => setStep(null)} onDone={() => void refresh()} />
          <ResidentFormModal key={`e${seq}`} resident={r} open={step === 'edit'} onClose={() => setStep(null)} onDone={() => void refresh()} />
          <StatusModal key={`s${seq}`} resident={r} open={step === 'status'} onClose={() => setStep(null)} onDone={() => void refresh()} />
          <PairModal key={`p${seq}`} resident={r} open={step === 'pair'} onClose={() => setStep(null)} onDone={() => void refresh()} />
          <EndPairingModal key={`x${seq}`} pairing={ending} open={step === 'end'} onClose={() => setStep(null)} onDone={() => void refresh()} />
        </>
      )}
    </>
  );
}
