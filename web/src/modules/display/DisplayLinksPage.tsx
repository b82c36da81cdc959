// 大屏链接 (display.manage): the committee's wall-screen links — issue one for an organisation and a place (the link
// is shown once, to copy onto the screen's browser), see when each screen last fetched its figures, revoke for good.
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { PageContainer } from '../../components/PageContainer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { formatInstantMinute } from '../../lib/time';
import { DISPLAY_URL, STATUS_LABEL, type DisplayLink, type LinkIssued, type LinkList } from './api';

const KEY = ['display', 'links'];

interface IssueValues { orgId: string; place: string; expiresOn?: Dayjs | null }

export default function DisplayLinksPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [issuing, setIssuing] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<LinkList>(`${DISPLAY_URL}/links`, undefined, signal) });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post<DisplayLink>(`${DISPLAY_URL}/links/${id}/revoke`),
    onSuccess: () => { void message.success('已停用，大屏将显示“链接无效或已停用”'); void qc.invalidateQueries({ queryKey: KEY }); },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const orgs = list.data?.orgs ?? [];
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      void message.success('已复制链接');
    } catch {
      void message.warning('无法自动复制，请手动选中链接复制');
    }
  };

  return (
    <PageContainer
      title="党建大屏"
      subTitle="为党建活动室等处的大屏签发只读链接：全屏显示本组织的各项数字与图表，每 60 秒自动刷新，不显示任何个人信息。链接只在签发时显示一次，停用后立即失效。"
      extra={<Button type="primary" onClick={() => setIssuing(true)} disabled={orgs.length === 0}>签发链接</Button>}
    >
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <ResponsiveTable<DisplayLink>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '还没有签发大屏链接' }}
        columns={[
          { title: '位置', dataIndex: 'place', key: 'place' },
          { title: '组织', dataIndex: 'orgName', key: 'orgName' },
          { title: '状态', key: 'status', render: (_, r) => <Tag color={STATUS_LABEL[r.status].color}>{STATUS_LABEL[r.status].text}</Tag> },
          { title: '有效期至', key: 'expiresOn', render: (_, r) => r.expiresOn ?? '长期' },
          { title: '签发', key: 'created', render: (_, r) => `${r.createdByName ?? ''} ${formatInstantMinute(r.createdAt)}` },
          { title: '最近访问', key: 'lastSeenAt', render: (_, r) => (r.lastSeenAt ? formatInstantMinute(r.lastSeenAt) : '未访问') },
          { title: '停用', key: 'revoked', render: (_, r) => (r.revokedAt ? `${r.revokedByName ?? ''} ${formatInstantMinute(r.revokedAt)}` : '') },
          {
            title: '操作', key: 'actions',
            render: (_, r) => r.status === 'revoked' ? null : (
              <Popconfirm title="停用后该链接永久失效，大屏将不再显示数据。确定停用？" okText="停用" okButtonProps={{ danger: true }} onConfirm={() => revoke.mutateAsync(r.id).catch(() => undefined)}>
                <Button size="small" danger>停用</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <FormModal<IssueValues, LinkIssued>
        title="签发大屏链接"
        open={issuing}
        onClose={() => setIssuing(false)}
        initialValues={{ orgId: orgs[0]?.id, place: '党建活动室' }}
        okText="签发"
        successMessage=""
        onSubmit={(v) => api.post<LinkIssued>(`${DISPLAY_URL}/links`, { orgId: v.orgId, place: v.place, expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : undefined })}
        onSuccess={(r) => { setIssuing(false); setShown(`${window.location.origin}${r.path}`); void qc.invalidateQueries({ queryKey: KEY }); }}
      >
        <Form.Item name="orgId" label="显示哪个组织的数据" rules={[{ required: true, message: '请选择组织' }]}>
          <Select showSearch optionFilterProp="label" options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="place" label="大屏位置" rules={[{ required: true, message: '请填写大屏位置' }, { max: 40, message: '大屏位置最多 40 个字' }]}>
          <Input placeholder="如 党建活动室" />
        </Form.Item>
        <Form.Item name="expiresOn" label="有效期至" extra="不填则长期有效，直至停用">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
      <Modal
        title="大屏链接已签发"
        open={shown !== null}
        onCancel={() => setShown(null)}
        footer={[<Button key="copy" type="primary" onClick={() => shown && void copy(shown)}>复制链接</Button>, <Button key="close" onClick={() => setShown(null)}>关闭</Button>]}
      >
        <Alert type="warning" showIcon title="链接只显示这一次，请复制后在大屏的浏览器中打开；遗失后请停用并重新签发。" style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={false} data-testid="display-link" style={{ wordBreak: 'break-all', fontFamily: 'monospace' }}>{shown}</Typography.Paragraph>
      </Modal>
    </PageContainer>
  );
}
