import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Grid, Popconfirm, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { Staff } from '../../api/types';
import { useSession } from '../../app/session';
import { UnmaskedExport } from './UnmaskedExport';
import { ImportButton } from '../imports/ImportButton';
import { DetailDrawer } from '../../components/DetailDrawer';
import { PersonAccount } from '../../components/PersonAccount';
import { FormModal } from '../../components/FormModal';
import { ListPage, useRefreshList } from '../../components/ListPage';
import {
  AGE_BAND_LABEL,
  EDUCATION_OPTIONS,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  label,
  options,
} from '../../lib/people';
import { UNITS_KEY } from '../units/units';
import { UnitTreeSelect } from '../units/units';
import { IdentityFields, fromDay, identityBody, type IdentityValues } from './IdentityFields';
import { RecordLink } from '../../components/RecordLink';
import { PartyWork } from './PartyWork';

export const STAFF_URL = '/api/v1/staff';

const EMPLOYMENT_COLOR: Record<string, string> = { active: 'green', retired: 'blue', left: 'default' };

function staffUrl(id: string): string {
  return `${STAFF_URL}/${encodeURIComponent(id)}`;
}

/** Drawer with one staff record; holders of member.sensitive may reveal the full numbers (audited). */
function StaffDrawer({
  id,
  onClose,
  onEdit,
}: {
  id: string | null;
  onClose: () => void;
  onEdit?: (staff: Staff) => void;
}) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<Staff | null>(null);
  const record = useQuery({
    queryKey: ['staff', id],
    queryFn: ({ signal }) => api.get<Staff>(staffUrl(id!), undefined, signal),
    enabled: !!id,
  });
  const [revealing, setRevealing] = useState(false);
  const phone = Grid.useBreakpoint().md === false;
  // A revealed copy is shown until the record is reloaded (e.g. after an edit); then the masked one again.
  const [revealedAt, setRevealedAt] = useState(0);
  const fresh = !!revealed && revealed.id === id && record.dataUpdatedAt <= revealedAt;
  const shown = fresh ? revealed : record.data;

  const reveal = async () => {
    if (!id) return;
    setRevealing(true);
    try {
      // A POST: revealing is an audited action, never a GET a link or an image could send in one's name.
      const full = await api.post<Staff>(`${staffUrl(id)}/reveal`);
      setRevealed(full);
      setRevealedAt(Date.now());
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setRevealing(false);
    }
  };

  const items: DescriptionsProps['items'] = shown
    ? [
        { key: 'name', label: '姓名', children: shown.name },
        { key: 'gender', label: '性别', children: label(GENDER_LABEL, shown.gender) },
        { key: 'idNumber', label: '身份证号', span: 2, children: shown.idNumber },
        { key: 'birthDate', label: '出生日期', children: `${shown.birthDate}（${shown.age} 岁）` },
        { key: 'phone', label: '手机号', children: shown.phone || '-' },
        { key: 'ethnicity', label: '民族', children: shown.ethnicity || '-' },
        { key: 'education', label: '学历', children: shown.education || '-' },
        { key: 'nativePlace', label: '籍贯', children: shown.nativePlace || '-' },
        { key: 'unitName', label: '所在单位', children: shown.unitName },
        { key: 'post', label: '工作岗位', children: shown.post || '-' },
        { key: 'employment', label: '在岗状态', children: label(EMPLOYMENT_LABEL, shown.employment) },
        { key: 'workStartedOn', label: '参加工作日期', children: shown.workStartedOn || '-' },
        { key: 'isMember', label: '党员', children: shown.memberId ? '是' : '否' },
        { key: 'partyWork', label: '党务岗位', children: shown.partyWork?.postName ?? '-' },
        { key: 'address', label: '家庭住址', span: 2, children: shown.address || '-' },
      ]
    : [];

  // In the header on wide screens; above the facts on phones, where the header has no room.
  const actions = shown && (
    <Space wrap>
      {can('member.sensitive@root') && shown.masked && (
        <Button icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()}>
          显示完整信息
        </Button>
      )}
      {onEdit && (
        <Button type="primary" onClick={() => onEdit(shown)}>
          编辑
        </Button>
      )}
    </Space>
  );

  return (
    <DetailDrawer
      title={shown ? `员工：${shown.name}` : '员工'}
      open={!!id}
      onClose={() => {
        setRevealed(null);
        onClose();
      }}
      loading={record.isPending}
      items={items}
      extra={!phone && actions}
    >
      {phone && actions && <div style={{ marginBottom: 16 }}>{actions}</div>}
      {record.isError && <Typography.Text type="danger">{errorMessage(record.error)}</Typography.Text>}
      {/* A member's account is linked on the member record, where sign-in and scores look for it. */}
      {shown && (shown.memberId ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          该员工是党员，登录账号在党员名册中关联。
        </Typography.Paragraph>
      ) : (
        <div style={{ marginTop: 16 }}>
          <PersonAccount kind="staff" id={shown.id} url={`${staffUrl(shown.id)}/account`} editable={!!onEdit} />
        </div>
      ))}
      {shown && (
        <div style={{ marginTop: 16 }}>
          <PartyWork staff={shown} url={`${staffUrl(shown.id)}/party-work`} editable={!!onEdit} />
        </div>
      )}
      {shown && !shown.masked && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          完整信息的查看已记入审计日志。
        </Typography.Paragraph>
      )}
    </DetailDrawer>
  );
}

