// Placeholder until the page is built.
import { PageContainer } from '../../components/PageContainer';

export default function PublicityStatsPage() {
  return <PageContainer title="统计排名">建设中</PageContainer>;
}
