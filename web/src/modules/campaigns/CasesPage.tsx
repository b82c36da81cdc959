// Placeholder until the page is built.
import { PageContainer } from '../../components/PageContainer';

export default function CasesPage() {
  return <PageContainer title="精品案例">建设中</PageContainer>;
}
