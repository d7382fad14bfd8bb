import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appFactory, PASS } from '../../helpers/backend';
import { dbFiles, openKeyed } from '../../helpers/files';
import { auditTotal, lastAudit, openState, unitApp } from './fixtures';

const apps = appFactory('ds-recognizers-');

/** Distinctive, checksum-valid sample values (mobile numbers), none of them used anywhere else. */
const SAMPLES = ['13907310001', '15817240002', '18629350003', '17746180004', '13557920005', '19938470006'];

/** Every text value of every table of a workspace, opened from outside the app. */
function allText(file: string): string {
  const db = openKeyed(file, PASS);
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'entry_fts%'`).pluck().all() as string[];
    const out: string[] = [];
    for (const t of tables) for (const row of db.prepare(`SELECT * FROM "${t}"`).raw(true).all() as unknown[][]) out.push(row.map((v) => (v instanceof Buffer ? v.toString('latin1') : String(v))).join('\t'));
    return out.join('\n');
  } finally {
    db.close();
  }
}

describe('recognizer.list and recognizer.scanNames', () => {
  it('lists the built-in pack', async () => {
    const u = await unitApp(apps, {});
    const l = await u.app.call('recognizer.list', {});
    expect(l.packId).toBe('default');
    expect(l.recognizers.find((r) => r.id === 'mobile')).toMatchObject({ id: 'mobile', name: '手机号码', personalInfo: true, sensitive: false, detector: 'cn_mobile' });
    expect(l.recognizers.find((r) => r.id === 'resident_id')).toMatchObject({ personalInfo: true, sensitive: true, detector: 'cn_resident_id' });
  });

  it('stores field-name hits with their score and words, audits the scan, and refreshes suggested levels without touching flags or confirmed levels', async () => {
    const u = await unitApp(apps, { 身份证号: { itemCode: 'SFZH' }, 合同金额: {} });
    const before = openState(u.app).store.inventory.get(u.ids['身份证号']!)!;
    expect(before).toMatchObject({ level: '一般数据2级', suggestedLevel: '一般数据2级', levelState: 'confirmed', isPersonalInfo: '否' });

    const r = await u.app.call('recognizer.scanNames', { selection: { filter: { resourceId: u.resourceId } } });
    expect(r).toEqual({ scanned: 2, withHits: 1 });
    const scan = (await u.app.call('audit.list', { offset: 0, limit: 5 })).entries.find((e) => e.action === 'recognizer.scanNames')!;
    expect(scan.after).toMatchObject({ pack: 'default', scanned: 2, withHits: 1, byRecognizer: { resident_id: 1 } });
    const d = await u.app.call('inventory.get', { id: u.ids['身份证号']! });
    expect(d.recognizerHits).toEqual([{ recognizerId: 'resident_id', basis: 'name', matched: 1, total: 1, at: '2026-01-05T01:00:00.000Z' }]);
    // A suggestion only: the flags and the officer's confirmed level stay; the suggested level rises.
    expect(d.entry).toMatchObject({ isPersonalInfo: '否', isSensitivePersonalInfo: '否', level: '一般数据2级', levelState: 'confirmed', suggestedLevel: '一般数据4级' });
    expect(d.explanation.contributions).toContainEqual({ source: 'recognizer', recognizerId: 'resident_id', level: '一般数据4级' });
    // …which the quality check then reports as an unexplained lowering.
    expect((await u.app.call('quality.findings', { code: 'RATIONALE_REQUIRED_LOWERING' })).findings.map((f) => f.entryId)).toEqual([u.ids['身份证号']]);

    const sug = await u.app.call('recognizer.suggestion', { entryId: u.ids['身份证号']! });
    expect(sug).toMatchObject({ entryId: u.ids['身份证号'], isPersonalInfo: true, isSensitivePersonalInfo: true });
    expect(sug.reasons).toEqual([{ recognizerId: 'resident_id', basis: 'name', message_zh: expect.stringContaining('身份证号'), message_en: expect.stringContaining('score') }]);

    // A new scan replaces the name hits: renamed, the field no longer matches.
    await u.app.call('inventory.update', { id: u.ids['身份证号']!, changes: { itemName: '合同备注', itemCode: 'HTBZ' } });
    expect(await u.app.call('recognizer.scanNames', { selection: { ids: [u.ids['身份证号']!, u.resourceId] } })).toEqual({ scanned: 1, withHits: 0 });
    expect((await u.app.call('inventory.get', { id: u.ids['身份证号']! })).recognizerHits).toEqual([]);
    expect((await u.app.call('recognizer.suggestion', { entryId: u.ids['身份证号']! })).isPersonalInfo).toBe(false);
  });
});

describe('recognizer.scanSamples', () => {
  it('counts the values that pass each detector; stores and audits only the counts, never a value', async () => {
    const u = await unitApp(apps, { 联系方式: {} });
    const id = u.ids['联系方式']!;
    const res = await u.app.call('recognizer.scanSamples', { entryId: id, samples: [...SAMPLES, '', '  '] });
    const mobile = res.find((x) => x.recognizerId === 'mobile')!;
    expect(mobile).toEqual({ recognizerId: 'mobile', matched: 6, total: 6, ratio: 1, threshold: 0.6, hit: true });
    expect(res.find((x) => x.recognizerId === 'resident_id')).toMatchObject({ matched: 0, total: 6, hit: false });

    const hits = (await u.app.call('inventory.get', { id })).recognizerHits.filter((h) => h.basis === 'sample');
    expect(hits.find((h) => h.recognizerId === 'mobile')).toMatchObject({ matched: 6, total: 6 });
    const audit = (await u.app.call('audit.list', { offset: 0, limit: 5 })).entries.find((e) => e.action === 'recognizer.scanSamples')!;
    expect(audit).toMatchObject({ entity: 'entry', entityId: String(id), after: { samples: 8, nonBlank: 6, scope: 'all' } });
    expect((audit.after as { results: unknown[] }).results).toContainEqual({ recognizerId: 'mobile', matched: 6, total: 6, hit: true });
    // The counts feed the suggestion and the grading (a PI floor), the flags stay as they are.
    expect(await u.app.call('recognizer.suggestion', { entryId: id })).toMatchObject({ isPersonalInfo: true, isSensitivePersonalInfo: false });
    expect((await u.app.call('inventory.get', { id })).entry).toMatchObject({ isPersonalInfo: '否', suggestedLevel: '一般数据3级' });

    // Nowhere in the audit log, nowhere in any table when the workspace is opened…
    const auditText = JSON.stringify((await u.app.call('audit.list', { offset: 0, limit: 500 })).entries);
    for (const v of SAMPLES) expect(auditText).not.toContain(v);
    await u.app.call('workspace.lock', {});
    const text = allText(u.file);
    expect(text).toContain('联系方式');
    for (const v of SAMPLES) expect(text, v).not.toContain(v);
    // …and not in the bytes of the file and its WAL (encrypted anyway).
    for (const f of dbFiles(u.file)) for (const v of SAMPLES) expect(fs.readFileSync(f).includes(Buffer.from(v)), `${f} ${v}`).toBe(false);
  });

  it('runs the detectors of the field-name hits (context-only ones too) once the name has spoken, and judges counts against the threshold', async () => {
    const u = await unitApp(apps, { 手机号码: { itemCode: 'SJHM' } });
    const id = u.ids['手机号码']!;
    await u.app.call('recognizer.scanNames', { selection: { ids: [id] } });
    const res = await u.app.call('recognizer.scanSamples', { entryId: id, samples: ['13907310001', 'abc', 'def', 'ghi', 'jkl'] });
    expect(res.map((r) => r.recognizerId)).toEqual(['mobile']);
    expect(res[0]).toMatchObject({ matched: 1, total: 5, ratio: 0.2, hit: false });
    // Below the threshold: no hit, nothing to regrade (the name hit already graded it).
    expect(await lastAudit(u.app)).toMatchObject({ action: 'recognizer.scanSamples', after: { scope: 'name-hits', results: [{ recognizerId: 'mobile', matched: 1, total: 5, hit: false }] } });
    const sug = await u.app.call('recognizer.suggestion', { entryId: id });
    // The name still says mobile number; the samples do not bear it out (masked values?), and say so.
    expect(sug.isPersonalInfo).toBe(true);
    expect(sug.reasons.map((r) => r.basis)).toEqual(['name', 'sample']);
    expect(sug.reasons[1]!.message_zh).toContain('1/5');
  });

  it('refuses a deleted or unknown entry', async () => {
    const u = await unitApp(apps, { 联系方式: {} });
    await u.app.call('inventory.delete', { selection: { ids: [u.ids['联系方式']!] } });
    expect((await u.app.fail('recognizer.scanSamples', { entryId: u.ids['联系方式']!, samples: SAMPLES })).code).toBe('ENTRY_NOT_FOUND');
    expect((await u.app.fail('recognizer.suggestion', { entryId: 999 })).code).toBe('ENTRY_NOT_FOUND');
    expect((await u.app.fail('recognizer.scanSamples', { entryId: 1, samples: [] })).code).toBe('INVALID_INPUT');
  });
});

describe('recognizer.accept', () => {
  it('applies the suggested flags as an ordinary, audited edit that undo takes back', async () => {
    const u = await unitApp(apps, { 联系方式: {} });
    const id = u.ids['联系方式']!;
    await u.app.call('recognizer.scanSamples', { entryId: id, samples: SAMPLES });
    const after = await u.app.call('recognizer.accept', { entryId: id });
    expect(after).toMatchObject({ entryId: id, isPersonalInfo: true });
    const e = (await u.app.call('inventory.get', { id })).entry;
    // The flag, and what grading makes of it; nothing else of the entry.
    expect(e).toMatchObject({ isPersonalInfo: '是', isSensitivePersonalInfo: '否', description: '联系方式字段', ownerPerson: '张伟' });
    expect(await lastAudit(u.app)).toMatchObject({ action: 'recognizer.accept', entityId: String(id), before: { isPersonalInfo: '否' }, after: { isPersonalInfo: '是', recognizers: ['mobile'] } });
    expect(await u.app.call('inventory.undoState', {})).toMatchObject({ undo: '采纳识别建议：“联系方式”', undo_en: 'Accept the recognisers\' suggestion for "联系方式"' });

    // Accepting again changes nothing and writes nothing.
    const n = await auditTotal(u.app);
    await u.app.call('recognizer.accept', { entryId: id });
    expect(await auditTotal(u.app)).toBe(n);

    expect(await u.app.call('inventory.undo', {})).toMatchObject({ label: '采纳识别建议：“联系方式”' });
    expect((await u.app.call('inventory.get', { id })).entry.isPersonalInfo).toBe('否');
  });

  it('with nothing suggested, nothing is applied', async () => {
    const u = await unitApp(apps, { 合同金额: {} });
    const n = await auditTotal(u.app);
    expect(await u.app.call('recognizer.accept', { entryId: u.ids['合同金额']! })).toMatchObject({ isPersonalInfo: false, reasons: [] });
    expect(await auditTotal(u.app)).toBe(n);
  });
});

describe('recognizer.importPack', () => {
  const STAFF = {
    format: 'datasteward-recognizers/1',
    id: 'unit-extra',
    name: '本单位补充识别器',
    version: 1,
    recognizers: [
      {
        id: 'staff_no',
        name: '工号',
        nameEn: 'Staff number',
        personalInfo: true,
        category: '个人教育工作信息',
        sensitive: false,
        level: '一般数据3级',
        names: { words: ['职工工号', '工号'], codes: ['zggh'] },
        detector: { name: 'pattern', pattern: 'ZG\\d{6}' },
      },
    ],
  };

  it('refuses a broken pack with its problems and stores nothing', async () => {
    const u = await unitApp(apps, {});
    const n = await auditTotal(u.app);
    const notJson = await u.app.fail('recognizer.importPack', { json: '{"format": ' });
    expect(notJson.code).toBe('RECOGNIZER_PACK_INVALID');
    const bad = await u.app.fail('recognizer.importPack', { json: JSON.stringify({ ...STAFF, recognizers: [{ ...STAFF.recognizers[0], category: undefined }] }) });
    expect(bad.code).toBe('RECOGNIZER_PACK_INVALID');
    expect((bad.details as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['recognizers[0].category']);
    expect(await auditTotal(u.app)).toBe(n);
    expect((await u.app.call('recognizer.list', {})).packId).toBe('default');
  });

  it('a pack of another id extends the built-in one for this workspace; one with the built-in id replaces it', async () => {
    const u = await unitApp(apps, { 职工工号: { itemCode: 'ZGGH' } });
    expect(await u.app.call('recognizer.importPack', { json: JSON.stringify(STAFF) })).toEqual({ packId: 'unit-extra', count: 1 });
    expect(await lastAudit(u.app)).toMatchObject({ action: 'recognizer.importPack', entityId: 'unit-extra', after: { count: 1, mode: 'extend', digest: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const l = await u.app.call('recognizer.list', {});
    expect(l.packId).toBe('unit-extra');
    expect(l.recognizers[0]!.id).toBe('staff_no');
    expect(l.recognizers.map((r) => r.id)).toContain('mobile');

    await u.app.call('recognizer.scanNames', { selection: { ids: [u.ids['职工工号']!] } });
    expect((await u.app.call('inventory.get', { id: u.ids['职工工号']! })).recognizerHits.map((h) => h.recognizerId)).toContain('staff_no');
    const samples = await u.app.call('recognizer.scanSamples', { entryId: u.ids['职工工号']!, samples: ['ZG000001', 'ZG000002', 'ZG000003', 'ZG000004', 'ZG000005'] });
    expect(samples.find((r) => r.recognizerId === 'staff_no')).toMatchObject({ matched: 5, hit: true });

    // The same pack again: nothing new.
    const n = await auditTotal(u.app);
    await u.app.call('recognizer.importPack', { json: JSON.stringify(STAFF, null, 2) });
    expect(await auditTotal(u.app)).toBe(n);

    await u.app.call('recognizer.importPack', { json: JSON.stringify({ ...STAFF, id: 'default', name: '替换的识别器' }) });
    const replaced = await u.app.call('recognizer.list', {});
    expect(replaced.recognizers.map((r) => r.id)).toEqual(['staff_no']);
    expect(await lastAudit(u.app)).toMatchObject({ action: 'recognizer.importPack', before: { id: 'unit-extra' }, after: { mode: 'replace' } });

    // Another workspace still has the built-in pack.
    const other = await unitApp(apps, {});
    expect((await other.app.call('recognizer.list', {})).packId).toBe('default');
  });
});
