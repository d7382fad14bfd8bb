/**
 * Benchmark: a filing package of a BENCH_ITEMS-item inventory (default 100,000). Prints its
 * figures; run with `npm run bench -- package`. Targets (issue 5): build and sign < 3 s, verify
 * < 2 s, SM3 over the package bytes within 2× of `openssl dgst -sm3` over the same bytes.
 *
 * The inventory is written straight through the repositories (as the inventory benchmark does),
 * with a catalog row for every tenth resource; then package.build (read in one transaction,
 * canonical JSON, SM3 + SHA-256 manifests, SM2 signature, zip), a sealed build, package.verify
 * (unzip with caps, both manifests, schema and canonical form of the JSON, signature), and SM3
 * of the package file here and in OpenSSL, each timed several times (median). Builds use the
 * payload worker (the inventory JSON hashed and deflated in parallel) unless BENCH_IN_THREAD=1.
 * CPU figures are the whole process's, every thread included.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/index';
import { createDigestHasher, generateSm2KeyPair, sm3File } from '../../main/crypto/index';
import type { NewEntry } from '../../main/db/repos/inventory-repo';
import { readZipDirectory } from '../../main/services/package/zip';
import { bureauTemplateContributor, packageContentOf } from '../../main/services/package/index';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PER_RESOURCE = 50;
const SYSTEMS = 20;
const PASS = 'bench-passphrase';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-bench-pkg-'));
const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** CPU time (user + system) of this process, ms: steadier than wall time on a shared machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuMs: Record<string, number[]> = {};
async function timeAsync<T>(fn: () => Promise<T>, label = ''): Promise<[T, number]> {
  const t0 = now();
  const c0 = cpu();
  const r = await fn();
  if (label) (cpuMs[label] ??= []).push(cpu() - c0);
  return [r, now() - t0];
}
const cpuOf = (label: string) => `CPU ${median(cpuMs[label] ?? [0]).toFixed(0)} ms`;

const FIELDS: [string, string, string, string, '是' | '否', '是' | '否', string][] = [
  ['患者姓名', 'HZXM', '个人权益', '严重危害', '是', '否', '一般数据3级'],
  ['身份证号', 'SFZH', '个人权益', '特别严重危害', '是', '是', '一般数据4级'],
  ['联系电话', 'LXDH', '个人权益', '严重危害', '是', '否', '一般数据3级'],
  ['诊断结果', 'ZDJG', '个人权益', '特别严重危害', '是', '是', '一般数据4级'],
  ['就诊科室', 'JZKS', '组织权益', '无危害', '否', '否', '一般数据1级'],
  ['采购金额', 'CGJE', '组织权益', '严重危害', '否', '否', '一般数据3级'],
  ['传染病病种', 'CRBBZ', '公共利益', '严重危害', '是', '是', '重要数据'],
];

async function main() {
  const loadBefore = os.loadavg();
  // The payload worker as the app uses it (bundled beside this file by scripts/bench.mjs);
  // BENCH_IN_THREAD=1 builds without it, everything in one thread, for comparison.
  const worker = path.join(__dirname, 'payload-worker.cjs');
  const s = createServices({ appVersion: 'bench', configDir: dir, ...(process.env.BENCH_IN_THREAD === '1' ? {} : { payloadWorker: worker }) });
  const file = path.join(dir, 'unit.dsw');
  s.workspace.create({ path: file, passphrase: PASS, role: 'unit', name: '某区卫生健康委员会', operator: '张三' });
  s.profile.save({
    unitName: '某某区卫生健康委员会', uscc: '91110000600037341L', unitType: '机关', competentDepartment: '某某区人民政府', address: '某某市某某区人民路1号',
    officerName: '张三', officerTitle: '副主任', officerPhone: '13800138000', officerEmail: 'zhangsan@example.gov.cn', managementBody: '网络与数据安全科',
    preparerName: '李四', preparerPhone: '010-62345678', filingKind: '首次报送', filingDate: '2026-01-05',
  });
  const key = s.keys.generate();
  const open = s.session.requireOpen();
  const at = new Date().toISOString();
  const t0 = now();
  const systemIds = open.store.tx(() => Array.from({ length: SYSTEMS }, (_, i) => open.store.inventory.insertSystem(`医院信息系统（${i + 1}号院区）`, '第三级', at)));
  let id = 0;
  let items = 0;
  let batch: NewEntry[] = [];
  const catalogIds: number[] = [];
  const flush = () => {
    const rows = batch;
    batch = [];
    open.store.tx(() => rows.forEach((r) => open.store.inventory.insert(r)));
  };
  for (let r = 0; items < ITEMS; r++) {
    const resId = ++id;
    const resDataId = `SYS${String((r % SYSTEMS) + 1).padStart(2, '0')}-T${String(r + 1).padStart(5, '0')}`;
    const important = r % 10 === 0;
    const common = {
      industry: '卫生健康', processingDegree: '原始数据', dataSource: '本单位采集', storageLocation: '政务云', sharing: '有条件共享', openness: '不予开放',
      updateFrequency: '实时', ownerDepartment: '信息中心', ownerPerson: '张伟', reviewedAt: '2025-11-01', schemeId: '', schemeVersion: null,
      createdAt: at, updatedAt: at, systemId: systemIds[r % SYSTEMS]!, resourceId: resId, resourceName: `患者基本信息表（${2000 + r}）`, itemCode: '',
      rationale: '', recordCount: 30_000 + r, personCount: 10_000 + r, category1: '', category2: '', category3: '', category4: '', categoryCode: '',
      levelSource: 'matrix' as const, levelState: 'suggested' as const,
    };
    batch.push({
      ...common, id: resId, kind: 'resource', dataId: resDataId, itemName: '', description: `第${r + 1}张业务数据表`, impactObjects: '', impactDegree: '',
      isPersonalInfo: '是', isSensitivePersonalInfo: '否', level: important ? '重要数据' : '一般数据4级', suggestedLevel: important ? '重要数据' : '一般数据4级', ownRank: 0,
    });
    if (important) catalogIds.push(resId);
    for (let f = 0; f < PER_RESOURCE && items < ITEMS; f++, items++) {
      const [name, code, object, degree, pi, spi, level] = FIELDS[(r + f) % FIELDS.length]!;
      batch.push({
        ...common, id: ++id, kind: 'item', dataId: `${resDataId}-F${String(f + 1).padStart(3, '0')}`, itemName: `${name}${f}`, itemCode: `${code}${f}`,
        description: `${name}字段，记录门诊与住院业务中的${name}`, impactObjects: object, impactDegree: degree, isPersonalInfo: pi, isSensitivePersonalInfo: spi,
        level: level as never, suggestedLevel: level as never, ownRank: 0,
      });
    }
    if (batch.length >= 10_000) flush();
  }
  flush();
  open.store.tx(() => {
    for (const rid of catalogIds) {
      open.store.catalog.put({
        resourceId: rid, listed: true, updatedAt: at, answers: {},
        fields: { name: `患者信息数据集${rid}`, category: '个人信息/健康生理', level: '重要数据', description: '含传染病报告', carrierKind: '数据库', recordCount: 3_000_000, personCount: 1_200_000, purpose: '医疗服务', processingMethods: '收集、存储、使用' },
      });
    }
  });
  const fillMs = now() - t0;

  const hasher = await createDigestHasher();
  const out = (n: string) => path.join(dir, n);
  // warm-up (WebAssembly instantiation, statement preparation, JIT)
  await s.packages.build({ kind: 'initial', outPath: out('warm.dsp') });
  const buildMs: number[] = [];
  let last = await s.packages.build({ kind: 'change', outPath: out('b0.dsp') });
  for (let i = 1; i <= RUNS; i++) {
    const [r, ms] = await timeAsync(() => s.packages.build({ kind: 'change', outPath: out(`b${i}.dsp`) }), 'build');
    buildMs.push(ms);
    last = r;
  }
  // An annual filing: the same, without the change report.
  const annualMs: number[] = [];
  for (let i = 0; i < RUNS; i++) annualMs.push((await timeAsync(() => s.packages.build({ kind: 'annual', outPath: out(`a${i}.dsp`) }), 'annual'))[1]);
  // The bureau-template workbook alone (data/备案清单.xlsx, part of every build above).
  const xlsxMs: number[] = [];
  let xlsxBytes = 0;
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    // Given the rows already read (as package.build gives them): the workbook's own cost.
    const createdAt = new Date().toISOString();
    const content = packageContentOf(s.session.requireOpen(), 'change', createdAt);
    const [files, ms] = await timeAsync(async () => bureauTemplateContributor('bench')({ state: s.session.requireOpen(), kind: 'change', createdAt, content }), 'xlsx');
    xlsxMs.push(ms);
    xlsxBytes = files[0]!.bytes.length;
  }
  // The export read alone (filings.exportEntries: live entries in package order, read in index order).
  const readMs: number[] = [];
  let readRows = 0;
  for (let i = 0; i < RUNS; i++) {
    const st = s.session.requireOpen().store;
    const [rows, ms] = await timeAsync(async () => st.tx(() => st.filings.exportEntries()), 'read');
    readMs.push(ms);
    readRows = rows.length;
  }
  const bureau = generateSm2KeyPair();
  const sealedMs: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    sealedMs.push((await timeAsync(() => s.packages.build({ kind: 'annual', outPath: out(`s${i}.dsp`), sealTo: bureau.publicKey.toPem() }), 'sealed'))[1]);
  }
  const verifyMs: number[] = [];
  let report = await s.packages.verify({ path: last.path, pubkeyPem: key.publicKeyPem });
  for (let i = 0; i < RUNS; i++) {
    const [r, ms] = await timeAsync(() => s.packages.verify({ path: last.path, pubkeyPem: key.publicKeyPem }), 'verify');
    verifyMs.push(ms);
    report = r;
  }
  if (!report.ok) throw new Error(`verify failed: ${JSON.stringify(report.errors)}`);

  // SM3 over the package bytes, here (hash-wasm, in process, file read included) and in OpenSSL (a
  // process, file read included). Here twice: the file read whole into memory (as verify reads a
  // package), and read in 1 MiB pieces into one buffer (sm3File, as OpenSSL reads a file).
  const sm3Here = (f: string) => {
    const t = now();
    const d = hasher.sm3(fs.readFileSync(f));
    return [d, now() - t] as const;
  };
  const sm3HereStreamed = async (f: string) => {
    const t = now();
    const d = await sm3File(f);
    return [d, now() - t] as const;
  };
  const sm3Openssl = (f: string) => {
    const t = now();
    const r = spawnSync('openssl', ['dgst', '-sm3', '-r', f], { encoding: 'utf8' });
    return [r.stdout.split(' ')[0]!, now() - t] as const;
  };
  const compare = async (f: string) => {
    sm3Here(f);
    await sm3HereStreamed(f);
    sm3Openssl(f);
    const here: number[] = [];
    const streamed: number[] = [];
    const ossl: number[] = [];
    let same = true;
    for (let i = 0; i < RUNS; i++) {
      const [a, ta] = sm3Here(f);
      const [c, tc] = await sm3HereStreamed(f);
      const [b, tb] = sm3Openssl(f);
      here.push(ta);
      streamed.push(tc);
      ossl.push(tb);
      same &&= a === b && c === b;
    }
    return { here: median(here), streamed: median(streamed), ossl: median(ossl), same, bytes: fs.statSync(f).size };
  };
  const onPackage = await compare(last.path);
  // The same comparison over bytes large enough for throughput to dominate process start-up.
  const big = out('big.bin');
  const chunk = fs.readFileSync(last.path);
  const fd = fs.openSync(big, 'w');
  for (let n = 0; n < 256 * 2 ** 20; n += chunk.length) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  const onBig = await compare(big);
  const ossLStartup = median(Array.from({ length: RUNS }, () => sm3Openssl(path.join(dir, 'warm.dsp'))[1]));
  s.dispose();

  const inv = last.counts;
  const row = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
  console.log(`load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`payload worker: ${process.env.BENCH_IN_THREAD === '1' ? 'none (BENCH_IN_THREAD=1: one thread)' : worker}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout.trim()}`);
  row(`fill the workspace (${ITEMS} items)`, `${(fillMs / 1000).toFixed(1)} s  (${inv.systems} systems, ${inv.resources} resources, ${inv.items} items, ${inv.catalogEntries} catalog rows)`);
  row(`package.build (change): read + JSON + change report + xlsx + manifests + sign + zip (median of ${RUNS})`, `${median(buildMs).toFixed(0)} ms  (min ${Math.min(...buildMs).toFixed(0)}, max ${Math.max(...buildMs).toFixed(0)}; ${cpuOf('build')})  target < 3000 ms`);
  row(`package.build (annual): the same without the change report (median of ${RUNS})`, `${median(annualMs).toFixed(0)} ms  (min ${Math.min(...annualMs).toFixed(0)}; ${cpuOf('annual')})`);
  row(`  of which data/备案清单.xlsx alone (median of ${xlsxMs.length})`, `${median(xlsxMs).toFixed(0)} ms  (${mb(xlsxBytes)}; ${cpuOf('xlsx')})`);
  row(`  of which the export read (filings.exportEntries, ${readRows} rows; median of ${RUNS})`, `${median(readMs).toFixed(0)} ms  (${cpuOf('read')})`);
  row(`package.build sealed for a bureau key (median of ${sealedMs.length})`, `${median(sealedMs).toFixed(0)} ms  (${cpuOf('sealed')})`);
  row(`package.verify (median of ${RUNS})`, `${median(verifyMs).toFixed(0)} ms  (min ${Math.min(...verifyMs).toFixed(0)}, max ${Math.max(...verifyMs).toFixed(0)}; ${cpuOf('verify')})  target < 2000 ms`);
  const dirEntries = readZipDirectory(fs.readFileSync(last.path)).entries;
  const unpacked = dirEntries.reduce((n, e) => n + e.size, 0);
  const invSize = dirEntries.find((e) => e.name.endsWith('data/inventory.json'))?.size ?? 0;
  row('package file (zip) / unpacked bag / data/inventory.json', `${mb(last.fileBytes)} / ${mb(unpacked)} / ${mb(invSize)}`);
  const sm3Row = (what: string, c: typeof onPackage) =>
    row(
      `SM3 of ${what} here (whole / streamed) / openssl dgst -sm3 (median)`,
      `${c.here.toFixed(0)} / ${c.streamed.toFixed(0)} ms / ${c.ossl.toFixed(0)} ms  (×${(c.here / c.ossl).toFixed(2)} / ×${(c.streamed / c.ossl).toFixed(2)}; ${(c.bytes / 2 ** 20 / (c.streamed / 1000)).toFixed(0)} vs ${(c.bytes / 2 ** 20 / (c.ossl / 1000)).toFixed(0)} MiB/s streamed; same digest: ${c.same})`,
    );
  sm3Row(`the package file (${mb(onPackage.bytes)})`, onPackage);
  row('openssl dgst -sm3 process start-up alone (tiny file)', `${ossLStartup.toFixed(1)} ms`);
  sm3Row(mb(onBig.bytes), onBig);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    if (process.env.BENCH_KEEP) console.log(`kept: ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  });
