import { createHash } from 'node:crypto';

/**
 * Demo staff for a county: enough people at every level to show AB posts, window units and roles.
 * Names are made up but stable: the same point always gets the same people, so seeding is idempotent.
 */
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌云飞鹏晨旭东海燕婷雪琳宇浩宁鑫欣悦晓峰';

export function personName(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  const surname = SURNAMES[h[0]! % SURNAMES.length]!;
  const given = GIVEN[h[1]! % GIVEN.length]! + (h[2]! % 3 === 0 ? '' : GIVEN[h[3]! % GIVEN.length]!);
  return surname + given;
}

type Role = 'DIRECTOR' | 'SUPERVISOR' | 'CHIEF_REPRESENTATIVE' | 'CLERK';

export interface DemoUnit {
  name: string;
  windows: { number: string; business: string }[];
}

/** Window units of a typical county hall (20–50 in a real one; a representative ten here). */
export const demoUnits: DemoUnit[] = [
  { name: '县公安局', windows: [{ number: '01', business: '户籍、出入境' }, { number: '02', business: '车驾管' }] },
  { name: '县民政局', windows: [{ number: '03', business: '婚姻登记、社会救助' }] },
  { name: '县人力资源和社会保障局', windows: [{ number: '04', business: '就业创业' }, { number: '05', business: '社会保险' }] },
  { name: '县市场监督管理局', windows: [{ number: '06', business: '市场主体登记' }, { number: '07', business: '食品经营许可' }] },
  { name: '县应急管理局', windows: [{ number: '08', business: '危险化学品、烟花爆竹许可' }] },
  { name: '县住房公积金管理中心', windows: [{ number: '09', business: '公积金提取' }] },
  { name: '县交通运输局', windows: [{ number: '10', business: '道路运输' }] },
  { name: '县统计局', windows: [{ number: '11', business: '统计登记' }] },
  { name: '县自然资源局', windows: [{ number: '12', business: '不动产登记' }] },
  { name: '县卫生健康局', windows: [{ number: '13', business: '医疗机构、计生服务' }] },
];

export interface DemoCountyStaff {
  username: string;
  name: string;
  role: Role;
  post: 'A' | 'B' | null;
  unitName: string | null;
  windowNumber: string | null;
}

export function countyRoster(countyCode: string): DemoCountyStaff[] {
  const p = (username: string, role: Role, post: 'A' | 'B' | null, unitName: string | null, windowNumber: string | null) => ({
    username, name: personName(username), role, post, unitName, windowNumber,
  });
  const staff: DemoCountyStaff[] = [p(`${countyCode}.director`, 'DIRECTOR', null, null, null), p(`${countyCode}.supervisor`, 'SUPERVISOR', null, null, null)];
  demoUnits.forEach((unit, i) => {
    const u = String(i + 1).padStart(2, '0');
    staff.push(p(`${countyCode}.u${u}.chief`, 'CHIEF_REPRESENTATIVE', null, unit.name, null));
    for (const w of unit.windows) {
      staff.push(p(`${countyCode}.w${w.number}.a`, 'CLERK', 'A', unit.name, w.number));
      staff.push(p(`${countyCode}.w${w.number}.b`, 'CLERK', 'B', unit.name, w.number));
    }
  });
  return staff;
}

/** Desks of a township centre (~10 windows in a real one). */
export const townshipDesks = ['民政', '社保', '计生', '新农合', '土地流转'];

export interface DemoTownshipStaff {
  username: string;
  name: string;
  role: Role;
  post: 'A' | 'B' | null;
  desk: string | null;
}

export function townshipRoster(townshipCode: string): DemoTownshipStaff[] {
  const staff: DemoTownshipStaff[] = [
    { username: `${townshipCode}.director`, name: personName(`${townshipCode}.director`), role: 'DIRECTOR', post: null, desk: null },
  ];
  townshipDesks.forEach((desk, i) => {
    for (const post of ['A', 'B'] as const) {
      const username = `${townshipCode}.d${i + 1}.${post.toLowerCase()}`;
      staff.push({ username, name: personName(username), role: 'CLERK', post, desk });
    }
  });
  return staff;
}

export interface DemoVillageStaff {
  username: string;
  name: string;
  role: Role;
  post: 'A' | 'B';
}

/** A village room has one or two people: the 代办员 and a B holder so it is never empty. */
export function villageRoster(villageCode: string): DemoVillageStaff[] {
  return (['A', 'B'] as const).map((post) => {
    const username = `${villageCode}.${post.toLowerCase()}`;
    return { username, name: personName(username), role: 'CLERK', post };
  });
}
