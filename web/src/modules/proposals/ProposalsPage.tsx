// Placeholder until the page is built.
import { PageContainer } from '../../components/PageContainer';

export default function ProposalsPage() {
  return <PageContainer title="合理化建议">建设中</PageContainer>;
}
