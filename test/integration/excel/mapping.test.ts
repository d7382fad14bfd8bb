/**
 * Any sheet through the column-mapping wizard (issue #4 point 3), on a real workspace file and
 * an officer's own ledger written by LibreOffice (test/fixtures/excel/make-mapping-fixtures.mjs):
 * proposals by name and synonyms, values mapped code by code, the template import's dry run with
 * problems at the ledger's own cells, one transaction on commit, nothing on cancel, saved mappings
 * found again by the headers, and the recognisers only with consent and only as counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappingRulesInput, MappingSheetView, MappingTarget } from '../../../main/domain/sheets/mapping';
import { proposeValue, valueKey } from '../../../main/domain/sheets/mapping';
import { appFactory, PASS, VALID_PROFILE, type TestApp } from '../../helpers/backend';
import { openKeyed } from '../../helpers/files';
import { allEntries, unitApp } from './helpers';

const apps = appFactory('ds-mapping-');
const LEDGER = path.join(__dirname, '..', '..', 'fixtures', 'excel', 'mapping-ledger.xlsx');
const LEDGER_XLS = path.join(__dirname, '..', '..', 'fixtures', 'excel', 'mapping-ledger.xls');
const RESIDENT_ID = '110101198001011237';

/** The rules the wizard proposes: each proposed column, and a code for each value it can propose one for. */
function proposedRules(view: MappingSheetView, defaults: { systemName?: string } = {}) {
  const columns = view.columns.filter((c) => c.proposal.target !== '').map((c) => ({ column: c.index, target: c.proposal.target as MappingTarget }));
  const values: Record<string, Record<string, string>> = {};
  for (const c of view.columns) {
    const t = c.proposal.target;
    if (!t) continue;
    for (const d of c.distinct) {
      const p = proposeValue(t, d.value, view.synonyms);
      if (p.code) (values[t] ??= {})[valueKey(d.value)] = p.code;
    }
  }
  return { columns, values, defaults: { systemName: defaults.systemName ?? '', resourceName: '' } } satisfies MappingRulesInput;
}

async function opened(): Promise<{ app: TestApp; path: string; view: MappingSheetView }> {
  const w = await unitApp(apps);
  const view = await w.app.call('mapping.open', { path: LEDGER });
  return { ...w, view };
}

describe('mapping wizard: open any sheet', () => {
  it('lists the sheets, finds the header row below the title, proposes targets with a confidence, shows samples', async () => {
    const { view } = await opened();
    expect(view.sheets.map((s) => s.name)).toEqual(['资产台账', '填表说明']);
    expect(view.sheet).toBe('资产台账');
    expect(view.headerRow).toBe(3);
    expect(view.rows).toBe(6);
    expect(view.topRows[0]!.cells[0]).toContain('数据资产台账');
    const byHeader = Object.fromEntries(view.columns.map((c) => [c.header, c]));
    expect(Object.fromEntries(view.columns.map((c) => [c.header, c.proposal.target]))).toEqual({
      序号: '', 业务系统: 'systemName', 表中文名: 'resourceName', 字段名: 'itemName', 字段英文名称: 'itemCode', 字段说明: 'description',
      安全级别: 'level', 是否涉及个人信息: 'isPersonalInfo', 存储方式: 'storageLocation', 示例值: '', 备注: '',
    });
    expect(byHeader['字段名']!.proposal).toMatchObject({ basis: 'template-synonym', confidence: 0.95 });
    expect(byHeader['安全级别']!.proposal).toMatchObject({ basis: 'synonym', confidence: 0.9 });
    expect(byHeader['字段名']!.samples).toEqual(['患者姓名', '身份证号', '联系电话', '就诊科室', '收费金额']);
    expect(byHeader['安全级别']!.distinct).toEqual([
      { value: '二级', count: 2 }, { value: '三级', count: 1 }, { value: 'L4', count: 1 }, { value: '3级', count: 1 }, { value: '机密', count: 1 },
    ]);
    expect(view.saved).toEqual([]);
    // Another sheet, and a header row chosen by the officer.
    const notes = await (await unitApp(apps)).app.call('mapping.open', { path: LEDGER, sheet: '填表说明', headerRow: 1 });
    expect(notes.columns.map((c) => c.header)).toEqual(['填表说明']);
  });

  it('opens the sheet that looks like an inventory first, not the cover or profile sheet before it', async () => {
    const clean = path.join(__dirname, '..', '..', 'fixtures', 'excel', 'clean.xlsx');
    const view = await (await unitApp(apps)).app.call('mapping.open', { path: clean });
    expect(view.sheets.length).toBeGreaterThan(1);
    expect(view.sheets[0]!.name).not.toBe(view.sheet);
    expect(view.sheet).toMatch(/清单/);
    expect(view.columns.some((c) => c.header === '数据编号')).toBe(true);
  });

  it('refuses a sheet that is not there, a blank header row, and bad files as the template import does', async () => {
    const { app } = await opened();
    expect((await app.fail('mapping.open', { path: LEDGER, sheet: '没有' })).code).toBe('SHEET_NOT_FOUND');
    expect((await app.fail('mapping.open', { path: LEDGER, headerRow: 2 })).code).toBe('HEADER_ROW_EMPTY');
    expect((await app.fail('mapping.open', { path: path.join(__dirname, '..', '..', 'fixtures', 'excel', 'not-a-spreadsheet.xlsx') })).code).toBe('NOT_A_SPREADSHEET');
    expect((await app.fail('mapping.open', { path: path.join(apps.root, 'missing.xlsx') })).code).toBe('FILE_NOT_FOUND');
  });
});

