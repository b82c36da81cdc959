import { ImportWizard } from '../imports/ImportWizard';

/** /volunteer/residents/import — the import wizard for 服务对象 (volunteer.write). */
export default function ResidentImportPage() {
  return <ImportWizard kind="residents" />;
}
