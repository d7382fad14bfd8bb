/**
 * Demo inventory generator: a hospital-like unit with dozens of systems and any number of items,
 * deterministic for a seed, with the mistakes officers really make (missing owners, a lowering
 * without a reason, sensitive personal information graded too low, real-looking values in a
 * description, stale review dates, contradictory flags). For demos, tests and benchmarks.
 * Pure: no I/O; the demo service writes what this returns.
 */
import type { EntryFields } from '../../domain/inventory';
import type { FlatCategory } from '../../domain/scheme';
import type { Level } from '../../domain/code-lists';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FieldTemplate {
  name: string;
  code: string;
  /** Words to find a category for it in the scheme (first match wins). */
  categoryHints: string[];
  pi: boolean;
  sensitive: boolean;
  objects: string;
  degree: string;
}

const F = (name: string, code: string, categoryHints: string[], pi: boolean, sensitive: boolean, objects = '个人权益', degree = pi ? (sensitive ? '特别严重危害' : '严重危害') : '一般危害'): FieldTemplate => ({
  name, code, categoryHints, pi, sensitive, objects, degree,
});

const PATIENT_FIELDS: FieldTemplate[] = [
  F('患者姓名', 'HZXM', ['姓名', '基本资料', '个人基本'], true, false),
  F('性别', 'XB', ['基本资料', '个人基本'], true, false),
  F('出生日期', 'CSRQ', ['基本资料', '个人基本'], true, false),
  F('身份证号', 'SFZH', ['身份证', '身份信息', '证件'], true, true),
  F('联系电话', 'LXDH', ['联系', '通信', '基本资料'], true, false),
  F('家庭住址', 'JTZZ', ['地址', '位置', '基本资料'], true, false),
  F('医保卡号', 'YBKH', ['财产', '账户', '医疗支付'], true, true),
  F('民族', 'MZ', ['基本资料'], true, false),
  F('婚姻状况', 'HYZK', ['基本资料'], true, false),
  F('工作单位', 'GZDW', ['教育工作', '工作'], true, false),
];
const CLINICAL_FIELDS: FieldTemplate[] = [
  F('就诊流水号', 'JZLSH', ['医疗应用', '业务'], false, false, '组织权益'),
  F('门诊诊断编码', 'MZZDBM', ['健康', '诊断', '医疗应用'], true, true),
  F('诊断名称', 'ZDMC', ['健康', '诊断', '医疗应用'], true, true),
  F('主诉', 'ZS', ['健康', '病历'], true, true),
  F('现病史', 'XBS', ['健康', '病历'], true, true),
  F('检验项目', 'JYXM', ['健康', '检验', '医疗应用'], true, false),
  F('检验结果', 'JYJG', ['健康', '检验', '医疗应用'], true, true),
  F('影像报告', 'YXBG', ['健康', '影像', '医疗应用'], true, true),
  F('用药医嘱', 'YYYZ', ['健康', '医疗应用'], true, false),
  F('主治医师工号', 'ZZYSGH', ['经营管理', '组织', '卫生资源'], false, false, '组织权益'),
  F('就诊科室', 'JZKS', ['卫生资源', '业务', '组织'], false, false, '组织权益', '无危害'),
  F('就诊时间', 'JZSJ', ['医疗应用', '业务'], true, false),
];
const ADMIN_FIELDS: FieldTemplate[] = [
  F('职工姓名', 'ZGXM', ['姓名', '基本资料'], true, false),
  F('职工工号', 'ZGGH', ['组织', '经营管理', '教育工作'], true, false),
  F('银行卡号', 'YHKH', ['财产', '金融', '账户'], true, true),
  F('岗位名称', 'GWMC', ['组织', '经营管理', '教育工作'], false, false, '组织权益', '无危害'),
  F('采购合同编号', 'CGHTBH', ['经营管理', '组织'], false, false, '组织权益'),
  F('采购金额', 'CGJE', ['经营管理', '组织'], false, false, '组织权益'),
  F('设备资产编号', 'SBZCBH', ['系统运行', '设备', '卫生资源'], false, false, '组织权益', '无危害'),
  F('登录账号', 'DLZH', ['网络身份', '身份鉴别', '系统运行'], true, false),
  F('登录密码摘要', 'DLMM', ['身份鉴别', '系统运行'], true, true),
  F('操作日志时间', 'CZRZSJ', ['系统运行', '日志', '上网记录'], false, false, '组织权益', '无危害'),
];
const PUBLIC_HEALTH_FIELDS: FieldTemplate[] = [
  F('传染病报告卡编号', 'CRBBGK', ['公共卫生', '疾病', '传染病'], false, false, '公共利益'),
  F('传染病病种', 'CRBBZ', ['公共卫生', '疾病', '传染病'], true, true, '公共利益', '严重危害'),
  F('疫苗接种记录', 'YMJZ', ['公共卫生', '免疫'], true, false),
  F('辖区发病统计', 'XQFBTJ', ['公共卫生', '统计'], false, false, '公共利益', '一般危害'),
  F('死亡报告', 'SWBG', ['公共卫生', '死亡', '健康'], true, true),
];

