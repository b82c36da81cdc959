// Placeholder until the page is built.
import { PageContainer } from '../../components/PageContainer';

export default function MyManuscriptsPage() {
  return <PageContainer title="我的稿件">建设中</PageContainer>;
}
