// Building blocks of synthetic people: common surnames and given-name characters (combined at random,
// so the names belong to no real person), native places with their administrative codes, ethnicities,
// education, addresses and work posts. The reference community belongs to a mining group in 河南.
import type { Gender } from '../db/types.js';
import type { Rng } from './random.js';

// Valid 身份证号 for synthetic people: module demos reach the people room's builder through here (they may not
// import its internals, and the people room exports no builder for real use).
export { makeIdNumber } from '../modules/people/idNumber.js';

/** Common surnames, weighted roughly by frequency. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 14], ['李', 14], ['张', 13], ['刘', 10], ['陈', 8], ['杨', 7], ['赵', 6], ['黄', 4], ['周', 4], ['吴', 4],
  ['徐', 3], ['孙', 4], ['马', 4], ['朱', 3], ['胡', 3], ['郭', 4], ['何', 2], ['高', 3], ['林', 2], ['罗', 2],
  ['郑', 2], ['梁', 2], ['谢', 2], ['宋', 2], ['唐', 2], ['许', 2], ['韩', 2], ['冯', 2], ['邓', 2], ['曹', 2],
  ['彭', 1], ['曾', 1], ['肖', 1], ['田', 2], ['董', 2], ['袁', 1], ['潘', 1], ['于', 1], ['蒋', 1], ['蔡', 1],
  ['余', 1], ['杜', 2], ['叶', 1], ['程', 2], ['苏', 1], ['魏', 2], ['吕', 1], ['丁', 1], ['任', 1], ['沈', 1],
  ['姚', 1], ['卢', 1], ['姜', 1], ['崔', 1], ['范', 1], ['石', 1], ['贾', 1], ['夏', 1], ['付', 1], ['方', 1],
  ['白', 1], ['孟', 1], ['秦', 1], ['牛', 1], ['岳', 1], ['常', 1], ['申', 1], ['翟', 1], ['尚', 1], ['樊', 1],
];

const GIVEN: Record<Gender, string> = {
  male: '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋建国志永海峰东亮成兵新春晓文博振卫红胜利学庆彬',
  female: '芳娜敏静丽艳娟霞秀玲桂英华红梅琳燕萍雪慧莉婷晶颖倩佳琴云洁兰凤丹月晓瑞欣怡雯璐媛素荣亚宁蕾薇',
};

export function personName(rng: Rng, gender: Gender): string {
  const surname = rng.weighted(SURNAMES);
  const chars = GIVEN[gender];
  const first = chars[rng.int(0, chars.length - 1)]!;
  if (rng.chance(0.25)) return surname + first;
  let second = chars[rng.int(0, chars.length - 1)]!;
  while (second === first) second = chars[rng.int(0, chars.length - 1)]!;
  return surname + first + second;
}

/** Native places (籍贯, to county level) with the six-digit code that leads their 身份证号. */
const PLACES: readonly (readonly [[string, string], number])[] = [
  [['410402', '河南省平顶山市新华区'], 12], [['410403', '河南省平顶山市卫东区'], 12], [['410404', '河南省平顶山市石龙区'], 4],
  [['410411', '河南省平顶山市湛河区'], 8], [['410421', '河南省平顶山市宝丰县'], 10], [['410422', '河南省平顶山市叶县'], 7],
  [['410423', '河南省平顶山市鲁山县'], 7], [['410425', '河南省平顶山市郏县'], 6], [['410481', '河南省舞钢市'], 3],
  [['410482', '河南省汝州市'], 5], [['411002', '河南省许昌市魏都区'], 2], [['411102', '河南省漯河市源汇区'], 2],
  [['410102', '河南省郑州市中原区'], 2], [['410302', '河南省洛阳市老城区'], 2], [['411302', '河南省南阳市宛城区'], 2],
  [['411402', '河南省商丘市梁园区'], 1], [['411602', '河南省周口市川汇区'], 2], [['411702', '河南省驻马店市驿城区'], 2],
  [['370402', '山东省枣庄市市中区'], 1], [['340402', '安徽省淮南市大通区'], 1], [['320302', '江苏省徐州市鼓楼区'], 1],
  [['130202', '河北省唐山市路南区'], 1],
];