interface SystemTemplate {
  name: string;
  mlps: string;
  tables: { name: string; fields: FieldTemplate[] }[];
}

const SYSTEMS: SystemTemplate[] = [
  { name: '医院信息系统（HIS）', mlps: '第三级', tables: [{ name: '患者基本信息表', fields: PATIENT_FIELDS }, { name: '门诊挂号记录', fields: [...CLINICAL_FIELDS.slice(0, 2), ...PATIENT_FIELDS.slice(0, 3)] }, { name: '住院病案首页', fields: [...PATIENT_FIELDS, ...CLINICAL_FIELDS] }, { name: '收费明细', fields: [...CLINICAL_FIELDS.slice(0, 1), ...ADMIN_FIELDS.slice(5, 6), ...PATIENT_FIELDS.slice(6, 7)] }] },
  { name: '电子病历系统（EMR）', mlps: '第三级', tables: [{ name: '门诊病历', fields: [...PATIENT_FIELDS.slice(0, 4), ...CLINICAL_FIELDS] }, { name: '住院病程记录', fields: [...PATIENT_FIELDS.slice(0, 4), ...CLINICAL_FIELDS] }] },
  { name: '检验信息系统（LIS）', mlps: '第三级', tables: [{ name: '检验申请单', fields: [...PATIENT_FIELDS.slice(0, 5), ...CLINICAL_FIELDS.slice(5, 7)] }, { name: '检验结果表', fields: [...PATIENT_FIELDS.slice(0, 4), ...CLINICAL_FIELDS.slice(5, 7)] }] },
  { name: '影像归档和通信系统（PACS）', mlps: '第三级', tables: [{ name: '影像检查登记', fields: [...PATIENT_FIELDS.slice(0, 4), ...CLINICAL_FIELDS.slice(7, 8)] }] },
  { name: '医保结算系统', mlps: '第三级', tables: [{ name: '医保结算单', fields: [...PATIENT_FIELDS.slice(0, 7), ...ADMIN_FIELDS.slice(5, 6)] }] },
  { name: '预约挂号平台', mlps: '第二级', tables: [{ name: '预约记录', fields: [...PATIENT_FIELDS.slice(0, 5), ...CLINICAL_FIELDS.slice(10, 12)] }] },
  { name: '公共卫生管理系统', mlps: '第三级', tables: [{ name: '传染病报告', fields: [...PATIENT_FIELDS.slice(0, 6), ...PUBLIC_HEALTH_FIELDS] }, { name: '预防接种档案', fields: [...PATIENT_FIELDS.slice(0, 5), PUBLIC_HEALTH_FIELDS[2]!] }, { name: '辖区疾病统计', fields: [PUBLIC_HEALTH_FIELDS[3]!] }] },
  { name: '体检管理系统', mlps: '第二级', tables: [{ name: '体检报告', fields: [...PATIENT_FIELDS.slice(0, 6), ...CLINICAL_FIELDS.slice(5, 8)] }] },
  { name: '人力资源系统', mlps: '第二级', tables: [{ name: '职工档案', fields: ADMIN_FIELDS.slice(0, 4) }, { name: '工资发放', fields: ADMIN_FIELDS.slice(0, 3) }] },
  { name: '财务管理系统', mlps: '第二级', tables: [{ name: '采购合同', fields: ADMIN_FIELDS.slice(4, 6) }, { name: '固定资产台账', fields: ADMIN_FIELDS.slice(6, 7) }] },
  { name: '协同办公系统（OA）', mlps: '第二级', tables: [{ name: '用户账号', fields: ADMIN_FIELDS.slice(7, 10) }] },
  { name: '运维审计系统', mlps: '第三级', tables: [{ name: '操作日志', fields: ADMIN_FIELDS.slice(7, 10) }] },
];

