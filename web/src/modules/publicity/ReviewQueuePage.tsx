// Placeholder until the page is built.
import { PageContainer } from '../../components/PageContainer';

export default function ReviewQueuePage() {
  return <PageContainer title="编辑审稿">建设中</PageContainer>;
}