describe('mapping wizard: bounded reading', () => {
  it('keeps at most 60 distinct values and 5 samples per column, offers at most 200 columns, counts every row', async () => {
    const file = path.join(apps.root, 'wide.csv');
    const headers = ['表名', '字段名', '级别', ...Array.from({ length: 247 }, (_, i) => `附加${i + 1}`)];
    const lines = [headers.join(',')];
    for (let r = 0; r < 3000; r++) lines.push(['表' + (r % 3), `字段${r}`, ['一级', '二级', '三级'][r % 3], ...Array.from({ length: 247 }, (_, i) => (i === 0 ? `v${r}` : ''))].join(','));
    fs.writeFileSync(file, '\uFEFF' + lines.join('\r\n'), 'utf8');
    const { app } = await unitApp(apps);
    const view = await app.call('mapping.open', { path: file });
    expect(view.rows).toBe(3000);
    expect(view.columns).toHaveLength(200);
    const item = view.columns[1]!;
    expect(item.distinct).toHaveLength(60);
    expect(item.distinctMore).toBe(true);
    expect(item.samples).toHaveLength(5);
    expect(item.nonBlank).toBe(3000);
    expect(view.columns[2]!.distinct).toEqual([{ value: '一级', count: 1000 }, { value: '二级', count: 1000 }, { value: '三级', count: 1000 }]);
    expect(view.columns[2]!.proposal.target).toBe('level');
    // The recognisers look at no more values than asked for.
    const rec = await app.call('mapping.recognize', { path: file, sheet: view.sheet, headerRow: 1, columns: [3], limit: 50, consent: true });
    expect(rec[0]!.total).toBe(50);
  });
});

