/**
 * What the unit side adds to a package beyond the JSON: the bureau-template workbook
 * (data/备案清单.xlsx), the change report of a change filing (against the last filed package),
 * key rotation (the new key announced in a package signed by the old one), and packages marked
 * 未报送 (the next package takes their sequence again, and the bureau accepts it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { changeReportSchema, keyRotationFileSchema, type ChangeReport, type VerifyReport } from '../../../main/domain/package/index';
import { TEST_INDUSTRY } from '../inventory/fixtures';
import { bureauWorkspace, openBag, register, resign, setText, text, unitPrivateKey, unitWorkspace, unzip, zipBag } from './fixtures';

const apps = appFactory('ds-pkg-outcomes-');
const dir = () => fs.mkdtempSync(path.join(apps.root, 'o-'));
const codes = (r: VerifyReport) => [...new Set(r.errors.map((e) => e.code))];

describe('the bureau-template workbook in the package', () => {
  it('data/备案清单.xlsx holds the three template sheets of the same state; the manifests cover it and the package verifies', async () => {
    const unit = await unitWorkspace(apps);
    const r = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 'p.dsp') });
    const bag = openBag(fs.readFileSync(r.path));
    const xlsx = bag.files.get('data/备案清单.xlsx')!;
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const parts = new Map(unzip(xlsx).map((e) => [e.name, e.data.toString('utf8')]));
    expect(parts.get('xl/workbook.xml')).toMatch(/单位信息[\s\S]*数据分类分级清单[\s\S]*重要数据目录|sheet name=/);
    const strings = parts.get('xl/sharedStrings.xml')!;
    for (const s of ['SYS01-T001-F002', '身份证号', '患者基本信息', '首次报送', '91110000600037341L']) expect(strings).toContain(s);
    expect(text(bag, 'manifest-sm3.txt')).toContain('  data/备案清单.xlsx\n');
    const v = await unit.app.call('package.verify', { path: r.path });
    expect(v.errors).toEqual([]);
  });
});

describe('change filings (变更报送)', () => {
  it('are refused with a clear message when nothing was filed before', async () => {
    const unit = await unitWorkspace(apps);
    const e = await unit.app.fail('package.build', { kind: 'change', outPath: path.join(dir(), 'c.dsp') });
    expect(e.code).toBe('PACKAGE_NO_PREVIOUS_FILING');
    expect(e.message_zh).toContain('首次报送');
    expect(await unit.app.call('package.history', {})).toEqual([]);
  });

  it('carry data/change-report.json and data/变更说明.txt: rows added, removed, changed field by field, levels raised and lowered with their 定级理由', async () => {
    const unit = await unitWorkspace(apps);
    const { app } = unit;
    const tree = await app.call('inventory.tree', {});
    const system = tree[0]!;
    const res = await app.call('inventory.createResource', { systemId: system.id, dataId: 'SYS01-T003', resourceName: '药品库存', changes: { industry: TEST_INDUSTRY } });
    const keep = await app.call('inventory.createItem', { resourceId: res.id, dataId: 'SYS01-T003-F001', itemName: '药品名称', changes: { industry: TEST_INDUSTRY, level: '一般数据2级', rationale: '公开目录信息' } });
    const lower = await app.call('inventory.createItem', { resourceId: res.id, dataId: 'SYS01-T003-F002', itemName: '库存数量', changes: { industry: TEST_INDUSTRY, level: '一般数据3级', rationale: '经营信息' } });
    const gone = await app.call('inventory.createItem', { resourceId: res.id, dataId: 'SYS01-T003-F003', itemName: '供应商电话', changes: { industry: TEST_INDUSTRY, level: '一般数据2级', rationale: '联系信息' } });
    const first = await app.call('package.build', { kind: 'initial', outPath: path.join(dir(), '1.dsp') });

    await app.call('inventory.update', { id: keep.id, changes: { level: '一般数据4级', rationale: '含麻醉药品库存 提升级别', description: '药品通用名' } });
    await app.call('inventory.update', { id: lower.id, changes: { level: '一般数据1级', rationale: '已脱敏汇总 经评审降级' } });
    await app.call('inventory.delete', { selection: { ids: [gone.id] } });
    await app.call('inventory.createItem', { resourceId: res.id, dataId: 'SYS01-T003-F004', itemName: '批号', changes: { industry: TEST_INDUSTRY } });
    await app.call('profile.save', { profile: { ...(await app.call('profile.get', {})).profile, officerPhone: '13900139000' } });

    const change = await app.call('package.build', { kind: 'change', outPath: path.join(dir(), '2.dsp') });
    expect(change).toMatchObject({ sequence: 2, previousDigest: first.digest });
    const bag = openBag(fs.readFileSync(change.path));
    const t = text(bag, 'data/change-report.json');
    const report = JSON.parse(t) as ChangeReport;
    expect(changeReportSchema.safeParse(report).success).toBe(true);
    expect(canonicalJson(report)).toBe(t);
    expect(report.previous).toEqual({ sequence: 1, digest: first.digest, kind: 'initial', createdAt: first.createdAt });
    expect(report.entries.added.map((e) => e.dataId)).toEqual(['SYS01-T003-F004']);
    expect(report.entries.removed.map((e) => e.dataId)).toEqual(['SYS01-T003-F003']);
    const changed = new Map(report.entries.changed.map((e) => [e.dataId, e]));
    expect(changed.get('SYS01-T003-F001')!.changes).toEqual(
      expect.arrayContaining([
        { field: 'description', label: '数据描述', before: '', after: '药品通用名' },
        { field: 'level', label: expect.any(String), before: '一般数据2级', after: '一般数据4级' },
      ]),
    );
    // The resource's level follows its items (就高从严): raised too, without a reason of its own.
    expect(report.levels).toEqual([
      { kind: 'resource', dataId: 'SYS01-T003', name: '药品库存', before: '一般数据3级', after: '一般数据4级', direction: 'raised', rationale: '' },
      { kind: 'item', dataId: 'SYS01-T003-F001', name: '药品库存 / 药品名称', before: '一般数据2级', after: '一般数据4级', direction: 'raised', rationale: '含麻醉药品库存 提升级别' },
      { kind: 'item', dataId: 'SYS01-T003-F002', name: '药品库存 / 库存数量', before: '一般数据3级', after: '一般数据1级', direction: 'lowered', rationale: '已脱敏汇总 经评审降级' },
    ]);
    expect(report.profile).toEqual([{ field: 'officerPhone', label: expect.any(String), before: expect.any(String), after: '13900139000' }]);
    expect(report.summary).toMatchObject({ entriesAdded: 1, entriesRemoved: 1, levelsRaised: 2, levelsLowered: 1, profileFields: 1 });
    const txt = text(bag, 'data/变更说明.txt');
    expect(txt).toContain('降级：数据项 SYS01-T003-F002 药品库存 / 库存数量：一般数据3级 → 一般数据1级；定级理由：已脱敏汇总 经评审降级');
    expect(txt).toContain('删除数据项：SYS01-T003-F003');
    expect(txt).toContain(`对比基准：第 1 号备案包`);
    const v = await app.call('package.verify', { path: change.path });
    expect(v.errors).toEqual([]);

    // A change report against another package than the one named as previous is refused.
    const key = await unitPrivateKey(unit, dir());
    setText(bag, 'data/change-report.json', canonicalJson({ ...report, previous: { ...report.previous, digest: 'a'.repeat(64) } }));
    await resign(bag, key);
    const p = path.join(dir(), 'bad.dsp');
    fs.writeFileSync(p, zipBag(bag));
    const bad = await app.call('package.verify', { path: p });
    expect(codes(bad)).toEqual(['PKG_PAYLOAD_INVALID']);
    expect(bad.errors[0]!.entry).toBe('data/change-report.json');
  });
});

describe('key rotation', () => {
  it('a package signed by the old key announces the new one; verify reports it; the new key signs from then on; the bureau, once it applies it, accepts the next package', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    await register(bureau, unit);
    const d = dir();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp') });
    const p2 = await unit.app.call('package.build', { kind: 'annual', outPath: path.join(d, '2.dsp'), rotateKey: true });
    expect(p2.signerFingerprint).toBe(unit.fingerprint);
    const status = await unit.app.call('keys.status', {});
    expect(status.own!.fingerprint).not.toBe(unit.fingerprint);
    expect(status.retired.map((k) => k.fingerprint)).toEqual([unit.fingerprint]);

    const bag = openBag(fs.readFileSync(p2.path));
    const rot = JSON.parse(text(bag, 'data/key-rotation.json'));
    expect(keyRotationFileSchema.safeParse(rot).success).toBe(true);
    expect(rot).toMatchObject({ previousFingerprint: unit.fingerprint, newFingerprint: status.own!.fingerprint, newPublicKey: status.own!.publicKeyPem });
    expect(text(bag, 'bag-info.txt')).toContain(`DataSteward-Key-Rotation-New-Fingerprint: ${status.own!.fingerprint}\n`);

    await bureau.app.call('package.accept', { path: p1.path });
    const v2 = await bureau.app.call('package.verify', { path: p2.path });
    expect(v2.errors).toEqual([]);
    expect(v2.keyRotation).toEqual({ previousFingerprint: unit.fingerprint, newFingerprint: status.own!.fingerprint, newPublicKeyPem: status.own!.publicKeyPem, newUserId: '1234567812345678' });
    await bureau.app.call('package.accept', { path: p2.path });

    const p3 = await unit.app.call('package.build', { kind: 'annual', outPath: path.join(d, '3.dsp') });
    expect(p3.signerFingerprint).toBe(status.own!.fingerprint);
    expect(codes(await bureau.app.call('package.verify', { path: p3.path }))).toEqual(['PKG_UNKNOWN_SIGNER']);
    // The bureau applies the announced key (after confirming it with the unit), then accepts.
    await bureau.app.call('keys.importCounterpart', { pem: v2.keyRotation!.newPublicKeyPem, fingerprint: v2.keyRotation!.newFingerprint, uscc: '91110000600037341L' });
    expect((await bureau.app.call('package.accept', { path: p3.path })).accepted?.sequence).toBe(3);
    // The unit's own verification trusts old and new keys.
    expect((await unit.app.call('package.verify', { path: p2.path })).ok).toBe(true);
    const history = await unit.app.call('package.history', {});
    expect(history.find((h) => h.sequence === 2)!.keyRotation).toEqual({ oldFingerprint: unit.fingerprint, newFingerprint: status.own!.fingerprint });
  });

  it('a rotation whose bag-info names another key than data/key-rotation.json is refused (PKG_BAG_INFO_INVALID), and so is a rotation file without its bag-info element', async () => {
    const unit = await unitWorkspace(apps);
    const key = await unitPrivateKey(unit, dir());
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 'r.dsp'), rotateKey: true });
    const bytes = fs.readFileSync(p.path);
    const check = async (edit: (info: string) => string) => {
      const bag = openBag(bytes);
      setText(bag, 'bag-info.txt', edit(text(bag, 'bag-info.txt')));
      await resign(bag, key);
      const f = path.join(dir(), 't.dsp');
      fs.writeFileSync(f, zipBag(bag));
      return unit.app.call('package.verify', { path: f });
    };
    const other = await check((t) => t.replace(/(DataSteward-Key-Rotation-New-Fingerprint: )[0-9A-F]{4}/, '$1ABCD'));
    expect(codes(other)).toEqual(['PKG_BAG_INFO_INVALID']);
    const missing = await check((t) => t.replace(/DataSteward-Key-Rotation-New-Fingerprint: .*\n/, ''));
    expect(codes(missing)).toEqual(['PKG_BAG_INFO_INVALID']);
  });
});

describe('packages marked 未报送 (exported, never delivered)', () => {
  it('the next package takes the same sequence and previous digest; the bureau accepts it; the undelivered file, if it turns up, is a replay', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    await register(bureau, unit);
    const d = dir();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp') });
    await bureau.app.call('package.accept', { path: p1.path });
    const lost = await unit.app.call('package.build', { kind: 'annual', outPath: path.join(d, '2-lost.dsp') });

    expect((await unit.app.fail('package.withdraw', { sequence: 1 })).code).toBe('PACKAGE_WITHDRAW_NOT_LAST');
    const w = await unit.app.call('package.withdraw', { sequence: 2, reason: 'U 盘遗失 未送达' });
    expect(w).toMatchObject({ sequence: 2, status: 'withdrawn', withdrawReason: 'U 盘遗失 未送达' });

    const again = await unit.app.call('package.build', { kind: 'annual', outPath: path.join(d, '2.dsp') });
    expect(again).toMatchObject({ sequence: 2, previousDigest: p1.digest });
    const history = await unit.app.call('package.history', {});
    expect(history.map((h) => [h.sequence, h.status])).toEqual([[2, 'filed'], [2, 'withdrawn'], [1, 'filed']]);
    expect((await bureau.app.call('package.accept', { path: again.path })).accepted?.sequence).toBe(2);
    expect(codes(await bureau.app.call('package.verify', { path: lost.path }))).toEqual(['PKG_REPLAY']);
  });

  it('withdrawing a package that announced a new key makes the old key current again', async () => {
    const unit = await unitWorkspace(apps);
    const d = dir();
    await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp') });
    await unit.app.call('package.build', { kind: 'annual', outPath: path.join(d, '2.dsp'), rotateKey: true });
    expect((await unit.app.call('keys.status', {})).own!.fingerprint).not.toBe(unit.fingerprint);
    await unit.app.call('package.withdraw', { sequence: 2 });
    expect((await unit.app.call('keys.status', {})).own!.fingerprint).toBe(unit.fingerprint);
    const next = await unit.app.call('package.build', { kind: 'annual', outPath: path.join(d, '2b.dsp') });
    expect(next).toMatchObject({ sequence: 2, signerFingerprint: unit.fingerprint });
  });
});

describe('reading a public key file before importing it', () => {
  it('keys.readPublicKey shows the PEM and fingerprint without trusting it; a file that is not a key is refused', async () => {
    const unit = await unitWorkspace(apps);
    const bureau = await bureauWorkspace(apps);
    const d = dir();
    const pem = path.join(d, 'bureau.pem');
    fs.writeFileSync(pem, bureau.publicKeyPem);
    const r = await unit.app.call('keys.readPublicKey', { path: pem });
    expect(r).toEqual({ pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint });
    expect((await unit.app.call('keys.status', {})).counterparts).toEqual([]);
    const junk = path.join(d, 'junk.pem');
    fs.writeFileSync(junk, 'not a key');
    expect((await unit.app.fail('keys.readPublicKey', { path: junk })).code).toBe('KEY_INVALID');
    expect((await unit.app.fail('keys.readPublicKey', { path: path.join(d, 'missing.pem') })).code).toBeTruthy();
  });
});
