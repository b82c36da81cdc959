// Placeholder until the page is built.
import { PageContainer } from '../../components/PageContainer';

export default function CampaignsPage() {
  return <PageContainer title="活动看板">建设中</PageContainer>;
}
