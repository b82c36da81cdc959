// The five stages and 25 steps of 发展党员 (docs/DOMAIN.md), as data: what each step is called, which stage it opens,
// whom it names (培养联系人, 入党介绍人) and whether a meeting decides it.
import type { RecruitStage } from './tables.js';

export interface StepDef {
  no: number;
  name: string;
  /** The stage the step belongs to. */
  stage: RecruitStage;
  /** The person becomes this once the step is done. */
  opens?: RecruitStage;
  /** Members the step names, with how many. */
  people?: { role: 'contacts' | 'introducers'; label: string; min: number; max: number };
  /** A meeting (组织生活 record) usually decides it. */
  meeting?: string;
}

export const STAGE_NAMES: Record<RecruitStage, string> = {
  applicant: '入党申请人', activist: '入党积极分子', candidate: '发展对象', probationary: '预备党员', full: '正式党员',
};
export const STAGES = Object.keys(STAGE_NAMES) as RecruitStage[];

export const STEPS: readonly StepDef[] = [
  { no: 1, name: '递交入党申请书', stage: 'applicant' },
  { no: 2, name: '党组织派人谈话', stage: 'applicant' },
  { no: 3, name: '推荐和确定入党积极分子', stage: 'applicant', opens: 'activist', meeting: '支委会' },
  { no: 4, name: '上级党委备案', stage: 'activist' },
  { no: 5, name: '指定培养联系人', stage: 'activist', people: { role: 'contacts', label: '培养联系人', min: 1, max: 2 } },
  { no: 6, name: '培养教育考察', stage: 'activist' },
  { no: 7, name: '确定发展对象', stage: 'activist', opens: 'candidate', meeting: '支委会' },
  { no: 8, name: '报上级党委备案', stage: 'candidate' },
  { no: 9, name: '确定入党介绍人', stage: 'candidate', people: { role: 'introducers', label: '入党介绍人', min: 2, max: 2 } },
  { no: 10, name: '进行政治审查', stage: 'candidate' },
  { no: 11, name: '开展集中培训', stage: 'candidate' },
  { no: 12, name: '支部委员会审查', stage: 'candidate', meeting: '支委会' },
  { no: 13, name: '上级党委预审', stage: 'candidate' },
  { no: 14, name: '填写入党志愿书', stage: 'candidate' },
  { no: 15, name: '支部大会讨论接收预备党员', stage: 'candidate', opens: 'probationary', meeting: '支部大会' },
  { no: 16, name: '上级党委派人谈话', stage: 'probationary' },
  { no: 17, name: '上级党委审批', stage: 'probationary' },
  { no: 18, name: '再上一级党委组织部门备案', stage: 'probationary' },
  { no: 19, name: '编入党支部和党小组', stage: 'probationary' },
  { no: 20, name: '入党宣誓', stage: 'probationary' },
  { no: 21, name: '继续教育考察', stage: 'probationary' },
  { no: 22, name: '提出转正申请', stage: 'probationary' },
  { no: 23, name: '支部大会讨论转正', stage: 'probationary', meeting: '支部大会' },
  { no: 24, name: '上级党委审批转正', stage: 'probationary', opens: 'full' },
  { no: 25, name: '材料归档', stage: 'full' },
];

export const LAST_STEP = STEPS.length;
export const stepDef = (no: number): StepDef | undefined => STEPS[no - 1];

/** The stage a person is in once `lastStep` is done. */
export function stageAfter(lastStep: number): RecruitStage {
  let stage: RecruitStage = 'applicant';
  for (const s of STEPS) if (s.no <= lastStep && s.opens) stage = s.opens;
  return stage;
}
