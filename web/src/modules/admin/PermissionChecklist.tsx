import { Card, Checkbox, Col, Empty, Row, Skeleton } from 'antd';
import type { Permission } from '../../api/types';

export interface PermissionChecklistProps {
  permissions: Permission[] | undefined;
  loading?: boolean;
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}

/** Permissions grouped by `group`, each group with a select-all box. A Form.Item control. */
export function PermissionChecklist({ permissions, loading, value = [], onChange, disabled }: PermissionChecklistProps) {
  if (loading) return <Skeleton active />;
  if (!permissions || permissions.length === 0) return <Empty description="没有可选的权限" />;
  const groups = new Map<string, Permission[]>();
  for (const p of permissions) {
    const list = groups.get(p.group) ?? [];
    list.push(p);
    groups.set(p.group, list);
  }
  const selected = new Set(value);
  const set = (codes: string[], on: boolean) => {
    const next = new Set(selected);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    // Keep the catalogue's order so the saved list is stable.
    onChange?.(permissions.map((p) => p.code).filter((c) => next.has(c)));
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {[...groups.entries()].map(([group, list]) => {
        const codes = list.map((p) => p.code);
        const count = codes.filter((c) => selected.has(c)).length;
        return (
          <Card
            key={group}
            size="small"
            title={
              <Checkbox
                checked={count === codes.length}
                indeterminate={count > 0 && count < codes.length}
                disabled={disabled}
                onChange={(e) => set(codes, e.target.checked)}
              >
                {group}
              </Checkbox>
            }
          >
            <Row gutter={[8, 8]}>
              {list.map((p) => (
                <Col key={p.code} xs={24} sm={12}>
                  <Checkbox checked={selected.has(p.code)} disabled={disabled} onChange={(e) => set([p.code], e.target.checked)}>
                    {p.name}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Card>
        );
      })}
    </div>
  );
}
