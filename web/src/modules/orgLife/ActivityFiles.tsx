// Photos and files of a record: images as thumbnails (served inline), other files as download links;
// upload and delete while the record is not archived (the server checks the type by content).
import { Attachments } from '../../components/Attachments';
import { attachmentUrl, deleteAttachment, uploadAttachment, useRefreshOrgLife } from './api';
import type { ActivityDetail } from './types';

export function ActivityFiles({ activity, editable }: { activity: ActivityDetail; editable: boolean }) {
  const refresh = useRefreshOrgLife();
  return (
    <Attachments
      files={activity.attachments}
      urlOf={(fileId, inline) => attachmentUrl(activity.id, fileId, inline)}
      upload={editable ? (file) => uploadAttachment(activity.id, file) : undefined}
      remove={editable ? (fileId) => deleteAttachment(activity.id, fileId) : undefined}
      onChanged={refresh}
      thumbnails
      uploadLabel="上传照片或文件"
      pickLabel="选择照片或文件"
      hint="活动照片、签到表扫描件、学习材料等"
      emptyText="无照片和附件"
    />
  );
}
