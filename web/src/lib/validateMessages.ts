// Chinese validation messages for every antd Form (set once in ConfigProvider).
// Kept free of component imports so the app entry stays small.
const typeTemplate = '${label}不是一个有效的${type}';

export const zhValidateMessages = {
  default: '${label}填写有误',
  required: '请填写${label}',
  enum: '${label}必须是以下之一：${enum}',
  whitespace: '${label}不能只包含空格',
  date: {
    format: '${label}的日期格式不正确',
    parse: '${label}无法识别为日期',
    invalid: '${label}不是有效的日期',
  },
  types: {
    string: typeTemplate,
    method: typeTemplate,
    array: typeTemplate,
    object: typeTemplate,
    number: '${label}必须是数字',
    date: typeTemplate,
    boolean: typeTemplate,
    integer: '${label}必须是整数',
    float: '${label}必须是数字',
    regexp: '${label}不是有效的正则表达式',
    email: '${label}不是有效的电子邮箱地址',
    url: '${label}不是有效的网址',
    hex: typeTemplate,
  },
  string: {
    len: '${label}须为 ${len} 个字符',
    min: '${label}至少 ${min} 个字符',
    max: '${label}最多 ${max} 个字符',
    range: '${label}须为 ${min} 至 ${max} 个字符',
  },
  number: {
    len: '${label}必须等于 ${len}',
    min: '${label}不能小于 ${min}',
    max: '${label}不能大于 ${max}',
    range: '${label}须在 ${min} 至 ${max} 之间',
  },
  array: {
    len: '${label}须选择 ${len} 项',
    min: '${label}至少选择 ${min} 项',
    max: '${label}最多选择 ${max} 项',
    range: '${label}须选择 ${min} 至 ${max} 项',
  },
  pattern: {
    mismatch: '${label}格式不正确',
  },
};
