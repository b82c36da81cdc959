import { ImportWizard } from './ImportWizard';

/** /staff/import — the import wizard for 员工 (staff.write). */
export default function StaffImportPage() {
  return <ImportWizard kind="staff" />;
}