describe('mapping wizard: dry run and commit through the template import', () => {
  it('problems point at the ledger\'s own rows and columns; mapping the value fixes it; commit writes all in one batch', async () => {
    const { app, view } = await opened();
    const rules = proposedRules(view);
    // 三级, 3级, L4, 二级 are proposed; 机密 is not.
    expect(rules.values!.level).toEqual({ 二级: '一般数据2级', 三级: '一般数据3级', L4: '一般数据4级', '3级': '一般数据3级' });
    expect(rules.values!.storageLocation).toEqual({ 本地机房: '本单位机房', 云平台: '政务云' });
    const input = { path: LEDGER, sheet: view.sheet, headerRow: view.headerRow, rules };
    const before = await app.call('audit.list', { offset: 0, limit: 1 });

    const p1 = await app.call('mapping.dryRun', input);
    expect(p1.importable).toBe(false);
    expect(p1.problems.filter((p) => p.severity === 'blocking')).toEqual([
      expect.objectContaining({ sheet: '资产台账', row: 9, column: 'G', header: '安全级别', code: 'VALUE_NOT_IN_LIST', field: 'level' }),
    ]);
    expect(p1.sheets).toEqual([expect.objectContaining({ key: 'inventory', name: '资产台账', headerRow: 3, ignoredColumns: [{ column: 'A', header: '序号' }, { column: 'J', header: '示例值' }, { column: 'K', header: '备注' }] })]);
    // 2 resources made for the items + 6 items; the blocked row is skipped.
    expect(p1.counts).toMatchObject({ added: 7, skipped: 1 });
    expect((await app.fail('mapping.commit', { ...input, token: p1.token })).code).toBe('IMPORT_BLOCKED');
    // Cancel writes nothing.
    expect(await app.call('mapping.cancel', {})).toEqual({ cancelled: true });
    expect(await allEntries(app)).toEqual([]);
    expect((await app.call('audit.list', { offset: 0, limit: 1 })).total).toBe(before.total);

    // The officer maps 机密 too.
    const fixed = { ...input, rules: { ...rules, values: { ...rules.values, level: { ...rules.values!.level, 机密: '重要数据' } } } };
    const p2 = await app.call('mapping.dryRun', fixed);
    expect(p2.importable).toBe(true);
    expect(p2.counts).toMatchObject({ added: 8, changed: 0, skipped: 0 });
    const r = await app.call('mapping.commit', { ...fixed, token: p2.token });
    expect(r.entries).toMatchObject({ added: 8 });
    expect(r.batchId).not.toBeNull();

    const entries = await allEntries(app);
    const byItem = Object.fromEntries(entries.map((e) => [e.itemName || `#${e.resourceName}`, e]));
    expect(byItem['身份证号']).toMatchObject({ systemName: '医院信息系统', resourceName: '门诊患者表', itemCode: 'SFZH', level: '一般数据4级', isPersonalInfo: '是', storageLocation: '本单位机房', kind: 'item' });
    expect(byItem['发票号']).toMatchObject({ level: '重要数据', storageLocation: '政务云' });
    expect(byItem['#收费明细表']).toMatchObject({ kind: 'resource', systemName: '财务系统' });
    // The resource is never below its items (就高从严).
    expect(byItem['#收费明细表']!.level).toBe('重要数据');
    expect(byItem['患者姓名']!.dataId).toMatch(/^MAP-[0-9A-Z]{7}-[0-9A-Z]{7}$/);
    // One audited transaction: the import's own entry and the mapping's.
    const log = await app.call('audit.list', { offset: 0, limit: 5 });
    expect(log.entries.slice(0, 2).map((e) => e.action).sort()).toEqual(['excel.import', 'mapping.import']);

    // The same sheet again: the rows are matched to what the first import made (stable IDs), nothing changes.
    const again = await app.call('mapping.dryRun', fixed);
    expect(again.counts).toMatchObject({ added: 0, changed: 0, unchanged: 8 });
  });

  it('the same ledger saved as .xls by LibreOffice imports the same way', async () => {
    const w = await unitApp(apps);
    const view = await w.app.call('mapping.open', { path: LEDGER_XLS });
    expect(view.headerRow).toBe(3);
    const rules = proposedRules(view);
    rules.values!.level![valueKey('机密')] = '重要数据';
    const p = await w.app.call('mapping.dryRun', { path: LEDGER_XLS, sheet: view.sheet, headerRow: 3, rules });
    expect(p.importable).toBe(true);
    expect(p.counts.added).toBe(8);
  });

  it('a commit after the file or the workspace changed is refused as stale; skipping blocked rows imports the rest', async () => {
    const { app, view } = await opened();
    const input = { path: LEDGER, sheet: view.sheet, headerRow: view.headerRow, rules: proposedRules(view) };
    const p = await app.call('mapping.dryRun', input);
    await app.call('profile.save', { profile: { ...VALID_PROFILE, address: '某某市某某区人民路2号' } });
    expect((await app.fail('mapping.commit', { ...input, token: p.token, skipBlockingRows: true })).code).toBe('IMPORT_STALE');
    const p2 = await app.call('mapping.dryRun', input);
    const r = await app.call('mapping.commit', { ...input, token: p2.token, skipBlockingRows: true });
    expect(r.entries).toMatchObject({ added: 7, skipped: 1 });
    expect((await allEntries(app)).some((e) => e.itemName === '发票号')).toBe(false);
  });

  it('an invalid mapping is refused at the edge', async () => {
    const { app, view } = await opened();
    const bad = await app.fail('mapping.dryRun', { path: LEDGER, sheet: view.sheet, headerRow: 3, rules: { columns: [{ column: 1, target: 'level' }], values: { level: { 三级: '三级' } } } });
    expect(bad.code).toBe('INVALID_INPUT');
  });
});