const DEPARTMENTS = ['信息中心', '医务处', '护理部', '财务处', '人事处', '医保办', '公共卫生科', '检验科', '放射科', '院办'];
const PEOPLE = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周婷', '吴斌', '徐丽', '孙涛'];
const SOURCES = ['本单位采集', '本单位采集', '本单位采集', '其他部门共享', '上级下发'];
const STORAGE = ['本单位机房', '本单位机房', '政务云'];
const FREQ = ['实时', '每日', '每月', '不定期'];

export interface DemoSystem {
  name: string;
  mlpsLevel: string;
}
export interface DemoResource {
  system: number;
  fields: EntryFields;
}
export interface DemoItem {
  resource: number;
  fields: EntryFields;
  /** The mistake planted in this row, for tests; '' when none. */
  mistake: string;
}
export interface DemoInventory {
  systems: DemoSystem[];
  resources: DemoResource[];
  items: DemoItem[];
}

export const MISTAKES = [
  'missing-owner',
  'lowering-without-rationale',
  'sensitive-too-low',
  'value-in-description',
  'stale-review',
  'sensitive-not-pi',
  'missing-person-count',
] as const;

function categoryFor(hints: string[], categories: readonly FlatCategory[]): FlatCategory | undefined {
  for (const h of hints) {
    const deepest = categories.filter((c) => c.path.some((p) => p.includes(h))).sort((a, b) => b.depth - a.depth)[0];
    if (deepest) return deepest;
  }
  return categories.find((c) => c.depth >= 2);
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Make an inventory of about `items` items. Systems repeat (分院/院区) to reach dozens; each
 * resource holds the fields of its table. `today` fixes review dates so output is reproducible.
 */
export function generateDemo(opts: { items: number; seed: number; categories: readonly FlatCategory[]; industry: string; today: Date; mistakeRate?: number }): DemoInventory {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const mistakeRate = opts.mistakeRate ?? 0.04;
  const catCache = new Map<FieldTemplate, FlatCategory | undefined>();
  const cat = (f: FieldTemplate) => {
    if (!catCache.has(f)) catCache.set(f, categoryFor(f.categoryHints, opts.categories));
    return catCache.get(f);
  };

  const systems: DemoSystem[] = [];
  const resources: DemoResource[] = [];
  const items: DemoItem[] = [];
  const campuses = ['', '（东院区）', '（西院区）', '（南院区）'];
  let sysNo = 0;
  let round = 0;
  // Table copies (per year, per campus) until the item count is reached.
  while (items.length < opts.items) {
    for (const st of SYSTEMS) {
      if (items.length >= opts.items) break;
      const campus = campuses[round % campuses.length]!;
      let systemIndex = systems.findIndex((s) => s.name === st.name + campus);
      if (systemIndex < 0) {
        systems.push({ name: st.name + campus, mlpsLevel: st.mlps });
        systemIndex = systems.length - 1;
        sysNo++;
      }
      for (const table of st.tables) {
        if (items.length >= opts.items) break;
        const suffix = round >= campuses.length ? `（${2015 + Math.floor(round / campuses.length)}年）` : '';
        const resNo = resources.length + 1;
        const resDataId = `SYS${String(systemIndex + 1).padStart(2, '0')}-T${String(resNo).padStart(5, '0')}`;
        const owner = { dept: pick(DEPARTMENTS), person: pick(PEOPLE) };
        const persons = Math.floor(10 ** (3 + rnd() * 4.3));
        const resourceFields: EntryFields = {
          dataId: resDataId,
          systemName: systems[systemIndex]!.name,
          resourceName: table.name + suffix,
          itemName: '',
          itemCode: '',
          description: `${systems[systemIndex]!.name}中的${table.name}${suffix}`,
          industry: opts.industry,
          category1: '', category2: '', category3: '', category4: '', categoryCode: '',
          processingDegree: '原始数据',
          impactObjects: '',
          impactDegree: '',
          level: '',
          rationale: '',
          isPersonalInfo: table.fields.some((f) => f.pi) ? '是' : '否',
          isSensitivePersonalInfo: table.fields.some((f) => f.sensitive) ? '是' : '否',
          recordCount: Math.floor(persons * (1 + rnd() * 20)),
          personCount: table.fields.some((f) => f.pi) ? persons : null,
          dataSource: pick(SOURCES),
          storageLocation: pick(STORAGE),
          sharing: pick(['有条件共享', '不予共享']),
          openness: '不予开放',
          updateFrequency: pick(FREQ),
          ownerDepartment: owner.dept,
          ownerPerson: owner.person,
          reviewedAt: isoDate(new Date(opts.today.getTime() - Math.floor(rnd() * 300) * 86_400_000)),
        };
        const firstCat = cat(table.fields[0]!);
        if (firstCat) Object.assign(resourceFields, pathFields(firstCat));
        resources.push({ system: systemIndex, fields: resourceFields });
        const r = resources.length - 1;
        table.fields.forEach((f, i) => {
          if (items.length >= opts.items) return;
          const c = cat(f);
          const fields: EntryFields = {
            ...resourceFields,
            dataId: `${resDataId}-F${String(i + 1).padStart(3, '0')}`,
            itemName: f.name,
            itemCode: f.code,
            description: `${table.name}的${f.name}字段`,
            ...(c ? pathFields(c) : { category1: '', category2: '', category3: '', category4: '', categoryCode: '' }),
            impactObjects: f.objects,
            impactDegree: f.degree,
            isPersonalInfo: f.pi ? '是' : '否',
            isSensitivePersonalInfo: f.sensitive ? '是' : '否',
            personCount: f.pi ? resourceFields.personCount : null,
          };
          let mistake = '';
          if (rnd() < mistakeRate) {
            mistake = pick(MISTAKES);
            plant(mistake, fields, opts.today, rnd);
          }
          items.push({ resource: r, fields, mistake });
        });
      }
    }
    round++;
  }
  void sysNo;
  return { systems, resources, items };
}

function pathFields(c: FlatCategory): Pick<EntryFields, 'category1' | 'category2' | 'category3' | 'category4' | 'categoryCode'> {
  return { category1: c.path[0] ?? '', category2: c.path[1] ?? '', category3: c.path[2] ?? '', category4: c.path[3] ?? '', categoryCode: c.code };
}

function plant(mistake: string, f: EntryFields, today: Date, rnd: () => number) {
  switch (mistake) {
    case 'missing-owner':
      f.ownerPerson = '';
      break;
    case 'lowering-without-rationale':
      // The officer typed a level lower than the rules give, and no reason.
      f.level = '一般数据1级' as Level;
      f.rationale = '';
      break;
    case 'sensitive-too-low':
      f.isPersonalInfo = '是';
      f.isSensitivePersonalInfo = '是';
      f.level = '一般数据2级' as Level;
      f.rationale = '';
      break;
    case 'value-in-description':
      // A sample value pasted into the description: a (checksum-valid) resident ID number.
      f.description = `${f.itemName}，例如 11010519491231002X`;
      break;
    case 'stale-review':
      f.reviewedAt = isoDate(new Date(today.getTime() - (400 + Math.floor(rnd() * 400)) * 86_400_000));
      break;
    case 'sensitive-not-pi':
      f.isSensitivePersonalInfo = '是';
      f.isPersonalInfo = '否';
      break;
    case 'missing-person-count':
      f.isPersonalInfo = '是';
      f.personCount = null;
      break;
  }
}
