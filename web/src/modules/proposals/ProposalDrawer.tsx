// One proposal: what was proposed, the committee's decision and the value created, and the steps the
// committee (proposal.manage) may take in its state.
import { useState } from 'react';
import { Alert, Button, Flex, Space, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { DetailDrawer } from '../../components/DetailDrawer';
import { formatInstant } from '../../lib/time';
import { useProposal } from './api';
import { formatFen } from './money';
import { ProposalStepModal } from './ProposalForms';
import { STATUS_COLOR, STATUS_LABEL, labelOf, type ProposalAction, type ProposalDetail, type ProposalStatus } from './types';

export function StatusTag({ status }: { status: ProposalStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{labelOf(STATUS_LABEL, status)}</Tag>;
}

const BUTTONS: Record<ProposalAction, { label: string; primary?: boolean; danger?: boolean }> = {
  adopt: { label: '采纳', primary: true },
  reject: { label: '不采纳', danger: true },
  implement: { label: '实施并记录创效', primary: true },
  value: { label: '更正创效价值' },
};

/** The steps this user may take now: the server decides (`allowed`, by state and proposal.manage). */
export function actionsFor(p: ProposalDetail): ProposalAction[] {
  return (['adopt', 'reject', 'implement', 'value'] as ProposalAction[]).filter((a) => p.allowed.includes(a));
}

const pre = { whiteSpace: 'pre-wrap' as const };

export function ProposalDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const proposal = useProposal(id);
  const [action, setAction] = useState<ProposalAction | null>(null);
  const [seq, setSeq] = useState(0);
  const p = proposal.data;
  const actions = p ? actionsFor(p) : [];

  return (
    <>
      <DetailDrawer
        title={p ? `合理化建议：${p.title}` : '合理化建议'}
        open={!!id}
        onClose={onClose}
        loading={proposal.isPending && !!id}
        items={
          p
            ? [
                { key: 'status', label: '状态', children: <StatusTag status={p.status} /> },
                { key: 'category', label: '类别', children: p.category },
                { key: 'proposer', label: '提出人', children: p.proposerName },
                { key: 'org', label: '所在组织', children: p.orgName },
                { key: 'at', label: '提出时间', children: formatInstant(p.createdAt) },
                ...(p.decidedAt ? [{ key: 'decided', label: '处理时间', children: `${formatInstant(p.decidedAt)}${p.decidedByName ? ` ${p.decidedByName}` : ''}` }] : []),
                { key: 'content', label: '建议内容', span: 2, children: <span style={pre}>{p.content}</span> },
                { key: 'benefit', label: '预期效益', span: 2, children: <span style={pre}>{p.expectedBenefit || '-'}</span> },
                ...(p.decisionNote
                  ? [{ key: 'note', label: p.status === 'notAdopted' ? '不采纳理由' : '处理意见', span: 2, children: <span style={pre}>{p.decisionNote}</span> }]
                  : []),
                ...(p.status === 'implemented'
                  ? [
                      { key: 'implementedOn', label: '实施日期', children: p.implementedOn ?? '-' },
                      { key: 'value', label: '创效价值', children: <Typography.Text strong data-testid="proposal-value">{formatFen(p.valueFen)} 元</Typography.Text> },
                      ...(p.valueNote ? [{ key: 'valueNote', label: '测算说明', span: 2, children: <span style={pre}>{p.valueNote}</span> }] : []),
                    ]
                  : []),
              ]
            : undefined
        }
        extra={
          actions.length > 0 && (
            <Space wrap>
              {actions.map((a) => (
                <Button
                  key={a}
                  type={BUTTONS[a].primary ? 'primary' : 'default'}
                  danger={BUTTONS[a].danger}
                  onClick={() => {
                    setSeq((n) => n + 1);
                    setAction(a);
                  }}
                >
                  {BUTTONS[a].label}
                </Button>
              ))}
            </Space>
          )
        }
      >
        {proposal.isError && <Alert type="error" showIcon title={errorMessage(proposal.error)} />}
        {p?.status === 'notAdopted' && (
          <Flex style={{ marginTop: 16 }}>
            <Alert type="info" showIcon title="这条建议未被采纳，理由见上。" />
          </Flex>
        )}
      </DetailDrawer>
      <ProposalStepModal key={seq} proposal={p} action={action} onClose={() => setAction(null)} />
    </>
  );
}
