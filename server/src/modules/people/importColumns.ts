// The identity columns of every people import (staff and members), in the order of the national
// collection form, so both templates read the same to a clerk.
import type { ImportColumn } from '../../platform/import/xlsxTable.js';
import { EDUCATIONS, EMPLOYMENT_NAMES, GENDER_NAMES } from './validation.js';

export const IDENTITY_IMPORT_COLUMNS: ImportColumn[] = [
  { key: 'name', header: '姓名', required: true, example: '张三' },
  { key: 'gender', header: '性别', required: true, choices: Object.values(GENDER_NAMES), example: '男' },
  { key: 'idNumber', header: '身份证号', required: true, text: true, aliases: ['公民身份号码', '身份证号码'], width: 22, example: '110105198503070019' },
  { key: 'birthDate', header: '出生日期', required: true, date: true, example: '1985-03-07' },
  { key: 'ethnicity', header: '民族', example: '汉族' },
  { key: 'phone', header: '手机号码', text: true, aliases: ['联系电话', '手机'], example: '13800000000' },
  { key: 'education', header: '学历', choices: [...EDUCATIONS], example: '大学本科' },
  { key: 'nativePlace', header: '籍贯' },
  { key: 'address', header: '住址' },
  { key: 'unitName', header: '所在单位', required: true, aliases: ['单位'], example: '综采一队' },
  { key: 'post', header: '岗位' },
  { key: 'employment', header: '在岗状态', required: true, choices: Object.values(EMPLOYMENT_NAMES), example: '在岗' },
  { key: 'workStartedOn', header: '参加工作日期', date: true },
];
