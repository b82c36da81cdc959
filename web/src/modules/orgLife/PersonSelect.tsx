// 主持人 / 记录人: a member of the organisation holding the activity, searched by name in the roster (the server
// refuses anyone outside it). An old record's typed name shows as the placeholder until someone is picked.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../../api/client';
import type { Member, Page } from '../../api/types';

export function PersonSelect({
  orgId,
  value,
  onChange,
  current,
  legacyName,
  ariaLabel,
}: {
  orgId: string | undefined;
  value?: string | null;
  onChange?: (v: string | null) => void;
  /** The saved person, so the select shows their name before any search. */
  current?: { id: string; name: string } | null;
  /** The name typed on a record made before people were picked from the roster. */
  legacyName?: string;
  ariaLabel: string;
}) {
  const [keyword, setKeyword] = useState('');
  const members = useQuery({
    queryKey: ['members', 'pick', orgId, keyword],
    queryFn: ({ signal }) => api.get<Page<Member>>('/api/v1/members', { orgId, keyword: keyword || undefined, status: 'active', pageSize: 20 }, signal),
    enabled: !!orgId,
    retry: false,
  });
  const options = (members.data?.items ?? []).map((m) => ({
    value: m.id,
    label: m.name,
    title: [m.branchName, m.groupName].filter(Boolean).join(' / '),
  }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.name, title: '' });
  return (
    <Select
      aria-label={ariaLabel}
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      onOpenChange={(open) => !open && setKeyword('')}
      placeholder={!orgId ? '请先选择党组织' : legacyName ? `${legacyName}（原填写，请从名册中选择）` : '输入姓名查找本组织党员'}
      disabled={!orgId}
      loading={members.isFetching}
      notFoundContent={members.isError ? '党员加载失败' : '本组织没有匹配的党员'}
      options={options}
      optionRender={(o) => (
        <span>
          {o.label}
          {o.data.title && <span style={{ color: 'rgba(0,0,0,0.45)', marginInlineStart: 8, fontSize: 12 }}>{o.data.title}</span>}
        </span>
      )}
    />
  );
}
