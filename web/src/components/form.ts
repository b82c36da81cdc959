// Form helpers shared by every module: server field errors onto antd fields, password rule.
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

export interface ServerErrorResult {
  /** Field errors that were shown on a form field. */
  matched: number;
  /** Field errors for which the form has no field, as `name：message`. */
  unmatched: string[];
}

/**
 * Shows the server's `error.fields` (fieldName → Chinese message) on the form's fields.
 * `fieldMap` renames server fields to form fields where they differ.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  fieldMap: Record<string, string> = {},
): ServerErrorResult {
  const result: ServerErrorResult = { matched: 0, unmatched: [] };
  if (!isApiError(error)) return result;
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const toSet: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [serverName, message] of Object.entries(error.fields)) {
    const name = fieldMap[serverName] ?? serverName;
    if (registered.has(name)) {
      toSet.push({ name: name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), errors: [message] });
    } else {
      result.unmatched.push(message);
    }
  }
  if (toSet.length > 0) form.setFields(toSet);
  result.matched = toSet.length;
  return result;
}

export const PASSWORD_RULE_TEXT = '至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3 类';

/** Returns the Chinese reason a password breaks the rule, or null when it is acceptable. */
export function passwordProblem(password: string, minLength = 8): string | null {
  if (password.length < minLength) return `密码至少 ${minLength} 位`;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少 3 类';
  return null;
}

/** antd rule object enforcing the password rule. */
export const passwordRule = {
  validator: (_: unknown, value: unknown) => {
    if (typeof value !== 'string' || value === '') return Promise.resolve();
    const problem = passwordProblem(value);
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};
