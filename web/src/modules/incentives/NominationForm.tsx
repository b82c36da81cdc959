// 推荐表彰对象 (a branch, incentive.write): the category, the nominating organisation, the nominee from its
// subtree (优秀党务工作者: only those holding a post; 先进基层党组织: an organisation) and the deeds. The server
// takes the nominee's data snapshot as it saves.
import { Form, Input, Select } from 'antd';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { BranchSelect } from '../members/orgPickers';
import { selectionUrl, useNominees, type Category, type Nomination, type NominationInput, type Selection } from './SelectionApi';

interface Values { category: Category; orgId: string; nomineeId: string; deeds: string }

export function NominationModal({ selection, onClose, onDone }: { selection: Selection | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const orgId = Form.useWatch('orgId', form);
  const nominees = useNominees(orgId, category);
  return (
    <FormModal<Values, Nomination>
      title={selection ? `推荐表彰对象：${selection.title}` : '推荐表彰对象'} open={!!selection} onClose={onClose} form={form} width={600}
      okText="推荐" successMessage="已推荐，推荐时的党员数据已留存"
      initialValues={{ category: 'outstandingMember' }}
      onSubmit={(v) => api.post<Nomination>(selectionUrl(selection!.id, 'nominations'), { category: v.category, orgId: v.orgId, nomineeId: v.nomineeId, deeds: v.deeds.trim() } satisfies NominationInput)}
      onSuccess={onDone}
    >
      <Form.Item name="category" label="类别" rules={[{ required: true }]}>
        <Select options={(selection?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))} onChange={() => form.setFieldValue('nomineeId', undefined)} />
      </Form.Item>
      <Form.Item name="orgId" label="推荐组织" rules={[{ required: true, message: '请选择推荐组织' }]}>
        <BranchSelect onChange={(v) => { form.setFieldValue('orgId', v); form.setFieldValue('nomineeId', undefined); }} />
      </Form.Item>
      <Form.Item name="nomineeId" label="推荐对象" rules={[{ required: true, message: '请选择推荐对象' }]}
        extra={category === 'outstandingWorker' ? '优秀党务工作者限担任党内职务（书记、委员等）的党员' : undefined}>
        <Select
          showSearch={{ optionFilterProp: 'label' }} loading={nominees.isFetching} disabled={!orgId}
          placeholder={orgId ? '输入姓名搜索' : '请先选择推荐组织'}
          notFoundContent={nominees.isError ? '加载失败' : '无可推荐对象'}
          options={(nominees.data?.items ?? []).map((n) => ({ value: n.id, label: [n.name, n.orgName, n.posts.join('、')].filter(Boolean).join(' · ') }))}
        />
      </Form.Item>
      <Form.Item name="deeds" label="主要事迹" rules={[{ required: true, whitespace: true, message: '请填写主要事迹' }, { min: 10, message: '主要事迹至少 10 个字' }, { max: 3000 }]}>
        <Input.TextArea rows={6} showCount maxLength={3000} />
      </Form.Item>
    </FormModal>
  );
}
