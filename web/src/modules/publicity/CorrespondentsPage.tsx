// Placeholder until the page is built.
import { PageContainer } from '../../components/PageContainer';

export default function CorrespondentsPage() {
  return <PageContainer title="通讯员队伍">建设中</PageContainer>;
}
