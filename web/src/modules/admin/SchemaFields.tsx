// Form fields built from the JSON Schema the server sends for a 业务规则 setting: numbers, switches, choices with
// their Chinese labels, nested groups, and lists of rows (bands, kinds) that can be added and removed. Labels are
// the schema's descriptions, so a field reads the same here as in the server's error messages.
import { Button, Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';

export interface JsonSchema {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  /** Chinese names of enum values (zod `.meta({ labels })`). */
  labels?: Record<string, string>;
  minimum?: number;
  maximum?: number;
  minItems?: number;
}

type NamePath = (string | number)[];

/** A new row of a list: the smallest valid-looking value of each field. */
export function emptyValue(schema: JsonSchema): unknown {
  if (schema.type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, emptyValue(s)]));
  if (schema.type === 'array') return [];
  if (schema.type === 'boolean') return false;
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'number' || schema.type === 'integer') return schema.minimum ?? 0;
  return '';
}

function Leaf({ schema, name, label, required, compact }: { schema: JsonSchema; name: NamePath; label: string; required: boolean; compact?: boolean }) {
  const style = compact ? { marginBottom: 8 } : undefined;
  if (schema.type === 'boolean') {
    return <Form.Item name={name} label={label} valuePropName="checked" style={style}><Switch checkedChildren="是" unCheckedChildren="否" /></Form.Item>;
  }
  if (schema.enum) {
    const options = schema.enum.map((v) => ({ value: v, label: schema.labels?.[v] ?? v }));
    return <Form.Item name={name} label={label} rules={[{ required, message: `请选择${label}` }]} style={style}><Select options={options} style={{ minWidth: 120 }} /></Form.Item>;
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    return (
      <Form.Item name={name} label={label} rules={[{ required, message: `请填写${label}` }]} style={style}>
        <InputNumber min={schema.minimum} max={schema.maximum} precision={schema.type === 'integer' ? 0 : undefined} style={{ width: compact ? 120 : 180 }} />
      </Form.Item>
    );
  }
  return <Form.Item name={name} label={label} rules={[{ required, message: `请填写${label}` }]} style={style}><Input style={{ width: compact ? 140 : 280 }} /></Form.Item>;
}

function ListField({ schema, name, label }: { schema: JsonSchema; name: NamePath; label: string }) {
  const item = schema.items ?? {};
  const columns = Object.entries(item.properties ?? {});
  return (
    <Form.Item label={label} required={!!schema.minItems}>
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {rows.map((row, i) => (
              <Card key={row.key} size="small" styles={{ body: { paddingBottom: 0 } }} title={`第 ${i + 1} 项`}
                extra={<Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 项`} onClick={() => remove(row.name)} disabled={rows.length <= (schema.minItems ?? 0)} />}>
                <Space wrap align="start" size={[16, 0]}>
                  {columns.map(([key, s]) => (
                    <Leaf key={key} schema={s} name={[row.name, key]} label={s.description ?? key} required={(item.required ?? []).includes(key)} compact />
                  ))}
                </Space>
              </Card>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(emptyValue(item))}>添加一项</Button>
          </Space>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** The fields of one object schema; nested objects become a titled group, arrays of objects a list of rows. */
export function SchemaFields({ schema, name = [] }: { schema: JsonSchema; name?: NamePath }) {
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, s]) => {
        const label = s.description ?? key;
        const path = [...name, key];
        // A map keyed by ids (e.g. quotas per organisation) has no fixed fields to show: kept as it is.
        if (s.type === 'object' && !s.properties) return null;
        if (s.type === 'object') {
          return (
            <Form.Item key={key} label={label}>
              <Space wrap size={[16, 0]}>
                <SchemaFields schema={s} name={path} />
              </Space>
            </Form.Item>
          );
        }
        if (s.type === 'array') return <ListField key={key} schema={s} name={path} label={label} />;
        return <Leaf key={key} schema={s} name={path} label={label} required={(schema.required ?? []).includes(key)} />;
      })}
    </>
  );
}