type Dialog = { kind: 'create' } | { kind: 'edit'; staff: Staff } | null;

export default function StaffPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const writable = can('staff.write@root');
  const refreshList = useRefreshList(STAFF_URL);
  const [viewing, setViewing] = useState<string | null>(null);
  // Holders of member.sensitive may export the numbers in clear; the list itself stays masked.
  const [unmasked, setUnmasked] = useState(false);
  const exportPost = useMemo(() => (unmasked ? { url: `${STAFF_URL}/export.xlsx`, body: { unmasked: true } } : undefined), [unmasked]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [lastDialog, setLastDialog] = useState<Exclude<Dialog, null> | null>(null);
  // Each opening mounts a fresh form, so no values linger from the previous record.
  const [seq, setSeq] = useState(0);
  const open = (d: Exclude<Dialog, null>) => {
    setLastDialog(d);
    setDialog(d);
    setSeq((n) => n + 1);
  };
  const phone = Grid.useBreakpoint().md === false;
  const refresh = async () => {
    await Promise.all([
      refreshList(),
      queryClient.invalidateQueries({ queryKey: ['staff'] }),
      queryClient.invalidateQueries({ queryKey: UNITS_KEY }),
    ]);
  };

  const remove = async (s: Staff) => {
    try {
      await api.delete(staffUrl(s.id));
      void message.success(`已删除员工“${s.name}”`);
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns: ColumnsType<Staff> = [
    {
      title: '姓名',
      dataIndex: 'name',
      sorter: true,
      fixed: phone ? undefined : 'left',
      render: (v: string, s) => <RecordLink onOpen={() => setViewing(s.id)}>{v}</RecordLink>,
    },
    { title: '性别', dataIndex: 'gender', responsive: ['sm'], render: (v: string) => label(GENDER_LABEL, v) },
    { title: '年龄', dataIndex: 'age', sorter: true, responsive: ['sm'] },
    { title: '身份证号', dataIndex: 'idNumber', responsive: ['lg'] },
    { title: '手机号', dataIndex: 'phone', responsive: ['lg'], render: (v: string | null) => v || '-' },
    { title: '所在单位', dataIndex: 'unitName', sorter: true },
    { title: '岗位', dataIndex: 'post', responsive: ['md'], render: (v: string | null) => v || '-' },
    { title: '学历', dataIndex: 'education', responsive: ['md'], render: (v: string | null) => v || '-' },
    {
      title: '在岗状态',
      dataIndex: 'employment',
      render: (v: string) => <Tag color={EMPLOYMENT_COLOR[v]}>{label(EMPLOYMENT_LABEL, v)}</Tag>,
    },
    {
      title: '党员',
      dataIndex: 'memberId',
      responsive: ['md'],
      render: (v: string | null) => (v ? <Tag color="red">党员</Tag> : '-'),
    },
    {
      // On phones the name opens the drawer, which carries 编辑.
      title: '操作',
      key: 'actions',
      fixed: 'right',
      responsive: ['md'],
      render: (_, s) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(s.id)}>
            查看
          </Button>
          {writable && (
            <Button type="link" size="small" onClick={() => open({ kind: 'edit', staff: s })}>
              编辑
            </Button>
          )}
          {writable && (
            <Popconfirm
              title={`删除员工“${s.name}”？`}
              description="党员身份仍在的员工不能删除。删除后可由管理员恢复。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => remove(s)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const d = dialog ?? lastDialog;
  const editing = d?.kind === 'edit' ? d.staff : null;

  return (
    <>
      <ListPage<Staff>
        title="员工"
        subTitle="在岗与离退员工名册。身份证号、手机号和住址默认脱敏显示。"
        url={STAFF_URL}
        rowKey="id"
        columns={columns}
        exportName="员工名册"
        searchFields={[
          { type: 'custom', name: 'unitId', label: '单位', render: () => <UnitTreeSelect /> },
          { type: 'text', name: 'keyword', label: '姓名/身份证号', placeholder: '姓名或完整身份证号' },
          { type: 'select', name: 'employment', label: '在岗状态', options: options(EMPLOYMENT_LABEL) },
          { type: 'select', name: 'gender', label: '性别', options: options(GENDER_LABEL) },
          { type: 'select', name: 'education', label: '学历', options: EDUCATION_OPTIONS },
          { type: 'select', name: 'ageBand', label: '年龄段', options: options(AGE_BAND_LABEL) },
          {
            type: 'select',
            name: 'isMember',
            label: '是否党员',
            options: [
              { value: 'true', label: '是' },
              { value: 'false', label: '否' },
            ],
          },
        ]}
        exportPost={exportPost}
        toolbar={
          <>
            {can('member.sensitive@root') && <UnmaskedExport checked={unmasked} onChange={setUnmasked} />}
            <ImportButton kind="staff" />
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
                新增员工
              </Button>
            )}
          </>
        }
      />

      <StaffDrawer
        id={viewing}
        onClose={() => setViewing(null)}
        onEdit={writable ? (s) => open({ kind: 'edit', staff: s }) : undefined}
      />

      <FormModal<IdentityValues>
        key={seq}
        title={editing ? `编辑员工：${editing.name}` : '新增员工'}
        open={dialog !== null}
        onClose={() => setDialog(null)}
        width={720}
        initialValues={
          editing
            ? {
                name: editing.name,
                idNumber: editing.masked ? undefined : editing.idNumber,
                gender: editing.gender,
                birthDate: fromDay(editing.birthDate),
                phone: editing.masked ? undefined : (editing.phone ?? undefined),
                ethnicity: editing.ethnicity ?? undefined,
                education: editing.education ?? undefined,
                nativePlace: editing.nativePlace ?? undefined,
                address: editing.masked ? undefined : (editing.address ?? undefined),
                post: editing.post ?? undefined,
                employment: editing.employment,
                workStartedOn: fromDay(editing.workStartedOn),
                unitId: editing.unitId,
              }
            : { employment: 'active', ethnicity: '汉族' }
        }
        onSubmit={(v) =>
          editing
            ? api.patch(staffUrl(editing.id), identityBody(v, editing.masked))
            : api.post(STAFF_URL, identityBody(v))
        }
        onSuccess={() => void refresh()}
      >
        <IdentityFields
          maskedIdNumber={editing?.masked ? editing.idNumber : undefined}
          maskedPhone={editing?.masked ? editing.phone : undefined}
          maskedAddress={editing?.masked ? editing.address : undefined}
        />
      </FormModal>
    </>
  );
}