describe('mapping wizard: the template itself, as CSV in GBK', () => {
  it('is proposed column by column at full confidence and previews exactly as the template import does', async () => {
    const gbk = path.join(__dirname, '..', '..', 'fixtures', 'excel', 'inventory-gbk.csv');
    const { app } = await unitApp(apps);
    const view = await app.call('mapping.open', { path: gbk });
    expect(view.file).toMatchObject({ format: 'csv', encoding: expect.stringMatching(/gb/i) });
    expect(view.headerRow).toBe(1);
    const mapped = view.columns.filter((c) => c.proposal.target);
    expect(mapped.every((c) => c.proposal.confidence === 1 && c.proposal.basis === 'header')).toBe(true);
    expect(mapped).toHaveLength(29); // 32 columns less 序号, 参考级别, 是否调整 (written by the tool)
    const viaMapping = await app.call('mapping.dryRun', { path: gbk, sheet: view.sheet, headerRow: 1, rules: proposedRules(view) });
    await app.call('mapping.cancel', {});
    const viaTemplate = await app.call('excel.dryRun', { path: gbk });
    expect(viaMapping.counts).toEqual(viaTemplate.counts);
    expect(viaMapping.problems.map((p) => [p.row, p.column, p.code])).toEqual(viaTemplate.problems.map((p) => [p.row, p.column, p.code]));
    expect(viaMapping.rows.map((r) => [r.dataId, r.status])).toEqual(viaTemplate.rows.map((r) => [r.dataId, r.status]));
  });
});

describe('mapping wizard: saved mappings', () => {
  it('are saved with a name and audited, proposed again for a sheet with the same headers, deleted with an audit entry', async () => {
    const { app, view } = await opened();
    const rules = proposedRules(view, { systemName: '' });
    rules.values!.level![valueKey('机密')] = '重要数据';
    const saved = await app.call('mapping.save', { name: '医院台账', path: LEDGER, sheet: view.sheet, headerRow: 3, rules });
    expect(saved).toMatchObject({ name: '医院台账', signature: view.signature });
    expect((await app.fail('mapping.save', { name: '医院台账', path: LEDGER, sheet: view.sheet, headerRow: 3, rules })).code).toBe('MAPPING_NAME_TAKEN');
    expect((await app.call('audit.list', { offset: 0, limit: 1 })).entries[0]).toMatchObject({ action: 'mapping.save', entity: 'import_mapping', entityId: String(saved.id) });

    // The .xls has the same headers: the saved mapping is found and proposed.
    const again = await app.call('mapping.open', { path: LEDGER_XLS });
    expect(again.saved.map((s) => s.name)).toEqual(['医院台账']);
    expect(again.saved[0]!.rules.values.level![valueKey('机密')]).toBe('重要数据');
    expect(again.columns.find((c) => c.header === '安全级别')!.proposal).toEqual({ target: 'level', confidence: 1, basis: 'saved' });
    const p = await app.call('mapping.dryRun', { path: LEDGER_XLS, sheet: again.sheet, headerRow: again.headerRow, rules: again.saved[0]!.rules, mappingName: '医院台账' });
    expect(p.importable).toBe(true);

    // Replaced under the same name, then deleted.
    const replaced = await app.call('mapping.save', { name: '医院台账', path: LEDGER, sheet: view.sheet, headerRow: 3, rules: { ...rules, dataIdPrefix: 'HIS' }, replace: true });
    expect(replaced.id).toBe(saved.id);
    expect((await app.call('mapping.get', { id: saved.id })).rules.dataIdPrefix).toBe('HIS');
    expect(await app.call('mapping.list', {})).toHaveLength(1);
    await app.call('mapping.delete', { id: saved.id });
    expect(await app.call('mapping.list', {})).toEqual([]);
    expect((await app.fail('mapping.delete', { id: saved.id })).code).toBe('MAPPING_NOT_FOUND');
    const actions = (await app.call('audit.list', { offset: 0, limit: 3 })).entries.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['mapping.delete', 'mapping.update']);
    expect((await app.call('mapping.open', { path: LEDGER })).saved).toEqual([]);
  });
});