export function nativePlace(rng: Rng): { code: string; name: string } {
  const [code, name] = rng.weighted(PLACES);
  return { code, name };
}

const ETHNICITIES: readonly (readonly [string, number])[] = [['汉族', 95], ['回族', 3], ['满族', 1], ['蒙古族', 0.5], ['壮族', 0.5]];
export const ethnicity = (rng: Rng) => rng.weighted(ETHNICITIES);

export type Education = '研究生' | '大学本科' | '大学专科' | '中专' | '高中' | '初中及以下';
type Mix = readonly (readonly [Education, number])[];
export const EDUCATION_MIX: Record<'officeStaff' | 'fieldStaff' | 'retiree', Mix> = {
  officeStaff: [['研究生', 6], ['大学本科', 45], ['大学专科', 30], ['中专', 8], ['高中', 8], ['初中及以下', 3]],
  fieldStaff: [['研究生', 1], ['大学本科', 12], ['大学专科', 28], ['中专', 20], ['高中', 24], ['初中及以下', 15]],
  retiree: [['大学本科', 6], ['大学专科', 14], ['中专', 22], ['高中', 30], ['初中及以下', 28]],
};

/** Age at which someone with this education usually starts work. */
export const WORK_START_AGE: Record<Education, [number, number]> = {
  研究生: [25, 27], 大学本科: [22, 23], 大学专科: [20, 22], 中专: [18, 20], 高中: [18, 21], 初中及以下: [18, 20],
};

const DISTRICTS = ['平顶山市新华区', '平顶山市卫东区', '平顶山市宝丰县'];
const ROADS = ['建设路', '中兴路', '光明路', '开源路', '矿工路', '体育路', '曙光街', '新华路', '东风路', '和平路'];

export function address(rng: Rng): string {
  return `${rng.pick(DISTRICTS)}${rng.pick(ROADS)}${rng.int(1, 60)}号院${rng.int(1, 24)}号楼${rng.int(1, 4)}单元${rng.int(1, 7)}0${rng.int(1, 4)}室`;
}

const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '173', '175', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '199'];

export function phone(rng: Rng): string {
  return rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Work posts of rank and file staff by kind of unit. */
export const FIELD_POSTS: readonly (readonly [string, number])[] = [
  ['维修工', 18], ['保洁员', 18], ['绿化工', 9], ['水电工', 10], ['安保员', 15], ['客服专员', 8], ['收费员', 5], ['技术员', 5], ['班组长', 6],
];
export const RETIREE_SERVICE_POSTS: readonly (readonly [string, number])[] = [['管理员', 3], ['服务员', 2], ['联络员', 2], ['科员', 2]];

export function officePosts(unit: string): readonly (readonly [string, number])[] {
  switch (unit) {
    case '财务部': return [['会计', 4], ['出纳', 1], ['科员', 2]];
    case '调度站': return [['调度员', 6], ['值班员', 2], ['技术员', 1]];
    case '安技部': return [['安全员', 4], ['技术员', 3], ['科员', 1]];
    case '监察部': return [['监察员', 3], ['科员', 1]];
    case '党群部': return [['党务干事', 3], ['宣传干事', 2], ['科员', 1]];
    case '人力部': return [['人事专员', 3], ['薪酬专员', 1], ['科员', 2]];
    default: return [['科员', 4], ['主管', 1], ['专员', 2]];
  }
}

/** Titles of a unit's head and deputy, by the last character of its name. */
export function headTitles(unit: string): [string, string] {
  if (unit.endsWith('部')) return ['部长', '副部长'];
  if (unit.endsWith('办')) return ['主任', '副主任'];
  if (unit.endsWith('站')) return ['站长', '副站长'];
  return ['科长', '副科长'];
}
