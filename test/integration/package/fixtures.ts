/**
 * Filing-package fixtures: a unit workspace with a complete profile, a small inventory (one
 * system, an important resource with a catalog row, a few items) and a signing key; a bureau
 * workspace with its key; and tools to open a built package, change it, and zip or re-sign it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PASS, VALID_PROFILE, type AppFactory, type TestApp } from '../../helpers/backend';
import { TEST_INDUSTRY, TEST_SCHEME } from '../inventory/fixtures';
import { readZipDirectory, readZipEntry, writeZip, type ZipInput } from '../../../main/services/package/zip';
import { createDigestHasher, openKeyBackup, signChecked, SoftwareSigner, type Sm2PrivateKey } from '../../../main/crypto/index';
import { FILES, TAG_MANIFEST_FILES, payloadOxum, writeManifest } from '../../../main/domain/package/index';

export const BACKUP_PASS = 'backup-口令-123456';

export interface Unit {
  app: TestApp;
  file: string;
  fingerprint: string;
  publicKeyPem: string;
}

/** A unit workspace, open, with a complete profile, an inventory with a catalog row, and a key. */
export async function unitWorkspace(apps: AppFactory, opts: { app?: TestApp; profile?: Partial<typeof VALID_PROFILE> } = {}): Promise<Unit> {
  const app = opts.app ?? apps.app();
  const file = apps.wsPath('unit');
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '某区卫健委', operator: '张三' });
  await app.call('profile.save', { profile: { ...VALID_PROFILE, ...opts.profile } });
  await app.call('scheme.import', { json: JSON.stringify(TEST_SCHEME) });
  const system = await app.call('inventory.createSystem', { name: '医院信息系统', mlpsLevel: '第三级' });
  const res = await app.call('inventory.createResource', {
    systemId: system.id,
    dataId: 'SYS01-T001',
    resourceName: '患者基本信息表',
    changes: { industry: TEST_INDUSTRY, description: '门诊患者的基本信息', ownerDepartment: '信息中心', ownerPerson: '张伟', dataSource: '本单位采集' },
  });
  const items: [string, string, Record<string, unknown>][] = [
    ['SYS01-T001-F001', '患者姓名', { categoryCode: '1.01.001', impactObjects: '个人权益', impactDegree: '严重危害', isPersonalInfo: '是' }],
    ['SYS01-T001-F002', '身份证号', { categoryCode: '1.01', impactObjects: '个人权益', impactDegree: '特别严重危害', isPersonalInfo: '是', isSensitivePersonalInfo: '是' }],
    ['SYS01-T001-F003', '传染病病种', { categoryCode: '1.02', impactObjects: '公共利益', impactDegree: '严重危害', personCount: 2_000_000 }],
  ];
  for (const [dataId, itemName, changes] of items) {
    await app.call('inventory.createItem', { resourceId: res.id, dataId, itemName, changes: { description: `${itemName}字段`, industry: TEST_INDUSTRY, ...changes } });
  }
  const res2 = await app.call('inventory.createResource', { systemId: system.id, dataId: 'SYS01-T002', resourceName: '操作日志', changes: { industry: TEST_INDUSTRY } });
  await app.call('inventory.createItem', { resourceId: res2.id, dataId: 'SYS01-T002-F001', itemName: '操作时间', changes: { industry: TEST_INDUSTRY, categoryCode: '2.01', impactObjects: '组织权益', impactDegree: '一般危害' } });
  await app.call('catalog.save', { resourceId: res.id, changes: { name: '患者基本信息', description: '门诊患者基本信息及传染病报告', level: '重要数据' } as never });
  const key = await app.call('keys.generate', {});
  return { app, file, fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem };
}

export interface Bureau {
  app: TestApp;
  file: string;
  fingerprint: string;
  publicKeyPem: string;
}

export async function bureauWorkspace(apps: AppFactory, name = '某区数据局'): Promise<Bureau> {
  const app = apps.app();
  const file = apps.wsPath('bureau');
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'bureau', name, operator: '王五' });
  const key = await app.call('keys.generate', {});
  return { app, file, fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem };
}

