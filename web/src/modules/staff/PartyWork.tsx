// An employee's Party-affairs post for the committee (党务工作者, 党群部专职) with since and term end: shown in the
// staff drawer, set or ended by those who edit staff (audited by the server). The 党务干部 register lists it.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Form, Popconfirm, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client';
import type { Staff } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { fromDay, toDay } from './IdentityFields';

const POSTS = [
  { value: 'affairsStaff', label: '党务工作者' },
  { value: 'affairsFullTime', label: '党群部专职' },
] as const;

interface Values { post: 'affairsStaff' | 'affairsFullTime'; since: Dayjs | null; until?: Dayjs | null }

export function PartyWork({ staff, url, editable }: { staff: Staff; url: string; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const current = staff.partyWork;
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['staff', staff.id] }), queryClient.invalidateQueries({ queryKey: ['training'] })]);
  const end = async () => {
    try {
      await api.put(url, { post: null });
      void message.success('已解除党务岗位');
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Descriptions
        title="党务岗位"
        column={1}
        bordered
        size="small"
        items={[{
          key: 'post', label: '岗位',
          children: (
            <Space wrap>
              <span>{current ? `${current.postName}（${current.since} 起${current.until ? `，至 ${current.until}` : ''}）` : '未担任'}</span>
              {editable && staff.employment === 'active' && <Button size="small" onClick={() => setOpen(true)}>{current ? '修改' : '设置'}</Button>}
              {editable && current && (
                <Popconfirm title="解除后不再列入党务干部名册，确定解除？" okText="解除" cancelText="取消" onConfirm={() => end()}>
                  <Button size="small" danger>解除</Button>
                </Popconfirm>
              )}
            </Space>
          ),
        }]}
      />
      <FormModal<Values>
        title="党务岗位"
        open={open}
        onClose={() => setOpen(false)}
        successMessage="已保存"
        initialValues={{ post: current?.post ?? 'affairsStaff', since: fromDay(current?.since) ?? null, until: fromDay(current?.until) ?? null }}
        onSubmit={(v) => api.put(url, { post: v.post, since: toDay(v.since), until: toDay(v.until) })}
        onSuccess={() => { setOpen(false); void refresh(); }}
      >
        <Form.Item name="post" label="岗位" rules={[{ required: true, message: '请选择党务岗位' }]} extra="列入党务干部名册；是党员的按党务干部要求统计学时。">
          <Select options={POSTS.map((p) => ({ ...p }))} />
        </Form.Item>
        <Form.Item name="since" label="任职起始日期" rules={[{ required: true, message: '请填写任职起始日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="until" label="任期届满日期（可不填）">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
