import { ImportWizard } from './ImportWizard';

/** /members/import — the import wizard for 党员 (member.write). */
export default function MemberImportPage() {
  return <ImportWizard kind="members" />;
}
