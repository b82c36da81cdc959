import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Form, Modal, type FormInstance, type FormProps } from 'antd';
import { errorMessage } from '../api/client';
import { applyServerErrors } from './form';

export interface FormModalProps<V extends object, R = unknown> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** Sends the values; a thrown ApiError with `fields` is shown on the matching form fields. */
  onSubmit: (values: V) => Promise<R>;
  onSuccess?: (result: R, values: V) => void;
  /** Toast after success, e.g. 已保存. Empty string for none. */
  successMessage?: string;
  initialValues?: Partial<V>;
  /** Server field name → form field name, where they differ. */
  fieldMap?: Record<string, string>;
  okText?: string;
  width?: number;
  layout?: FormProps['layout'];
  form?: FormInstance<V>;
  children: ReactNode;
}

/**
 * Resets the form store to this opening's initialValues. The store outlives the modal (useForm), so
 * without this a second opening shows what the first one left (another record's values).
 */
function ResetOnOpen<V extends object>({ form }: { form: FormInstance<V> }) {
  useEffect(() => {
    form.resetFields();
  }, [form]);
  return null;
}

/** A modal with an antd Form: validates, submits, maps server field errors, keeps open on failure. */
export function FormModal<V extends object, R = unknown>({
  title,
  open,
  onClose,
  onSubmit,
  onSuccess,
  successMessage = '保存成功',
  initialValues,
  fieldMap,
  okText = '确定',
  width = 520,
  layout = 'vertical',
  form: givenForm,
  children,
}: FormModalProps<V, R>) {
  const [ownForm] = Form.useForm<V>();
  const form = givenForm ?? ownForm;
  const { message } = App.useApp();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd shows the messages beside the fields
    }
    setSubmitting(true);
    setFormError(null);
    try {
      const result = await onSubmit(values);
      if (successMessage) void message.success(successMessage);
      onSuccess?.(result, values);
      onClose();
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e, fieldMap);
      if (matched === 0 || unmatched.length > 0) {
        setFormError([errorMessage(e), ...unmatched].join('；'));
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={okText}
      cancelText="取消"
      confirmLoading={submitting}
      destroyOnHidden
      width={width}
      afterOpenChange={(visible) => {
        if (!visible) setFormError(null);
      }}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<V>
        form={form}
        layout={layout}
        preserve={false}
        initialValues={initialValues}
        onFinish={() => void submit()}
      >
        <ResetOnOpen form={form} />
        {children}
        {/* Lets Enter submit the form. */}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
