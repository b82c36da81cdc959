// 账号审批: the 安全保密员 and 安全审计员 approve or refuse what the 系统管理员 proposed on accounts (三员分立).
import { Flex } from 'antd';
import { PageContainer } from '../../components/PageContainer';
import { AccountRequestsCard } from './accountRequests';

export default function ApprovalsPage() {
  return (
    <PageContainer
      title="账号审批"
      subTitle="系统管理员重置密码、停用或启用三员账号，须由另一类三员批准后才生效。重置密码时，你批准后会看到临时密码的后半段，请只交给本人。"
    >
      <Flex vertical gap={16}>
        <AccountRequestsCard status="pending" title="待我批准" emptyText="暂无待批准的申请" />
        <AccountRequestsCard status="all" title="最近的申请" emptyText="暂无申请记录" />
      </Flex>
    </PageContainer>
  );
}
