/**
 * The demo service-item catalogue: real items named in DOMAIN §2 with their published guides. Promised
 * limits obey R2 (at most half the legal limit) even where a source document promised more.
 */
import type { Level } from '@scf/domain';

export type { Level };
export type Form = 'ORIGINAL' | 'COPY' | 'ORIGINAL_AND_COPY';

export interface CatalogueItem {
  code: string;
  name: string;
  kind: 'IMMEDIATE' | 'PROMISED' | 'JOINT' | 'REPORTED' | 'REPLY';
  legalBasis: string;
  decidingLevel: Level;
  decidingUnit: string;
  /** The county hall's window unit (demoUnits) or the township desk (townshipDesks) that decides it; none at a village. */
  windowUnit: string | null;
  intakeLevels: Level[];
  legalLimitDays: number;
  promisedLimitDays: number;
  fee: string;
  feeBasis?: string;
  procedure: string;
  materials: { name: string; form: Form; copies: number; note?: string }[];
}

const ALL: Level[] = ['COUNTY', 'TOWNSHIP', 'VILLAGE'];
const BELOW_COUNTY: Level[] = ['TOWNSHIP', 'VILLAGE'];
const FREE = '不收费';
const STANDARD_PROCEDURE = '申请 → 受理 → 审查 → 决定 → 送达';

