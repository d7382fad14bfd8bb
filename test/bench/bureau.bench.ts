/**
 * Benchmark of the bureau side (issue 6). Prints its figures; run with `npm run bench -- bureau`.
 * Targets: intake of 50 packages of 5,000 items each < 30 s in total; opening the review of a
 * 100,000-item change filing against its predecessor < 2 s; the district view over 300,000
 * items < 300 ms.
 *
 * Realistic inventories come from the demo generator (a hospital, with the usual mistakes): one
 * unit workspace with 5,000 items and one with 100,000 build their packages with package.build;
 * the payload is then signed again by the same unit-side code (buildBag + sealPackage) under 50
 * different units (USCC, name, key), sealed for the bureau. The 100,000-item unit files an
 * initial package and a change package (2,000 descriptions changed, 100 levels lowered with a
 * rationale, 100 items removed, 100 added). Intake runs as the UI runs it: an intake job, polled.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/index';
import { createDigestHasher, importPublicKey, Sm2PrivateKey, SoftwareSigner } from '../../main/crypto/index';
import { EMPTY_CATALOG_FIELDS, FILING_KIND_LABELS, type CatalogFile, type FilingKindCode, type InventoryFile, type PackageEntry, type ProfileFile } from '../../main/domain/package/index';
import { usccCheckChar } from '../../main/domain/uscc';
import { changeReportText, computeChangeReport, PAYLOAD_CHANGE_REPORT, PAYLOAD_CHANGE_TEXT } from '../../main/domain/package/change-report';
import { buildBag, canonicalBytes } from '../../main/services/package/bag';
import { sealPackage } from '../../main/services/package/seal';
import { bagFiles } from '../../main/services/bureau/open-package';

const UNITS = Number(process.env.BENCH_UNITS ?? 50);
const UNIT_ITEMS = Number(process.env.BENCH_UNIT_ITEMS ?? 5_000);
const BIG_ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = 5;
const PASS = 'bench-passphrase';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-bench-bureau-'));
const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

const PROFILE = {
  unitName: '某某区卫生健康委员会', uscc: '91110000600037341L', unitType: '机关', competentDepartment: '某某区人民政府', address: '某某市某某区人民路1号',
  officerName: '张三', officerTitle: '副主任', officerPhone: '13800138000', officerEmail: 'zhangsan@example.gov.cn', managementBody: '网络与数据安全科',
  preparerName: '李四', preparerPhone: '010-62345678', filingKind: '首次报送', filingDate: '2026-01-05',
};

function usccOf(n: number): string {
  const first17 = `911101${String(100000000 + n).slice(-9)}00`.slice(0, 17);
  return first17 + usccCheckChar(first17)!;
}

interface Payload {
  profile: ProfileFile;
  inventory: InventoryFile;
  catalog: CatalogFile;
}

type Services = ReturnType<typeof createServices>;

/** A demo unit workspace of about `items` items, with a complete profile and a key, left open. */
function demoWorkspace(s: Services, items: number, seed: number): void {
  const file = path.join(dir, `unit-${items}-${seed}.dsw`);
  s.workspace.create({ path: file, passphrase: PASS, role: 'unit', name: '示例单位', operator: '张三' });
  s.profile.save(PROFILE as never);
  s.demo.generate({ items, seed });
  s.keys.generate();
}

