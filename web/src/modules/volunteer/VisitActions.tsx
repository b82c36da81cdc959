// What the responsible secretary does about a 需关注/紧急 visit: 标记已处理 (with a note) or 转督办 (one click makes
// a 督办 task for it; a second click finds the same task). The server decides who may (403 with the reason).
import { useState } from 'react';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { handleVisit, useRefreshVolunteer, visitTask } from './api';
import type { Visit } from './types';

export function VisitActions({ visit }: { visit: Visit }) {
  const { message } = App.useApp();
  const refresh = useRefreshVolunteer();
  const [handling, setHandling] = useState(false);
  const [tasking, setTasking] = useState(false);
  const [taskId, setTaskId] = useState<string | null>(visit.taskId ?? null);
  if (visit.condition === 'normal') return null;
  const handled = !!visit.handledAt;
  // The server says what this user may do with the visit (the responsible secretary or volunteer.write over it).
  const mayHandle = visit.allowed.includes('handle');
  const mayTask = visit.allowed.includes('task');

  const toTask = async () => {
    setTasking(true);
    try {
      const answer = await visitTask(visit.id);
      setTaskId(answer.taskId);
      void message.success('已转为督办事项');
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setTasking(false);
    }
  };

  return (
    <Space wrap size={[8, 4]}>
      {handled && (
        <Typography.Text type="success">
          已处理{visit.handledByName ? `（${visit.handledByName}）` : ''}{visit.handledNote ? `：${visit.handledNote}` : ''}
        </Typography.Text>
      )}
      {mayHandle && !handled && (
        <Button size="small" type="primary" onClick={() => setHandling(true)}>
          标记已处理
        </Button>
      )}
      {taskId ? (
        <Link to={`/tasks?id=${encodeURIComponent(taskId)}`}>查看督办</Link>
      ) : (
        mayTask && (
          <Button size="small" loading={tasking} onClick={() => void toTask()}>
            转督办
          </Button>
        )
      )}
      <FormModal<{ note: string }>
        title="标记已处理"
        open={handling}
        onClose={() => setHandling(false)}
        okText="已处理"
        successMessage="已标记处理"
        onSubmit={(v) => handleVisit(visit.id, v.note.trim())}
        onSuccess={() => void refresh()}
      >
        <Form.Item name="note" label="处理情况" rules={[{ required: true, whitespace: true, message: '请填写处理情况' }, { max: 500 }]}>
          <Input.TextArea rows={3} placeholder="如 已联系家属，安排社区医生上门" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