export const demoCatalogue: CatalogueItem[] = [
  {
    code: 'XK-YJ-001', name: '烟花爆竹零售经营许可', kind: 'PROMISED',
    legalBasis: '《烟花爆竹安全管理条例》第十九条', decidingLevel: 'COUNTY', decidingUnit: '县应急管理局', windowUnit: '县应急管理局',
    intakeLevels: ALL, legalLimitDays: 20, promisedLimitDays: 10, fee: FREE, procedure: `${STANDARD_PROCEDURE}（含现场核查）`,
    materials: [
      { name: '烟花爆竹经营（零售）许可证申请书', form: 'ORIGINAL', copies: 1 },
      { name: '营业执照', form: 'COPY', copies: 1 },
      { name: '主要负责人经过安全知识教育的证明材料', form: 'COPY', copies: 1 },
      { name: '零售经营场所平面布置图', form: 'ORIGINAL', copies: 1 },
    ],
  },
  {
    code: 'BA-YJ-002', name: '非药品类第三类易制毒化学品经营备案', kind: 'PROMISED',
    legalBasis: '《易制毒化学品管理条例》第十三条', decidingLevel: 'COUNTY', decidingUnit: '县应急管理局', windowUnit: '县应急管理局',
    intakeLevels: ALL, legalLimitDays: 20, promisedLimitDays: 10, fee: FREE, procedure: STANDARD_PROCEDURE,
    materials: [
      { name: '非药品类易制毒化学品品种、经营量、主要流向等情况', form: 'ORIGINAL', copies: 1 },
      { name: '营业执照', form: 'COPY', copies: 1 },
      { name: '经办人身份证明', form: 'ORIGINAL_AND_COPY', copies: 1 },
    ],
  },
  {
    code: 'XK-YJ-003', name: '乙类危险化学品（不存储）经营许可', kind: 'PROMISED',
    legalBasis: '《危险化学品安全管理条例》第三十五条', decidingLevel: 'COUNTY', decidingUnit: '县应急管理局', windowUnit: '县应急管理局',
    intakeLevels: ALL, legalLimitDays: 30, promisedLimitDays: 15, fee: FREE, procedure: `${STANDARD_PROCEDURE}（含现场核查）`,
    materials: [
      { name: '危险化学品经营许可证申请书', form: 'ORIGINAL', copies: 1 },
      { name: '经营场所产权证明或租赁证明', form: 'COPY', copies: 1 },
      { name: '主要负责人、安全管理人员安全资格证书', form: 'COPY', copies: 1 },
      { name: '安全生产管理制度和岗位操作规程', form: 'ORIGINAL', copies: 1 },
    ],
  },
  {
    code: 'JB-GJJ-004', name: '职工提取住房公积金偿还住房贷款', kind: 'IMMEDIATE',
    legalBasis: '《住房公积金管理条例》第二十四条', decidingLevel: 'COUNTY', decidingUnit: '县住房公积金管理中心', windowUnit: '县住房公积金管理中心',
    intakeLevels: ALL, legalLimitDays: 3, promisedLimitDays: 0, fee: FREE, procedure: '申请 → 审核 → 当场办结',
    materials: [
      { name: '身份证', form: 'ORIGINAL', copies: 1 },
      { name: '借款合同', form: 'ORIGINAL_AND_COPY', copies: 1 },
      { name: '本人银行卡', form: 'ORIGINAL', copies: 1 },
    ],
  },
  {
    code: 'GF-RS-005', name: '自主创业一次性补贴', kind: 'PROMISED',
    legalBasis: '《就业促进法》第十八条；省人社厅关于自主创业补贴的规定', decidingLevel: 'COUNTY', decidingUnit: '县人力资源和社会保障局', windowUnit: '县人力资源和社会保障局',
    intakeLevels: ALL, legalLimitDays: 20, promisedLimitDays: 3, fee: FREE, procedure: STANDARD_PROCEDURE,
    materials: [
      { name: '自主创业一次性补贴申请表', form: 'ORIGINAL', copies: 1 },
      { name: '身份证', form: 'COPY', copies: 1 },
      { name: '营业执照', form: 'COPY', copies: 1 },
      { name: '就业创业证', form: 'COPY', copies: 1 },
    ],
  },
  {
    code: 'QR-SB-006', name: '异地养老金资格认定', kind: 'IMMEDIATE',
    legalBasis: '《社会保险法》；人社部关于领取社会保险待遇资格认证的规定', decidingLevel: 'TOWNSHIP', decidingUnit: '乡镇社会保障事务所', windowUnit: '社保',
    intakeLevels: BELOW_COUNTY, legalLimitDays: 5, promisedLimitDays: 0, fee: FREE, procedure: '申请 → 核验 → 当场办结',
    materials: [{ name: '身份证', form: 'ORIGINAL', copies: 1 }, { name: '养老金领取资格认定表', form: 'ORIGINAL', copies: 1 }],
  },
  {
    code: 'ZM-JS-007', name: '流动人口婚育证明', kind: 'PROMISED',
    legalBasis: '《流动人口计划生育工作条例》第七条', decidingLevel: 'TOWNSHIP', decidingUnit: '乡镇计划生育办公室', windowUnit: '计生',
    intakeLevels: BELOW_COUNTY, legalLimitDays: 6, promisedLimitDays: 3, fee: FREE, procedure: STANDARD_PROCEDURE,
    materials: [
      { name: '身份证', form: 'ORIGINAL_AND_COPY', copies: 1 },
      { name: '户口簿', form: 'ORIGINAL_AND_COPY', copies: 1 },
      { name: '结婚证', form: 'COPY', copies: 1, note: '已婚者提供' },
    ],
  },
  {
    code: 'DJ-TJ-008', name: '统计调查项目登记证', kind: 'PROMISED',
    legalBasis: '《中华人民共和国统计法》第十七条', decidingLevel: 'COUNTY', decidingUnit: '县统计局', windowUnit: '县统计局',
    intakeLevels: ALL, legalLimitDays: 20, promisedLimitDays: 10, fee: FREE, procedure: STANDARD_PROCEDURE,
    materials: [{ name: '统计调查项目申请表', form: 'ORIGINAL', copies: 1 }, { name: '统计调查制度', form: 'ORIGINAL', copies: 1 }],
  },
  {
    code: 'BG-JT-009', name: '道路运输证开业、停业办理', kind: 'PROMISED',
    legalBasis: '《中华人民共和国道路运输条例》第十条', decidingLevel: 'COUNTY', decidingUnit: '县交通运输局', windowUnit: '县交通运输局',
    intakeLevels: ALL, legalLimitDays: 20, promisedLimitDays: 10, fee: FREE, procedure: STANDARD_PROCEDURE,
    materials: [
      { name: '道路运输经营申请表', form: 'ORIGINAL', copies: 1 },
      { name: '机动车行驶证', form: 'ORIGINAL_AND_COPY', copies: 1 },
      { name: '驾驶员从业资格证', form: 'COPY', copies: 1 },
    ],
  },
  {
    code: 'DJ-MZ-010', name: '内地居民婚姻登记', kind: 'IMMEDIATE',
    legalBasis: '《婚姻登记条例》第七条', decidingLevel: 'COUNTY', decidingUnit: '县民政局婚姻登记处', windowUnit: '县民政局',
    // Both parties must appear in person at the registry: it cannot be taken in elsewhere.
    intakeLevels: ['COUNTY'], legalLimitDays: 0, promisedLimitDays: 0, fee: FREE, procedure: '双方到场申请 → 审查 → 当场登记发证',
    materials: [
      { name: '双方身份证', form: 'ORIGINAL', copies: 1 },
      { name: '双方户口簿', form: 'ORIGINAL', copies: 1 },
      { name: '近期半身免冠合影照片', form: 'ORIGINAL', copies: 2 },
    ],
  },
  {
    code: 'DJ-YB-011', name: '城乡居民基本医疗保险（新农合）参保登记', kind: 'IMMEDIATE',
    legalBasis: '《社会保险法》第二十五条', decidingLevel: 'TOWNSHIP', decidingUnit: '乡镇医保服务站', windowUnit: '新农合',
    intakeLevels: BELOW_COUNTY, legalLimitDays: 5, promisedLimitDays: 0, fee: '按年度个人缴费标准', feeBasis: '县医疗保障局年度缴费标准',
    procedure: '申请 → 核验 → 当场办结',
    materials: [{ name: '户口簿', form: 'ORIGINAL_AND_COPY', copies: 1 }, { name: '身份证', form: 'COPY', copies: 1 }],
  },
  {
    code: 'BA-NJ-012', name: '农村土地经营权流转合同备案', kind: 'PROMISED',
    legalBasis: '《农村土地承包法》第三十六条；《农村土地经营权流转管理办法》', decidingLevel: 'TOWNSHIP', decidingUnit: '乡镇农村经济经营管理站', windowUnit: '土地流转',
    intakeLevels: BELOW_COUNTY, legalLimitDays: 10, promisedLimitDays: 5, fee: FREE, procedure: STANDARD_PROCEDURE,
    materials: [
      { name: '土地经营权流转合同', form: 'ORIGINAL', copies: 2 },
      { name: '承包方、受让方身份证明', form: 'COPY', copies: 1 },
      { name: '土地承包经营权证', form: 'COPY', copies: 1 },
    ],
  },
  {
    code: 'SC-CW-013', name: '农村村民住宅建设申请村级审查', kind: 'PROMISED',
    legalBasis: '《土地管理法》第六十二条；《农村宅基地管理暂行办法》', decidingLevel: 'VILLAGE', decidingUnit: '村民委员会', windowUnit: null,
    intakeLevels: ['VILLAGE'], legalLimitDays: 10, promisedLimitDays: 5, fee: FREE, procedure: '申请 → 村民小组讨论 → 村级审查公示 → 出具意见',
    materials: [{ name: '农村宅基地和建房（规划许可）申请表', form: 'ORIGINAL', copies: 1 }, { name: '户口簿', form: 'COPY', copies: 1 }],
  },
];
