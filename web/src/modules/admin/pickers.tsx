// Data hooks and pickers for the administration pages (users, roles, organisations).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { TreeSelectProps } from 'antd';
import { api } from '../../api/client';
import type { AdminOrg, Grantee, Items, Permission, Role } from '../../api/types';
import { OrgTreeSelect as OrgTreeSelectView } from '../org/OrgTreeSelect';

export const USERS_URL = '/api/v1/admin/users';
export const ROLES_URL = '/api/v1/admin/roles';
export const GRANTS_URL = '/api/v1/admin/grants';
export const GRANTEES_URL = '/api/v1/admin/grantees';
export const PERMISSIONS_URL = '/api/v1/admin/permissions';
export const ADMIN_ORGS_URL = '/api/v1/admin/orgs';

export const ROLES_KEY = ['admin', 'roles'] as const;

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: ({ signal }) => api.get<Items<Role>>(ROLES_URL, undefined, signal),
    enabled,
  });
}

export function usePermissions(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'permissions'],
    queryFn: ({ signal }) => api.get<Items<Permission>>(PERMISSIONS_URL, undefined, signal),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useAdminOrgs() {
  return useQuery({
    queryKey: ['admin', 'orgs'],
    queryFn: ({ signal }) => api.get<Items<AdminOrg>>(ADMIN_ORGS_URL, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** Organisation picker over the whole tenant (GET /api/v1/admin/orgs). */
export function OrgTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const orgs = useAdminOrgs();
  return <OrgTreeSelectView items={orgs.data?.items} failed={orgs.isError} loading={orgs.isPending} {...props} />;
}

/** Props antd's Form.Item passes to a control (id ties the label to the input). */
export interface PickerProps {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
}

/** Role picker (GET /api/v1/admin/roles). */
export function RoleSelect(props: PickerProps) {
  const roles = useRoles();
  const options = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  return (
    <Select
      id={props.id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={props.placeholder ?? '请选择角色'}
      loading={roles.isPending}
      options={options}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

interface UserOption {
  value: string;
  label: string;
}

/** Users a 安全保密员 may grant to (GET /api/v1/admin/grantees: id, username and name only). */
function useUserOptions(keyword: string) {
  const users = useQuery({
    queryKey: ['admin', 'grantees', keyword],
    queryFn: ({ signal }) => api.get<Items<Grantee>>(GRANTEES_URL, { keyword }, signal),
    staleTime: 30_000,
  });
  const options: UserOption[] = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
  return { options, loading: users.isFetching, failed: users.isError };
}

/** User picker searching GET /api/v1/admin/grantees by keyword as the user types. */
export function UserSelect(props: PickerProps) {
  const [keyword, setKeyword] = useState('');
  // Labels of users seen so far, so a chosen user keeps its name when the search changes.
  const [known, setKnown] = useState<Record<string, string>>({});
  const { options, loading, failed } = useUserOptions(keyword);
  const { value } = props;
  if (value && !options.some((o) => o.value === value) && known[value]) {
    options.unshift({ value, label: known[value] });
  }
  return (
    <Select
      id={props.id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      placeholder={props.placeholder ?? '输入姓名或用户名搜索'}
      loading={loading}
      notFoundContent={failed ? '无法加载用户列表' : '无匹配用户'}
      options={options}
      value={value}
      onChange={(v: string | undefined) => {
        const option = options.find((o) => o.value === v);
        if (v && option) setKnown((k) => ({ ...k, [v]: option.label }));
        props.onChange?.(v);
      }}
      onClear={() => setKeyword('')}
    />
  );
}