describe('mapping wizard: saving between the dry run and the commit', () => {
  it('saving the mapping keeps the dry run valid; an inventory change does not', async () => {
    const { app, view } = await opened();
    const rules = proposedRules(view);
    rules.values!.level![valueKey('机密')] = '重要数据';
    const input = { path: LEDGER, sheet: view.sheet, headerRow: 3, rules };
    const p = await app.call('mapping.dryRun', input);
    await app.call('mapping.save', { name: '台账', path: LEDGER, sheet: view.sheet, headerRow: 3, rules });
    expect((await app.call('mapping.commit', { ...input, token: p.token })).entries.added).toBe(8);
  });
});

describe('mapping wizard: recognisers on unmapped columns', () => {
  it('run only with consent, return counts, keep only counts (no value anywhere in the workspace)', async () => {
    const { app, view, path: ws } = await opened();
    const example = view.columns.find((c) => c.header === '示例值')!;
    const input = { path: LEDGER, sheet: view.sheet, headerRow: 3, columns: [example.index], limit: 100 };
    expect((await app.fail('mapping.recognize', { ...input, consent: false })).code).toBe('RECOGNIZER_CONSENT_REQUIRED');
    const counts = await app.call('mapping.recognize', { ...input, consent: true });
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({ column: example.index, letter: 'J', header: '示例值', total: 6 });
    const byId = Object.fromEntries(counts[0]!.results.map((r) => [r.recognizerId, r]));
    const resident = counts[0]!.results.find((r) => r.matched === 1 && r.sensitive)!;
    expect(resident).toBeDefined();
    expect(Object.values(byId).every((r) => r.total === 6)).toBe(true);
    expect(JSON.stringify(counts)).not.toContain(RESIDENT_ID);
    const audit = (await app.call('audit.list', { offset: 0, limit: 1 })).entries[0]!;
    expect(audit.action).toBe('mapping.recognize');

    // Flag rows as personal information from that column (consent given), then import.
    const rules = proposedRules(view);
    rules.values!.level![valueKey('机密')] = '重要数据';
    rules.columns = rules.columns.filter((c) => c.target !== 'isPersonalInfo');
    const imp = { path: LEDGER, sheet: view.sheet, headerRow: 3, rules, piColumns: [example.index] };
    const p = await app.call('mapping.dryRun', imp);
    await app.call('mapping.commit', { ...imp, token: p.token });
    const entries = await allEntries(app);
    const of = (item: string) => entries.find((e) => e.itemName === item)!;
    expect(of('身份证号')).toMatchObject({ isPersonalInfo: '是', isSensitivePersonalInfo: '是' });
    expect(of('联系电话').isPersonalInfo).toBe('是');
    expect(of('收费金额').isPersonalInfo).toBe('');

    // Nothing of the example values is in the workspace: every table, every row.
    await app.call('workspace.close', {});
    const db = openKeyed(ws, PASS);
    try {
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'").all();
      const dump = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all())).join('\n');
      expect(dump).toContain('身份证号');
      for (const v of [RESIDENT_ID, '0012345', '内科']) expect(dump).not.toContain(v);
    } finally {
      db.close();
    }
  });
});
