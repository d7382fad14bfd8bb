/**
 * Benchmark: the inventory at bureau scale. Prints its figures; run with `npm run bench -- inventory`.
 * Builds a workspace of BENCH_ITEMS items (default 200,000) in ~40 systems and ~2,000 resources,
 * written straight through the repositories in batched transactions (graded with the service's
 * grading), then times what the officer waits for: the first page after opening, filters,
 * Chinese substring search, a bulk level change of 10,000 items with its undo and redo, the
 * tree, and regrading everything (with the roll-up of every resource in SQL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/index';
import type { Level } from '../../main/domain/code-lists';
import { levelRank } from '../../main/domain/levels';
import { levelOfRank, type NewEntry } from '../../main/db/repos/inventory-repo';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 200_000);
const SYSTEMS = 40;
const RESOURCES = Math.max(1, Math.round(ITEMS / 100));
const PASS = 'bench-passphrase';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-bench-inv-'));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
/** CPU milliseconds of the last `time` call: on a shared machine, wall time waits for the CPU too. */
let lastCpu = 0;
const time = <T>(fn: () => T): [T, number] => {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = fn();
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1000;
  return [r, ms(t0)];
};
const cpu = () => `cpu ${lastCpu.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianOf = (n: number, fn: (i: number) => unknown): number => median(Array.from({ length: n }, (_, i) => time(() => fn(i))[1]));

/** Fields of a hospital's tables: name, code, category (a name in the scheme), impact object and degree, PI, sensitive PI. */
const FIELDS: [string, string, string, string, string, '是' | '否', '是' | '否'][] = [
  ['患者姓名', 'HZXM', '患者信息', '个人权益', '严重危害', '是', '否'],
  ['性别', 'XB', '患者信息', '个人权益', '一般危害', '是', '否'],
  ['出生日期', 'CSRQ', '患者信息', '个人权益', '一般危害', '是', '否'],
  ['身份证号', 'SFZH', '患者敏感信息', '个人权益', '特别严重危害', '是', '是'],
  ['联系电话', 'LXDH', '患者信息', '个人权益', '严重危害', '是', '否'],
  ['家庭住址', 'JTZZ', '患者信息', '个人权益', '严重危害', '是', '否'],
  ['医保卡号', 'YBKH', '医疗支付', '个人权益', '特别严重危害', '是', '是'],
  ['诊断结果', 'ZDJG', '门急诊诊疗记录', '个人权益', '特别严重危害', '是', '是'],
  ['检验报告', 'JYBG', '检查检验记录', '个人权益', '特别严重危害', '是', '是'],
  ['影像报告', 'YXBG', '检查检验记录', '个人权益', '特别严重危害', '是', '是'],
  ['就诊科室', 'JZKS', '医疗卫生机构信息', '组织权益', '无危害', '否', '否'],
  ['就诊时间', 'JZSJ', '门急诊诊疗记录', '组织权益', '一般危害', '否', '否'],
  ['主治医师工号', 'ZZYSGH', '卫生健康从业人员信息', '组织权益', '一般危害', '否', '否'],
  ['采购金额', 'CGJE', '卫生人力与设施资源', '组织权益', '严重危害', '否', '否'],
  ['操作日志时间', 'CZRZSJ', '综合监管', '组织权益', '无危害', '否', '否'],
  ['传染病病种', 'CRBBZ', '传染病动态监测', '公共利益', '严重危害', '是', '是'],
  ['辖区发病统计', 'XQFBTJ', '疾病监测', '公共利益', '一般危害', '否', '否'],
];
const TABLES = ['患者基本信息表', '门诊挂号记录', '住院病案首页', '检验结果表', '影像检查登记', '医保结算单', '传染病报告', '职工档案', '采购合同', '操作日志'];
const SYSTEM_NAMES = ['医院信息系统', '电子病历系统', '检验信息系统', '影像归档和通信系统', '医保结算系统', '预约挂号平台', '公共卫生管理系统', '体检管理系统', '人力资源系统', '协同办公系统'];
const DEPTS = ['信息中心', '医务处', '财务处', '人事处', '公共卫生科'];
const PEOPLE = ['张伟', '王芳', '李娜', '刘洋', '陈静'];

try {
  const s = createServices({ appVersion: 'bench', configDir: dir });
  const file = path.join(dir, 'inventory.dsw');
  s.workspace.create({ path: file, passphrase: PASS, role: 'unit', name: '某区卫生健康委员会', operator: '张三' });
  let open = s.session.requireOpen();
  const inv = open.store.inventory;
  const INDUSTRY = '卫生健康';
  const scheme = s.grading.schemeFor(open.store, INDUSTRY)!;
  const flat = [...scheme.byCode.values()];
  /** The category named so in the scheme in use (or none, when the scheme has no such category). */
  const cat = (name: string) => flat.find((c) => c.path[c.path.length - 1] === name) ?? flat.find((c) => c.path.some((p) => p.includes(name)));
  const pathOf = (name: string) => {
    const c = cat(name);
    return { category1: c?.path[0] ?? '', category2: c?.path[1] ?? '', category3: c?.path[2] ?? '', category4: c?.path[3] ?? '', categoryCode: c?.code ?? '' };
  };

  // ---- build
  const memo = new Map<string, Level | ''>();
  const [, buildMs] = time(() => {
    const at = new Date().toISOString();
    const systemIds = open.store.tx(() =>
      Array.from({ length: SYSTEMS }, (_, i) => inv.insertSystem(`${SYSTEM_NAMES[i % SYSTEM_NAMES.length]}（${Math.floor(i / SYSTEM_NAMES.length) + 1}号院区）`, '第三级', at)),
    );
    let id = 0;
    const perResource = Math.ceil(ITEMS / RESOURCES);
    let items = 0;
    let batch: NewEntry[] = [];
    const flush = () => {
      const rows = batch;
      batch = [];
      open.store.tx(() => rows.forEach((r) => inv.insert(r)));
    };
    for (let r = 0; r < RESOURCES && items < ITEMS; r++) {
      const sys = systemIds[r % SYSTEMS]!;
      const table = `${TABLES[r % TABLES.length]}（${2000 + Math.floor(r / TABLES.length)}）`;
      const resId = ++id;
      const resDataId = `SYS${String((r % SYSTEMS) + 1).padStart(2, '0')}-T${String(r + 1).padStart(5, '0')}`;
      const persons = 1000 + ((r * 7919) % 2_000_000);
      const common = {
        industry: INDUSTRY, processingDegree: '原始数据', dataSource: '本单位采集', storageLocation: '政务云', sharing: '有条件共享', openness: '不予开放',
        updateFrequency: '实时', ownerDepartment: DEPTS[r % DEPTS.length]!, ownerPerson: PEOPLE[r % PEOPLE.length]!, reviewedAt: '2025-11-01',
        schemeId: scheme.id, schemeVersion: scheme.version, createdAt: at, updatedAt: at, systemId: sys, resourceId: resId, resourceName: table,
        itemCode: '', rationale: '', recordCount: persons * 3, personCount: persons,
      };
      let top = 0;
      const itemRows: NewEntry[] = [];
      for (let f = 0; f < perResource && items < ITEMS; f++, items++) {
        // 传染病病种 (重要数据) only in the 传染病报告 tables, so most resources are not important data.
        let fi = (r + f) % FIELDS.length;
        if (FIELDS[fi]![0] === '传染病病种' && !table.startsWith('传染病报告')) fi = 10;
        const [name, code, catName, object, degree, pi, spi] = FIELDS[fi]!;
        const path = pathOf(catName);
        const key = `${catName}|${object}|${degree}|${pi}|${spi}`;
        let level = memo.get(key);
        if (level === undefined) {
          level = s.grading.ownSuggestion(scheme, { kind: 'item', industry: INDUSTRY, ...path, impactObjects: object, impactDegree: degree, isPersonalInfo: pi, isSensitivePersonalInfo: spi, personCount: persons, recordCount: persons * 3 }).level ?? '';
          memo.set(key, level);
        }
        top = Math.max(top, levelRank(level));
        itemRows.push({
          ...common, id: ++id, kind: 'item', dataId: `${resDataId}-F${String(f + 1).padStart(3, '0')}`, itemName: f < FIELDS.length ? name : `${name}${Math.floor(f / FIELDS.length) + 1}`,
          itemCode: `${code}${f}`, description: `${table}的${name}字段`, ...path,
          impactObjects: object, impactDegree: degree, isPersonalInfo: pi, isSensitivePersonalInfo: spi, level, suggestedLevel: level, ownRank: levelRank(level),
          levelSource: 'matrix', levelState: f % 3 === 0 ? 'confirmed' : 'suggested',
        });
      }
      const own = s.grading.ownSuggestion(scheme, { kind: 'resource', industry: INDUSTRY, categoryCode: '', category1: '', category2: '', category3: '', category4: '', impactObjects: '', impactDegree: '', isPersonalInfo: '是', isSensitivePersonalInfo: '否', personCount: persons, recordCount: persons * 3 });
      const rank = Math.max(levelRank(own.level), top);
      batch.push({
        ...common, id: resId, kind: 'resource', dataId: resDataId, itemName: '', description: `${table}，${SYSTEM_NAMES[r % SYSTEM_NAMES.length]}的业务数据表`,
        category1: '', category2: '', category3: '', category4: '', categoryCode: '', impactObjects: '', impactDegree: '', isPersonalInfo: '是', isSensitivePersonalInfo: '否',
        level: levelOfRank(rank), suggestedLevel: levelOfRank(rank), ownRank: levelRank(own.level), levelSource: top > levelRank(own.level) ? 'rollup' : 'matrix', levelState: 'suggested',
      }, ...itemRows);
      if (batch.length >= 10_000) flush();
    }
    flush();
  });

  // ---- reopen: the first page is read from a cold cache
  s.workspace.lock();
  const [, unlockMs] = time(() => s.workspace.unlock({ passphrase: PASS }));
  open = s.session.requireOpen();
  const q = (filter: Parameters<typeof s.inventory.query>[0]['filter'], sort: 'dataId' | 'level' | 'resourceName' | 'itemName' | 'updatedAt' = 'dataId') =>
    s.inventory.query({ filter, sort, desc: false, offset: 0, limit: 100 });
  const [first, firstMs] = time(() => q({}));
  const [, treeMs] = time(() => s.inventory.tree());
  const [, secondMs] = time(() => q({}));
  const levels: Level[] = ['一般数据4级', '一般数据3级', '一般数据2级', '一般数据1级', '重要数据'];
  const levelMs = medianOf(20, (i) => q({ levels: [levels[i % levels.length]!] }));
  const levelSortMs = medianOf(20, (i) => q({ levels: [levels[i % levels.length]!] }, 'level'));
  const systemMs = medianOf(20, (i) => q({ systemId: (i % SYSTEMS) + 1 }));
  const piMs = medianOf(20, () => q({ personalInfo: 'sensitive' }));
  const categoryMs = medianOf(20, (i) => q({ categoryCode: ['1', '2.01', '1.01.002', '2'][i % 4]! }));
  const stateSortMs = medianOf(5, () => q({ states: ['confirmed'] }, 'itemName'));
  const loweringMs = medianOf(20, () => q({ lowering: true }));
  const sortNameMs = medianOf(20, () => q({}, 'itemName'));
  const deepMs = medianOf(5, () => s.inventory.query({ filter: {}, sort: 'dataId', desc: false, offset: ITEMS - 200, limit: 100 }));
  const long = ['身份证', '诊断结果', '检验报告', '患者姓名', '联系电话', '医保卡号'];
  const [hit3] = time(() => q({ search: '身份证' }));
  const search3Ms = medianOf(20, (i) => q({ search: long[i % long.length]! }));
  const short = ['姓名', '电话', '报告', '科室', '病种'];
  const [hit2] = time(() => q({ search: '姓名' }));
  const search2Ms = medianOf(20, (i) => q({ search: short[i % short.length]! }));
  const search2LevelMs = medianOf(20, (i) => q({ search: short[i % short.length]!, levels: ['一般数据4级'] }));
  const search1Ms = medianOf(20, (i) => q({ search: ['姓', '号', '院', '码'][i % 4]! }));

  // ---- bulk level change of 10,000 items, its undo and redo
  const n = Math.min(10_000, ITEMS);
  const ids = open.store.inventory.ids({ kind: 'item', levels: ['一般数据3级', '一般数据2级', '一般数据1级'] }).slice(0, n);
  const auditBefore = s.audit.list(0, 1).total;
  const [bulk, bulkMs] = time(() => s.inventory.bulkUpdate({ ids }, { level: '重要数据', rationale: '汇聚后影响公共利益（基准测试）' }));
  const auditAfter = s.audit.list(0, 1).total;
  const [undo, undoMs] = time(() => s.inventory.undo());
  const [redo, redoMs] = time(() => s.inventory.redo());
  const [, undo2Ms] = time(() => s.inventory.undo());
  const [, rollupSqlMs] = time(() => open.store.inventory.rollupCandidates());
  const [regrade, regradeMs] = time(() => s.inventory.regrade());
  const regradeCpu = cpu();
  const [regrade2, regrade2Ms] = time(() => s.inventory.regrade());
  const regrade2Cpu = cpu();
  // A new version of the scheme in use: 个人权益 × 特别严重危害 → 重要数据, so about a third of the
  // items go up and nearly every resource with them (a large change, to show the worst case).
  const def = s.scheme.get(scheme.id).definition;
  const v2 = { ...def, matrix: def.matrix.map((m) => (m.object === '个人权益' && m.degree === '特别严重危害' ? { ...m, level: '重要数据' as const } : m)) };
  s.scheme.import(JSON.stringify(v2));
  s.scheme.activate(scheme.id, 2);
  const [regrade3, regrade3Ms] = time(() => s.inventory.regrade());
  const regrade3Cpu = cpu();
  const [undo3, undo3Ms] = time(() => s.inventory.undo());
  const undo3Cpu = cpu();
  const [v, verifyMs] = time(() => s.audit.verify());
  s.dispose();
  const size = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

  const row = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  row(`build ${ITEMS} items, ${RESOURCES} resources, ${SYSTEMS} systems`, `${(buildMs / 1000).toFixed(1)} s  (${Math.round(ITEMS / (buildMs / 1000))} rows/s)`);
  row('unlock (PBKDF2)', `${unlockMs.toFixed(0)} ms`);
  row('first page after opening (100 rows + total)', `${firstMs.toFixed(1)} ms  (total ${first.total})`);
  row('tree (systems, resources, item counts)', `${treeMs.toFixed(1)} ms`);
  row('first page again', `${secondMs.toFixed(1)} ms`);
  row('filter by level (median of 20)', `${levelMs.toFixed(1)} ms`);
  row('filter by level, sorted by level (median)', `${levelSortMs.toFixed(1)} ms`);
  row('filter by system (median)', `${systemMs.toFixed(1)} ms`);
  row('filter sensitive PI (median)', `${piMs.toFixed(1)} ms`);
  row('filter category prefix 1, 2.01 … (median)', `${categoryMs.toFixed(1)} ms`);
  row('filter state, sorted by item name (median of 5)', `${stateSortMs.toFixed(1)} ms`);
  row('filter lowering (median)', `${loweringMs.toFixed(1)} ms`);
  row('sort by item name (median)', `${sortNameMs.toFixed(1)} ms`);
  row(`deep page (offset ${ITEMS - 200}) (median of 5)`, `${deepMs.toFixed(1)} ms`);
  row('search 3+ chars, e.g. 身份证 (median of 20)', `${search3Ms.toFixed(1)} ms  (身份证: ${hit3.total} rows)`);
  row('search 2 chars, e.g. 姓名 (median of 20)', `${search2Ms.toFixed(1)} ms  (姓名: ${hit2.total} rows)`);
  row('search 2 chars + level (median of 20)', `${search2LevelMs.toFixed(1)} ms`);
  row('search 1 char (median of 20)', `${search1Ms.toFixed(1)} ms`);
  row(`bulk level change ×${bulk.count}`, `${bulkMs.toFixed(0)} ms  (${auditAfter - auditBefore} audit entry)`);
  row(`undo ×${undo?.count ?? 0}`, `${undoMs.toFixed(0)} ms`);
  row(`redo ×${redo?.count ?? 0}`, `${redoMs.toFixed(0)} ms`);
  row('undo again', `${undo2Ms.toFixed(0)} ms`);
  row('roll-up of all resources (SQL, nothing due)', `${rollupSqlMs.toFixed(0)} ms`);
  row('regrade all (suggestions + roll-up of all)', `${regradeMs.toFixed(0)} ms  (${regradeCpu}; ${regrade.entries} changed, ${regrade.resourcesRaised} resources raised; service says ${regrade.ms} ms)`);
  row('regrade all again (nothing to change)', `${regrade2Ms.toFixed(0)} ms  (${regrade2Cpu}; ${regrade2.entries} changed)`);
  row('regrade all after a new scheme version', `${regrade3Ms.toFixed(0)} ms  (${regrade3Cpu}; ${regrade3.entries} changed, ${regrade3.resourcesRaised} resources raised)`);
  row(`undo of that regrade ×${undo3?.count ?? 0}`, `${undo3Ms.toFixed(0)} ms  (${undo3Cpu}); load average (1 min) ${os.loadavg()[0]!.toFixed(1)}`);
  row(`audit verify ×${v.count}`, `${verifyMs.toFixed(0)} ms  (ok=${v.ok})`);
  row('workspace size', `${(size / 2 ** 20).toFixed(1)} MiB`);
} finally {
  // BENCH_KEEP=1 keeps the workspace for a closer look (passphrase: bench-passphrase).
  if (process.env.BENCH_KEEP) console.log(`kept: ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
