// 调整适用组织 (campaign.manage, not closed): add or remove 支部; rows a branch already submitted are kept by the
// server, and branches added to an active campaign are notified.
import { useMemo, useState } from 'react';
import { Alert, Modal, Select, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { useOrgTree } from '../members/orgPickers';
import { setCampaignOrgs, useRefreshCampaigns } from './api';
import type { Campaign } from './types';

export function OrgsModal({ campaign, open, onClose }: { campaign: Campaign; open: boolean; onClose: () => void }) {
  const orgTree = useOrgTree();
  const refresh = useRefreshCampaigns();
  const [value, setValue] = useState<string[]>(() => campaign.orgs.map((o) => o.orgId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(() => {
    const items = orgTree.data?.items ?? [];
    const byId = new Map(items.map((o) => [o.id, o]));
    return items
      .filter((o) => o.kind === 'branch' || o.kind === 'jointBranch')
      .map((o) => {
        const parent = o.parentId ? byId.get(o.parentId) : undefined;
        return { value: o.id, label: parent ? `${o.name}（${parent.name}）` : o.name };
      });
  }, [orgTree.data]);

  const save = async () => {
    if (value.length === 0) {
      setError('请至少选择一个支部');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await setCampaignOrgs(campaign.id, value);
      await refresh();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`调整适用组织：${campaign.name}`} open={open} onCancel={onClose} onOk={() => void save()} okText="保存" cancelText="取消" confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">移出的支部已报送的内容会保留；进行中的活动新加入的支部会收到通知。</Typography.Paragraph>
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        aria-label="适用支部"
        placeholder="选择支部"
        loading={orgTree.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        options={options}
        value={value}
        onChange={setValue}
      />
    </Modal>
  );
}
