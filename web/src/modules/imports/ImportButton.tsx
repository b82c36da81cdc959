import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useSession } from '../../app/session';
import type { ImportKind } from './ImportWizard';

const TARGET: Record<ImportKind, { path: string; permission: string }> = {
  members: { path: '/members/import', permission: 'member.write' },
  staff: { path: '/staff/import', permission: 'staff.write@root' },
  residents: { path: '/volunteer/residents/import', permission: 'volunteer.write' },
  questions: { path: '/training/questions/import', permission: 'training.write' },
  dues: { path: '/dues/import', permission: 'dues.write' },
};

/** 导入 in a list page's toolbar: opens the import wizard, for holders of the write permission only. */
export function ImportButton({ kind }: { kind: ImportKind }) {
  const { can } = useSession();
  const navigate = useNavigate();
  const target = TARGET[kind];
  if (!can(target.permission)) return null;
  return (
    <Button icon={<UploadOutlined />} onClick={() => void navigate(target.path)}>
      导入
    </Button>
  );
}
