// 每月主题 (“三日一网”): the year's twelve months with the 党委's published theme and the activity days
// every branch must hold that month. 党委 users (orgLife.write over the root) write, publish or withdraw a month's theme.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Switch, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { PageContainer } from '../../components/PageContainer';
import { formatInstant } from '../../lib/time';
import { useCatalogue, useRefreshOrgLife } from './api';
import { useThemes } from './ActivityForm';
import { THEMES_URL, type Theme } from './types';

interface ThemeValues {
  title: string;
  content?: string;
  dayKinds?: string[];
  publish: boolean;
}

function ThemeModal({ month, theme, open, onClose }: { month: string; theme?: Theme; open: boolean; onClose: () => void }) {
  const catalogue = useCatalogue();
  const refresh = useRefreshOrgLife();
  const dayOptions = (catalogue.data?.dayKinds ?? []).map((d) => ({ value: d.code, label: d.name }));
  return (
    <FormModal<ThemeValues, Theme>
      title={`${dayjs(`${month}-01`).format('YYYY年M月')}活动主题`}
      open={open}
      onClose={onClose}
      onSubmit={(v) =>
        api.put<Theme>(`${THEMES_URL}/${month}`, {
          title: v.title.trim(),
          content: v.content?.trim() ?? '',
          dayKinds: v.dayKinds ?? [],
          publish: v.publish,
        })
      }
      onSuccess={() => void refresh()}
      successMessage="主题已保存"
      okText="保存"
      width={640}
      initialValues={{
        title: theme?.title,
        content: theme?.content ?? undefined,
        dayKinds: theme?.dayKinds ?? dayOptions.map((d) => d.value),
        publish: theme ? theme.status === 'published' : true,
      }}
    >
      <Form.Item name="title" label="主题" rules={[{ required: true, whitespace: true, message: '请填写主题' }, { max: 100, message: '主题最多 100 个字' }]}>
        <Input placeholder="如：学习贯彻党的二十届四中全会精神" maxLength={100} />
      </Form.Item>
      <Form.Item name="content" label="内容与要求" rules={[{ max: 4000, message: '最多 4000 个字' }]}>
        <Input.TextArea rows={5} placeholder="本月活动的学习内容、形式和要求" maxLength={4000} />
      </Form.Item>
      <Form.Item name="dayKinds" label="本月各支部须开展的党员活动日" extra="主题党日每月必须开展，无需勾选">
        <Checkbox.Group options={dayOptions} />
      </Form.Item>
      <Form.Item name="publish" label="发布" valuePropName="checked" extra="发布后各支部可见，并计入问题清单的应开活动">
        <Switch checkedChildren="发布" unCheckedChildren="草稿" />
      </Form.Item>
    </FormModal>
  );
}

export default function ThemesPage() {
  const { me } = useSession();
  const writer = me.rootPermissions.includes('orgLife.write');
  const [year, setYear] = useState(() => dayjs().year());
  const themes = useThemes(year);
  const [editing, setEditing] = useState<{ month: string; theme?: Theme } | null>(null);
  const [seq, setSeq] = useState(0);
  const byMonth = new Map((themes.data ?? []).map((t) => [t.month, t]));
  const thisMonth = dayjs().format('YYYY-MM');
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

  return (
    <PageContainer
      title="每月主题"
      subTitle="党委每月发布统一的活动主题和各支部必须开展的党员活动日（“三日一网”）；各支部的主题党日和活动日自动关联当月主题。"
      extra={<DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} aria-label="年度" />}
    >
      {themes.isError && <Alert type="error" showIcon title={errorMessage(themes.error)} />}
      <Row gutter={[16, 16]}>
        {months.map((m) => {
          const t = byMonth.get(m);
          return (
            <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
              <Card
                size="small"
                loading={themes.isPending}
                title={
                  <Flex gap={8} align="center">
                    <span>{dayjs(`${m}-01`).format('M月')}</span>
                    {m === thisMonth && <Tag color="red">本月</Tag>}
                    {t && (t.status === 'published' ? <Tag color="green">已发布</Tag> : <Tag>草稿</Tag>)}
                  </Flex>
                }
                extra={
                  writer && (
                    <Button
                      type="link"
                      size="small"
                      icon={t ? <EditOutlined /> : <PlusOutlined />}
                      onClick={() => {
                        setSeq((n) => n + 1);
                        setEditing({ month: m, theme: t });
                      }}
                    >
                      {t ? '修改' : '设置主题'}
                    </Button>
                  )
                }
                style={{ height: '100%' }}
              >
                {t ? (
                  <Flex vertical gap={6}>
                    <Typography.Text strong>{t.title}</Typography.Text>
                    {t.content && (
                      <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                        {t.content}
                      </Typography.Paragraph>
                    )}
                    <Flex wrap gap={4}>
                      <Tag color="magenta">主题党日</Tag>
                      {t.dayKindNames.map((n) => (
                        <Tag key={n} color="green">
                          {n}
                        </Tag>
                      ))}
                    </Flex>
                    {t.publishedAt && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatInstant(t.publishedAt).slice(0, 10)} 发布
                      </Typography.Text>
                    )}
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">未发布主题</Typography.Text>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
      {editing && <ThemeModal key={seq} month={editing.month} theme={editing.theme} open onClose={() => setEditing(null)} />}
    </PageContainer>
  );
}
