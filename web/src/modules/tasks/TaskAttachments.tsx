// A task's attachments (evidence from the owner side, notices from the issuer side): download for all who
// see the task; upload and delete while it is open, for those the server allows (it answers 403/409 otherwise).
import { Attachments } from '../../components/Attachments';
import { useSession } from '../../app/session';
import { attachmentUrl, deleteAttachment, uploadAttachment, useRefreshTasks } from './api';
import type { TaskDetail } from './types';

export function TaskAttachments({ task }: { task: TaskDetail }) {
  const { me } = useSession();
  const refresh = useRefreshTasks();
  const open = task.status !== 'closed';
  // The owner side adds evidence, the issuer side (who may edit) adds notices.
  const canUpload = open && (task.can.complete || task.can.edit);
  return (
    <Attachments
      files={task.attachments ?? []}
      urlOf={(fileId) => attachmentUrl(task.id, fileId)}
      upload={canUpload ? (file) => uploadAttachment(task.id, file) : undefined}
      remove={open ? (fileId) => deleteAttachment(task.id, fileId) : undefined}
      canDelete={(f) => f.createdBy === me.user.id || task.can.edit}
      onChanged={refresh}
      hint="PDF、Word、Excel 或图片，如会议照片、签到表"
    />
  );
}
