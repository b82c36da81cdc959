// What the learner's own pages show to an account that is not linked to a member record (e.g. a 党委管理员 who is
// office staff): learning and exams are done as a member, so there is nothing to list.
import { Alert } from 'antd';

export function NotLinkedNotice() {
  return <Alert type="info" showIcon title="本账号未关联党员档案" description="在线学习、学时和考试按党员本人计算。如您是党员，请联系党委管理员在党员档案中关联本账号。" />;
}