/** The bureau registers the unit's key (the fingerprint read back correctly). */
export async function register(bureau: Bureau, unit: Unit, uscc = VALID_PROFILE.uscc): Promise<void> {
  await bureau.app.call('keys.importCounterpart', { pem: unit.publicKeyPem, fingerprint: unit.fingerprint, uscc, label: '某区卫健委' });
}

/** The unit's private key, through an encrypted backup (the only way it leaves a workspace). */
export async function unitPrivateKey(unit: Unit, dir: string): Promise<Sm2PrivateKey> {
  const out = path.join(dir, `key-${Date.now()}-${Math.random().toString(36).slice(2)}.dskey`);
  await unit.app.call('keys.backup', { outPath: out, passphrase: BACKUP_PASS });
  return (await openKeyBackup(fs.readFileSync(out, 'utf8'), BACKUP_PASS)).privateKey;
}

/** The entries of a zip by name, in order. */
export function unzip(bytes: Buffer): { name: string; data: Buffer }[] {
  const dir = readZipDirectory(bytes);
  if (dir.problems.length > 0) throw new Error(JSON.stringify(dir.problems));
  return dir.entries.map((e) => {
    const r = readZipEntry(bytes, e);
    if ('problem' in r) throw new Error(JSON.stringify(r.problem));
    return { name: e.name, data: r.data };
  });
}

/** A bag opened for tampering: base directory and files by path relative to it. */
export interface OpenBag {
  base: string;
  files: Map<string, Buffer>;
}

export function openBag(bytes: Buffer): OpenBag {
  const entries = unzip(bytes);
  const base = entries[0]!.name.split('/')[0]!;
  return { base, files: new Map(entries.map((e) => [e.name.slice(base.length + 1), e.data])) };
}

/** Zip a bag again (base directory kept), with extra raw entries if wanted. */
export function zipBag(bag: OpenBag, extra: ZipInput[] = []): Buffer {
  return writeZip([...[...bag.files].map(([name, data]) => ({ name: `${bag.base}/${name}`, data })), ...extra], { mtime: new Date() });
}

/**
 * What a writer holding the signing key would do after changing files: recompute the payload
 * manifests (unless told not to), the tag manifests and the signature, so that only the change
 * itself is wrong.
 */
export async function resign(bag: OpenBag, key: Sm2PrivateKey, opts: { payloadManifests?: boolean; oxum?: boolean } = {}): Promise<void> {
  const h = await createDigestHasher();
  if (opts.oxum !== false) {
    const payload = [...bag.files].filter(([name]) => name.startsWith('data/')).map(([, d]) => d.length);
    setText(bag, FILES.bagInfo, text(bag, FILES.bagInfo).replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${payloadOxum(payload)}`));
  }
  if (opts.payloadManifests !== false) {
    const sm3 = new Map<string, string>();
    const sha = new Map<string, string>();
    for (const [name, data] of bag.files) {
      if (!name.startsWith('data/')) continue;
      const d = h.digest(data);
      sm3.set(name, d.sm3);
      sha.set(name, d.sha256);
    }
    bag.files.set(FILES.manifestSm3, Buffer.from(writeManifest(sm3)));
    bag.files.set(FILES.manifestSha256, Buffer.from(writeManifest(sha)));
  }
  const tsm3 = new Map<string, string>();
  const tsha = new Map<string, string>();
  for (const name of TAG_MANIFEST_FILES) {
    const d = h.digest(bag.files.get(name)!);
    tsm3.set(name, d.sm3);
    tsha.set(name, d.sha256);
  }
  const tm = Buffer.from(writeManifest(tsm3));
  bag.files.set(FILES.tagmanifestSm3, tm);
  bag.files.set(FILES.tagmanifestSha256, Buffer.from(writeManifest(tsha)));
  bag.files.set(FILES.signatureDer, Buffer.from(await signChecked(new SoftwareSigner(key), tm)));
}

export function text(bag: OpenBag, name: string): string {
  return bag.files.get(name)!.toString('utf8');
}

export function setText(bag: OpenBag, name: string, value: string): void {
  bag.files.set(name, Buffer.from(value, 'utf8'));
}