async function main() {
  const loadBefore = os.loadavg();
  const s = createServices({ appVersion: 'bench', configDir: dir });
  const hasher = await createDigestHasher();

  // ---- the unit side: demo inventories and their packages
  const payloadOf = async (items: number, seed: number): Promise<Payload> => {
    const t0 = now();
    demoWorkspace(s, items, seed);
    const pkg = await s.packages.build({ kind: 'initial', outPath: path.join(dir, `demo-${items}-${seed}.dsp`), seal: false });
    const files = bagFiles(fs.readFileSync(pkg.path), undefined);
    const json = <T>(name: string) => JSON.parse(files.get(name)!.toString('utf8')) as T;
    s.workspace.close();
        const inventory = json<InventoryFile>('data/inventory.json');
    const catalog = json<CatalogFile>('data/catalog.json');
    console.log(`demo unit of ${pkg.counts.items} items, ${pkg.counts.resources} resources: generated and packaged in ${ms(now() - t0)}`);
    // The demo leaves sheet 3 to the officer: fill it for its important and core resources.
    if (catalog.entries.length === 0) {
      catalog.entries = inventory.entries
        .filter((e) => e.kind === 'resource' && (e.level === '重要数据' || e.level === '核心数据'))
        .map((e) => ({
          ...EMPTY_CATALOG_FIELDS, dataId: e.dataId, inventoryLevel: e.level, name: e.resourceName, category: e.category1, level: e.level as '重要数据' | '核心数据',
          description: e.description || e.resourceName, purpose: '业务办理', securityMeasures: '加密存储、访问控制', mlpsLevel: '第三级', department: e.ownerDepartment, person: e.ownerPerson, phone: '010-62345678',
        }));
    }
    return { profile: json('data/profile.json'), inventory, catalog };
  };
  const small = await payloadOf(UNIT_ITEMS, 11);
  const big = await payloadOf(BIG_ITEMS, 12);

  // ---- the bureau
  s.workspace.create({ path: path.join(dir, 'bureau.dsw'), passphrase: PASS, role: 'bureau', name: '某区数据局', operator: '王五' });
  const bureauKey = importPublicKey(s.keys.generate().publicKeyPem);

  const createdAt = new Date().toISOString();
  const makePackage = async (unit: { uscc: string; name: string; signer: SoftwareSigner }, p: Payload, kind: FilingKindCode, sequence: number, previousDigest: string | null, file: string, extra: { path: string; bytes: Uint8Array }[] = []) => {
    const profile = { ...p.profile, profile: { ...p.profile.profile, uscc: unit.uscc, unitName: unit.name, filingKind: FILING_KIND_LABELS[kind].zh } };
    const entries = p.inventory.entries;
    const bag = await buildBag({
      info: {
        unitName: unit.name, uscc: unit.uscc, kind, sequence, previousDigest, createdAt, appVersion: 'bench',
        counts: { systems: p.inventory.systems.length, resources: entries.filter((e) => e.kind === 'resource').length, items: entries.filter((e) => e.kind === 'item').length, catalogEntries: p.catalog.entries.length },
        contactName: '张三', contactPhone: '13800138000', contactEmail: 'zhangsan@example.gov.cn',
      },
      payload: [
        { path: 'data/profile.json', bytes: canonicalBytes(profile) },
        { path: 'data/inventory.json', bytes: canonicalBytes(p.inventory) },
        { path: 'data/catalog.json', bytes: canonicalBytes(p.catalog) },
        ...extra,
      ],
      signer: unit.signer,
      hasher,
    });
    fs.writeFileSync(file, sealPackage(bag.zip, bureauKey, new Date(createdAt)));
    return bag.digest;
  };
  const newUnit = (n: number, name: string) => {
    const key = Sm2PrivateKey.generate();
    const unit = { uscc: usccOf(n), name, signer: new SoftwareSigner(key) };
    const pub = key.publicKey();
    s.bureau.keyAdd({ uscc: unit.uscc, pem: pub.toPem(), fingerprint: pub.fingerprint(), name });
    return unit;
  };

  const inbox = path.join(dir, 'inbox');
  fs.mkdirSync(inbox);
  let t0 = now();
  for (let u = 0; u < UNITS; u++) await makePackage(newUnit(u + 1, `某区第${u + 1}委办局`), small, 'initial', 1, null, path.join(inbox, `${String(u + 1).padStart(3, '0')}.dsp`));
  const inboxBytes = fs.readdirSync(inbox).reduce((n, f) => n + fs.statSync(path.join(inbox, f)).size, 0);
  console.log(`${UNITS} sealed packages of ${small.inventory.entries.length} rows each written in ${ms(now() - t0)} (${(inboxBytes / 2 ** 20).toFixed(1)} MiB)`);

  // ---- 1. intake of UNITS packages, as a job
  t0 = now();
  const c0 = process.cpuUsage();
  const job = s.bureau.intakeStart([inbox]);
  const done = await s.bureau.intakeWait(job.id);
  const intakeMs = now() - t0;
  const cpu = process.cpuUsage(c0);
  const intakeCpu = (cpu.user + cpu.system) / 1000;
  if (done.accepted !== UNITS) throw new Error(`intake: ${done.accepted} accepted, ${done.refused} refused: ${JSON.stringify(done.results.find((r) => r.outcome === 'refused')?.errors)}`);

  // ---- 2. the 100,000-item unit: initial, then a change
  const bigUnit = newUnit(900, '某区人民医院');
  const d1 = await makePackage(bigUnit, big, 'initial', 1, null, path.join(dir, 'big-1.dsp'));
  const entries = big.inventory.entries.map((e) => ({ ...e }));
  let changed = 0;
  let lowered = 0;
  entries.forEach((e, i) => {
    if (e.kind !== 'item') return;
    if (i % 50 === 1 && changed < 2000) {
      e.description = `${e.description}（已核实）`;
      changed++;
    } else if (i % 97 === 3 && lowered < 100 && e.level === '一般数据3级') {
      e.level = '一般数据2级';
      e.rationale = '已脱敏处理';
      lowered++;
    }
  });
  const removedIds = new Set(entries.filter((e) => e.kind === 'item').slice(-100).map((e) => e.dataId));
  const kept = entries.filter((e) => !removedIds.has(e.dataId));
  const firstRes = kept.find((e) => e.kind === 'resource')!;
  const added: PackageEntry[] = Array.from({ length: 100 }, (_, i) => ({ ...kept[kept.indexOf(firstRes) + 1]!, dataId: `${firstRes.dataId}-N${String(i + 1).padStart(3, '0')}`, itemName: `新增字段${i + 1}`, itemCode: `XZ${i + 1}` }));
  const changeInventory = { ...big.inventory, entries: [...kept.slice(0, kept.indexOf(firstRes) + 1), ...added, ...kept.slice(kept.indexOf(firstRes) + 1)] };
  // The change report the unit side adds to a change package (the same domain function).
  const stateOf = (p: Payload, kind: FilingKindCode) => ({
    profile: { ...p.profile.profile, uscc: bigUnit.uscc, unitName: bigUnit.name, filingKind: FILING_KIND_LABELS[kind].zh } as Record<string, unknown>,
    systems: p.inventory.systems,
    entries: p.inventory.entries,
    catalog: p.catalog.entries,
  });
  const report = computeChangeReport({ sequence: 1, digest: d1, kind: 'initial', createdAt, state: stateOf(big, 'initial') }, stateOf({ ...big, inventory: changeInventory }, 'change'));
  await makePackage(bigUnit, { ...big, inventory: changeInventory }, 'change', 2, d1, path.join(dir, 'big-2.dsp'), [
    { path: PAYLOAD_CHANGE_REPORT, bytes: canonicalBytes(report) },
    { path: PAYLOAD_CHANGE_TEXT, bytes: new TextEncoder().encode(changeReportText(report, { sequence: 2, unitName: bigUnit.name, uscc: bigUnit.uscc })) },
  ]);
  t0 = now();
  const r1 = await s.bureau.intake([path.join(dir, 'big-1.dsp')]);
  const bigIntake1 = now() - t0;
  t0 = now();
  const r2 = await s.bureau.intake([path.join(dir, 'big-2.dsp')]);
  const bigIntake2 = now() - t0;
  const f1 = r1.results[0]!.filingId!;
  const f2 = r2.results[0]!.filingId!;
  if (!f1 || !f2) throw new Error(`big intake refused: ${JSON.stringify(r1.results[0]!.errors)} ${JSON.stringify(r2.results[0]!.errors)}`);

  const reviewMs: number[] = [];
  let review = s.bureau.review(f2);
  for (let i = 0; i < RUNS; i++) {
    t0 = now();
    review = s.bureau.review(f2);
    s.bureau.diff({ filingId: f2, offset: 0, limit: 100 });
    s.bureau.entries({ filingId: f2, flaggedOnly: true, offset: 0, limit: 100 });
    reviewMs.push(now() - t0);
  }
  // The comparison of two versions computed on demand (the reverse direction is not kept yet).
  t0 = now();
  const back = s.bureau.diff({ filingId: f1, against: f2, offset: 0, limit: 100 });
  const compareMs = now() - t0;

  // ---- 3. district view over every unit's latest filing (accepted, so the catalog has them)
  for (const r of done.results) s.bureau.decideFiling({ filingId: r.filingId!, decision: 'accepted', comment: '' });
  s.bureau.decideFiling({ filingId: f2, decision: 'accepted_with_remarks', comment: '请补充新增字段的说明' });
  const districtMs: number[] = [];
  let district = s.bureau.district();
  for (let i = 0; i < RUNS; i++) {
    t0 = now();
    district = s.bureau.district();
    districtMs.push(now() - t0);
  }
  const catalogMs: number[] = [];
  let catalogTotal = 0;
  for (let i = 0; i < RUNS; i++) {
    t0 = now();
    catalogTotal = s.bureau.catalog({ offset: 0, limit: 100 }).total;
    catalogMs.push(now() - t0);
  }

  const loadAfter = os.loadavg();
  console.log('');
  console.log(`intake job, ${UNITS} packages × ${small.inventory.entries.length - done.results[0]!.counts!.resources} items (sealed): ${ms(intakeMs)} (${ms(intakeMs / UNITS)} per package; CPU ${ms(intakeCpu)})   target < 30 s`);
  console.log(`intake of the ${BIG_ITEMS}-item initial filing: ${ms(bigIntake1)}; of its change filing (diff, flags, quality included): ${ms(bigIntake2)}`);
  console.log(`open review of the change filing (overview + first diff page + first flagged page), median of ${RUNS}: ${ms(median(reviewMs))}   target < 2 s`);
  console.log(`   diff: +${review.diff.added.items} items, −${review.diff.removed.items}, ~${review.diff.changed.items}, lowered ${review.diff.lowered}; flags on ${review.filing.flags} entries`);
  console.log(`compare the two versions on demand (diff computed, first page): ${ms(compareMs)} (${back.total} rows)`);
  console.log(`district view over ${district.items + district.resources} rows (${district.items} items) of ${district.units} units, median of ${RUNS}: ${ms(median(districtMs))}   target < 300 ms`);
  console.log(`consolidated important-data catalog (${catalogTotal} rows), first page, median of ${RUNS}: ${ms(median(catalogMs))}`);
  console.log(`load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')}; ${os.cpus().length} CPUs`);
  s.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
