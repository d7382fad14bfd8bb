/**
 * The assessment on a real (encrypted) workspace through the API: projects and scope, registers,
 * checklist with evidence files, risks on the matrix, validation that writes nothing, audit
 * entries, and starting a new year from the last one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sm3Hex } from '../../../main/crypto/sm3';
import { BUILTIN_CHECKLIST, BUILTIN_RISK_MATRIX } from '../../../main/services/risk/packs';
import { appFactory } from '../../helpers/backend';
import { tempDir } from '../../helpers/tmp';
import { auditTotal } from '../quality/fixtures';
import { riskWorkspace } from './helpers';

const apps = appFactory('ds-risk-');
const files = tempDir('ds-risk-files-');

describe('risk assessment projects', () => {
  it('a new project is scoped to every important and core resource, with the five GB/T 45577 phases and the default matrix', async () => {
    const { app, catalogued } = await riskWorkspace(apps);
    const p = await app.call('risk.project.create', { year: 2026 });
    expect(p).toMatchObject({ year: 2026, title: '2026年度数据安全风险评估', copiedFrom: null, team: [] });
    expect(p.phases.map((x) => x.phase)).toEqual(['评估准备', '信息调研', '风险识别', '风险分析与评价', '评估总结']);
    expect(p.phases.every((x) => x.status === '未开始')).toBe(true);
    expect(p.matrix).toEqual(BUILTIN_RISK_MATRIX);
    expect(p.checklistPack).toEqual({ id: BUILTIN_CHECKLIST.id, name: BUILTIN_CHECKLIST.name, version: BUILTIN_CHECKLIST.version });

    const scope = await app.call('risk.scope.list', { projectId: p.id, inScopeOnly: true, limit: 500 });
    expect(scope.total).toBe(p.scopeCount);
    for (const id of catalogued) expect(scope.rows.map((r) => r.resourceId)).toContain(id);
    expect(scope.rows.every((r) => r.catalogLevel !== '' || r.level === '重要数据' || r.level === '核心数据')).toBe(true);

    // The team adds another resource; one project per year.
    const all = await app.call('risk.scope.list', { projectId: p.id, limit: 500 });
    const other = all.rows.find((r) => !r.inScope)!;
    expect(await app.call('risk.scope.set', { projectId: p.id, add: [other.resourceId] })).toEqual({ scopeCount: p.scopeCount + 1 });
    expect((await app.fail('risk.project.create', { year: 2026 })).code).toBe('RISK_PROJECT_EXISTS');
    expect((await app.fail('risk.scope.set', { projectId: p.id, add: [999_999] })).code).toBe('RISK_INVALID_LINK');

    const list = await app.call('risk.project.list', {});
    expect(list).toEqual([expect.objectContaining({ id: p.id, year: 2026, scopeCount: p.scopeCount + 1, risks: 0 })]);
    const entries = (await app.call('audit.list', { offset: 0, limit: 3 })).entries.map((e) => e.action);
    expect(entries.slice(0, 2)).toEqual(['risk.scope.set', 'risk.project.create']);
  });

  it('team, phases and narrative are saved with an audit entry; an unchanged update writes nothing', async () => {
    const { app } = await riskWorkspace(apps);
    const p = await app.call('risk.project.create', { year: 2026 });
    const u = await app.call('risk.project.update', {
      projectId: p.id,
      team: [{ name: '王评估', role: '组长', organisation: '安全科' }],
      phases: [{ phase: '信息调研', status: '进行中', note: '' }],
      narrative: { conclusion: '总体符合要求。' },
    });
    expect(u.team).toEqual([{ name: '王评估', role: '组长', organisation: '安全科' }]);
    expect(u.phases.find((x) => x.phase === '信息调研')!.status).toBe('进行中');
    expect(u.phases.find((x) => x.phase === '评估准备')!.status).toBe('未开始');
    expect(u.narrative.conclusion).toBe('总体符合要求。');
    const n = await auditTotal(app);
    await app.call('risk.project.update', { projectId: p.id, narrative: { conclusion: '总体符合要求。' } });
    expect(await auditTotal(app)).toBe(n);
    const preview = await app.call('risk.report.preview', { projectId: p.id });
    expect(preview.find((s) => s.key === 'conclusion')).toMatchObject({ narrative: '总体符合要求。', title: '评估结论' });
    expect(preview.find((s) => s.key === 'overview')!.generated).toContain('数据安全风险评估');
    // Input checked at the edge.
    expect((await app.fail('risk.project.update', { projectId: p.id, team: [{ name: '' }] })).code).toBe('INVALID_INPUT');
    expect((await app.fail('risk.project.update', { projectId: p.id, narrative: { secret: 'x' } })).code).toBe('INVALID_INPUT');
  });
});

describe('registers', () => {
  it('each register keeps its records, linked to live resources; a bad link is refused and writes nothing', async () => {
    const { app, catalogued } = await riskWorkspace(apps);
    const p = await app.call('risk.project.create', { year: 2026 });
    const a = await app.call('risk.register.save', { projectId: p.id, kind: 'activity', fields: { resourceIds: [catalogued[0]!], activity: '提供', purpose: '统计上报' } });
    expect(a).toMatchObject({ kind: 'activity', fields: { activity: '提供', purpose: '统计上报', scope: '', systems: '', parties: '' } });
    const m = await app.call('risk.register.save', { projectId: p.id, kind: 'measure', fields: { resourceIds: catalogued, measure: '访问控制' } });
    expect(m.fields).toMatchObject({ effectiveness: '未评估' });
    const m2 = await app.call('risk.register.save', { projectId: p.id, kind: 'measure', id: m.id, fields: { resourceIds: catalogued, measure: '访问控制', effectiveness: '有效' } });
    expect(m2).toMatchObject({ id: m.id, fields: { effectiveness: '有效' } });
    await app.call('risk.register.save', { projectId: p.id, kind: 'provision', fields: { mode: '共同处理', recipient: '区卫健委', assessed: '是' } });
    await app.call('risk.register.save', { projectId: p.id, kind: 'crossBorder', fields: { recipient: 'X', basis: '标准合同' } });
    await app.call('risk.register.save', { projectId: p.id, kind: 'incident', fields: { title: '钓鱼邮件', occurredAt: '2026-03-01' } });
    expect(await app.call('risk.register.list', { projectId: p.id, kind: 'measure' })).toHaveLength(1);
    expect(await app.call('risk.register.list', { projectId: p.id, kind: 'activity', resourceId: catalogued[0]! })).toHaveLength(1);
    expect(await app.call('risk.register.list', { projectId: p.id, kind: 'activity', resourceId: catalogued[1]! })).toHaveLength(0);

    const n = await auditTotal(app);
    expect((await app.fail('risk.register.save', { projectId: p.id, kind: 'activity', fields: { resourceIds: [999_999], activity: '存储' } })).code).toBe('RISK_INVALID_LINK');
    expect((await app.fail('risk.register.save', { projectId: p.id, kind: 'activity', fields: { activity: '偷看' } })).code).toBe('INVALID_INPUT');
    expect((await app.fail('risk.register.save', { projectId: p.id, kind: 'incident', fields: { title: 'x', occurredAt: '2026-13' } })).code).toBe('INVALID_INPUT');
    expect((await app.fail('risk.register.save', { projectId: p.id, kind: 'provision', fields: { mode: '提供', recipient: 'y', extra: 1 } })).code).toBe('INVALID_INPUT');
    expect((await app.fail('risk.register.save', { projectId: p.id, kind: 'measure', id: a.id, fields: { measure: '访问控制' } })).code).toBe('RISK_RECORD_NOT_FOUND');
    expect(await auditTotal(app)).toBe(n);

    expect(await app.call('risk.register.remove', { projectId: p.id, id: a.id })).toEqual({ removed: true });
    expect(await app.call('risk.register.remove', { projectId: p.id, id: a.id })).toEqual({ removed: false });
    const actions = (await app.call('audit.list', { offset: 0, limit: 20 })).entries.map((e) => e.action);
    expect(actions).toContain('risk.register.create');
    expect(actions).toContain('risk.register.save');
    expect(actions[0]).toBe('risk.register.remove');
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });
  });
});

describe('checklist and evidence', () => {
  it('says which items look not applicable, from the scope and the registers, and the team marks one with its reason', async () => {
    const { app, catalogued } = await riskWorkspace(apps);
    const p = await app.call('risk.project.create', { year: 2026 });
    const hints = async () => new Map((await app.call('risk.checklist.get', { projectId: p.id })).items.map((i) => [i.id, i.notApplicableHint ?? null] as const));
    // The demo hospital's catalogued resources hold personal information; nothing is transferred abroad yet.
    let h = await hints();
    expect(h.get('I-01')).toBeNull();
    expect(h.get('I-09')).toMatchObject({ zh: expect.stringContaining('数据出境'), en: expect.stringContaining('cross-border') });
    expect(h.get('M-01')).toBeNull();
    // A transfer abroad recorded: I-09 concerns the assessment after all.
    await app.call('risk.register.save', { projectId: p.id, kind: 'crossBorder', fields: { recipient: 'X', basis: '标准合同' } });
    expect((await hints()).get('I-09')).toBeNull();
    // Without the resources holding personal information, every personal-information item looks not applicable.
    const inScope = (await app.call('risk.scope.list', { projectId: p.id, inScopeOnly: true, limit: 500 })).rows.map((r) => r.resourceId);
    expect(inScope).toEqual(expect.arrayContaining(catalogued));
    expect((await app.call('risk.scope.set', { projectId: p.id, remove: inScope })).scopeCount).toBe(0);
    h = await hints();
    const pi = BUILTIN_CHECKLIST.items.filter((i) => i.appliesTo === 'personal-info').map((i) => i.id);
    expect(pi.length).toBeGreaterThan(3);
    for (const id of pi) expect(h.get(id), id).toMatchObject({ zh: expect.stringContaining('个人信息') });
    expect(BUILTIN_CHECKLIST.items.filter((i) => i.appliesTo === 'all').every((i) => h.get(i.id) === null)).toBe(true);
    // The team decides: the conclusion and the reason, as the UI saves them.
    const saved = await app.call('risk.checklist.save', { projectId: p.id, itemId: pi[0]!, conclusion: '不适用', notes: h.get(pi[0]!)!.zh });
    expect(saved).toMatchObject({ conclusion: '不适用', notes: expect.stringContaining('个人信息') });
  });

  it('records conclusions and notes; stores an attached file in the workspace with its SM3 and a safe name; refuses a large one', async () => {
    const { app } = await riskWorkspace(apps);
    const p = await app.call('risk.project.create', { year: 2026 });
    const c = await app.call('risk.checklist.get', { projectId: p.id });
    expect(c.items).toHaveLength(BUILTIN_CHECKLIST.items.length);
    expect(new Set(c.items.map((i) => i.area))).toEqual(new Set(['数据安全管理', '数据处理活动', '数据安全技术', '个人信息保护']));
    expect(c.summary).toMatchObject({ total: c.items.length, assessed: 0 });

    const saved = await app.call('risk.checklist.save', { projectId: p.id, itemId: 'T-02', conclusion: '部分符合', notes: '  传输已加密，存储未加密 ' });
    expect(saved).toMatchObject({ id: 'T-02', conclusion: '部分符合', notes: '传输已加密，存储未加密' });
    expect((await app.fail('risk.checklist.save', { projectId: p.id, itemId: 'NOPE-1', conclusion: '符合' })).code).toBe('RISK_INVALID_LINK');
    expect((await app.fail('risk.checklist.save', { projectId: p.id, itemId: 'T-02', conclusion: '差不多' })).code).toBe('INVALID_INPUT');

    const src = path.join(files, 'con:评估 记录?.txt');
    const body = Buffer.from('访谈记录：存储加密尚未实施。');
    fs.writeFileSync(src, body);
    const withFile = await app.call('risk.attachment.add', { projectId: p.id, itemId: 'T-02', path: src });
    expect(withFile.attachments).toEqual([expect.objectContaining({ filename: 'con_评估 记录_.txt', size: body.byteLength, sm3: sm3Hex(body) })]);
    fs.rmSync(src); // the workspace keeps its own copy
    const back = path.join(files, 'back.txt');
    expect(await app.call('risk.attachment.save', { attachmentId: withFile.attachments[0]!.id, path: back })).toEqual({ path: back, bytes: body.byteLength });
    expect(fs.readFileSync(back)).toEqual(body);
    expect((await app.fail('risk.attachment.save', { attachmentId: withFile.attachments[0]!.id, path: back })).code).toBe('FILE_EXISTS');

    const big = path.join(files, 'big.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 20 * 1024 * 1024 + 1);
    const n = await auditTotal(app);
    expect((await app.fail('risk.attachment.add', { projectId: p.id, itemId: 'T-02', path: big })).code).toBe('ATTACHMENT_TOO_LARGE');
    expect((await app.fail('risk.attachment.add', { projectId: p.id, itemId: 'T-02', path: path.join(files, 'missing.txt') })).code).toBe('FILE_NOT_FOUND');
    expect(await auditTotal(app)).toBe(n);

    expect(await app.call('risk.attachment.remove', { attachmentId: withFile.attachments[0]!.id })).toEqual({ removed: true });
    expect((await app.call('risk.checklist.get', { projectId: p.id })).items.find((i) => i.id === 'T-02')!.attachments).toEqual([]);
    const last = (await app.call('audit.list', { offset: 0, limit: 3 })).entries;
    expect(last[0]).toMatchObject({ action: 'risk.attachment.remove', before: { sm3: sm3Hex(body) } });
  });
});

describe('the checklist pack of a project', () => {
  it('a team may replace it with its own pack: conclusions of kept items stay; a bad pack or one that drops a linked item is refused', async () => {
    const { app } = await riskWorkspace(apps);
    const p = await app.call('risk.project.create', { year: 2026 });
    await app.call('risk.checklist.save', { projectId: p.id, itemId: 'M-01', conclusion: '符合', notes: '' });
    await app.call('risk.risk.save', { projectId: p.id, fields: { title: '账号', itemIds: ['T-05'], likelihood: 2, impact: 2 } });
    const own = { ...BUILTIN_CHECKLIST, id: 'unit-own', version: 3, items: [...BUILTIN_CHECKLIST.items.filter((i) => i.id !== 'I-09'), { id: 'X-01', area: '数据安全管理', title: '本单位补充项', titleEn: 'Own item', requirement: '按本单位制度要求检查。', basis: '本单位制度', appliesTo: 'all' }] };
    const r = await app.call('risk.checklist.importPack', { projectId: p.id, json: JSON.stringify(own) });
    expect(r.pack).toEqual({ id: 'unit-own', name: BUILTIN_CHECKLIST.name, version: 3 });
    expect(r.items.map((i) => i.id)).toContain('X-01');
    expect(r.items.map((i) => i.id)).not.toContain('I-09');
    expect(r.items.find((i) => i.id === 'M-01')!.conclusion).toBe('符合');
    expect((await app.call('risk.project.get', { projectId: p.id })).checklistPack.id).toBe('unit-own');

    const n = await auditTotal(app);
    const dropping = { ...own, items: own.items.filter((i) => i.id !== 'T-05') };
    expect((await app.fail('risk.checklist.importPack', { projectId: p.id, json: JSON.stringify(dropping) })).code).toBe('RISK_CHECKLIST_IN_USE');
    const broken = await app.fail('risk.checklist.importPack', { projectId: p.id, json: JSON.stringify({ ...own, items: [...own.items, own.items[0]] }) });
    expect(broken).toMatchObject({ code: 'RISK_CHECKLIST_INVALID', details: { issues: ['duplicate item id M-01'] } });
    expect((await app.fail('risk.checklist.importPack', { projectId: p.id, json: '{not json' })).code).toBe('RISK_CHECKLIST_INVALID');
    expect(await auditTotal(app)).toBe(n);
  });
});

describe('risks', () => {
  it('rates risks on the project matrix, flags overdue remediation, and builds the heat map', async () => {
    const { app, catalogued } = await riskWorkspace(apps); // today is 2026-11-20
    const p = await app.call('risk.project.create', { year: 2026 });
    const src = await app.call('risk.register.save', { projectId: p.id, kind: 'source', fields: { name: '外部攻击者', kind: '外部攻击' } });
    const act = await app.call('risk.register.save', { projectId: p.id, kind: 'activity', fields: { activity: '传输' } });
    const high = await app.call('risk.risk.save', {
      projectId: p.id,
      fields: { title: '接口未鉴权', sourceIds: [src.id], activityIds: [act.id], itemIds: ['T-06'], resourceIds: [catalogued[0]!], likelihood: 5, impact: 5, deadline: '2026-11-19' },
    });
    expect(high).toMatchObject({ level: '很高', levelIndex: 4, overdue: true, status: '待整改' });
    const low = await app.call('risk.risk.save', { projectId: p.id, fields: { title: '培训记录不全', likelihood: 1, impact: 2, deadline: '2026-11-20' } });
    expect(low).toMatchObject({ level: '很低', overdue: false }); // the deadline is today
    const done = await app.call('risk.risk.save', { projectId: p.id, fields: { title: '已修复', likelihood: 3, impact: 3, deadline: '2026-01-01', status: '已整改' } });
    expect(done).toMatchObject({ level: '中', overdue: false });

    const list = await app.call('risk.risk.list', { projectId: p.id });
    expect(list.map((r) => r.id)).toEqual([high.id, done.id, low.id]);
    const heat = await app.call('risk.heatmap', { projectId: p.id });
    expect(heat.rows[4]![4]).toMatchObject({ riskIds: [high.id], open: 1, color: '#e53935' });
    expect(heat.levels.map((l) => l.count)).toEqual([1, 0, 1, 0, 1]);
    expect(heat.overdue).toBe(1);
    expect(await app.call('risk.project.list', {})).toEqual([expect.objectContaining({ risks: 3, openRisks: 2, overdue: 1 })]);

    const n = await auditTotal(app);
    expect((await app.fail('risk.risk.save', { projectId: p.id, fields: { title: 'x', likelihood: 6, impact: 1 } })).code).toBe('RISK_OUT_OF_MATRIX');
    expect((await app.fail('risk.risk.save', { projectId: p.id, fields: { title: 'x', likelihood: 1, impact: 1, sourceIds: [act.id] } })).code).toBe('RISK_INVALID_LINK');
    expect((await app.fail('risk.risk.save', { projectId: p.id, fields: { title: 'x', likelihood: 1, impact: 1, itemIds: ['Z-99'] } })).code).toBe('RISK_INVALID_LINK');
    expect(await auditTotal(app)).toBe(n);

    // A 3 × 3 matrix cannot hold a 5 × 5 rating; a same-size edit re-rates.
    const m3 = { ...BUILTIN_RISK_MATRIX, likelihood: BUILTIN_RISK_MATRIX.likelihood.slice(0, 3), impact: BUILTIN_RISK_MATRIX.impact.slice(0, 3), cells: [[0, 0, 1], [0, 1, 2], [1, 2, 3]] };
    expect((await app.fail('risk.project.update', { projectId: p.id, matrix: m3 })).code).toBe('RISK_MATRIX_TOO_SMALL');
    const flat = { ...BUILTIN_RISK_MATRIX, version: 2, cells: BUILTIN_RISK_MATRIX.cells.map((r) => r.map(() => 2)) };
    await app.call('risk.project.update', { projectId: p.id, matrix: flat });
    expect((await app.call('risk.risk.list', { projectId: p.id })).every((r) => r.level === '中')).toBe(true);
    const bad = { ...BUILTIN_RISK_MATRIX, cells: [[4, 0, 0, 0, 0], ...BUILTIN_RISK_MATRIX.cells.slice(1)] };
    expect((await app.fail('risk.project.update', { projectId: p.id, matrix: bad })).code).toBe('RISK_MATRIX_INVALID');

    // Removing a source unlinks it from the risk.
    await app.call('risk.register.remove', { projectId: p.id, id: src.id });
    expect((await app.call('risk.risk.list', { projectId: p.id })).find((r) => r.id === high.id)!.sourceIds).toEqual([]);
  });
});

describe('a new year from last year', () => {
  it('copies scope, team, registers (not incidents), open risks and notes; not conclusions, narrative or closed risks', async () => {
    const { app, catalogued } = await riskWorkspace(apps);
    const p = await app.call('risk.project.create', { year: 2025 });
    await app.call('risk.project.update', { projectId: p.id, team: [{ name: '王评估', role: '组长', organisation: '' }], narrative: { conclusion: '2025 结论' } });
    await app.call('risk.scope.set', { projectId: p.id, remove: [catalogued[4]!] });
    const src = await app.call('risk.register.save', { projectId: p.id, kind: 'source', fields: { name: '内部人员' } });
    await app.call('risk.register.save', { projectId: p.id, kind: 'incident', fields: { title: '2025 事件' } });
    await app.call('risk.checklist.save', { projectId: p.id, itemId: 'M-02', conclusion: '符合', notes: '制度汇编 2025 版' });
    const open = await app.call('risk.risk.save', { projectId: p.id, fields: { title: '仍未整改', sourceIds: [src.id], likelihood: 3, impact: 4 } });
    await app.call('risk.risk.save', { projectId: p.id, fields: { title: '已整改', likelihood: 3, impact: 4, status: '已整改' } });

    const next = await app.call('risk.project.create', { year: 2026, fromProjectId: p.id });
    expect(next).toMatchObject({ copiedFrom: p.id, team: [{ name: '王评估', role: '组长', organisation: '' }], scopeCount: p.scopeCount - 1 });
    expect(next.narrative.conclusion).toBe('');
    const sources = await app.call('risk.register.list', { projectId: next.id, kind: 'source' });
    expect(sources).toHaveLength(1);
    expect(sources[0]!.id).not.toBe(src.id);
    expect(await app.call('risk.register.list', { projectId: next.id, kind: 'incident' })).toEqual([]);
    const risks = await app.call('risk.risk.list', { projectId: next.id });
    expect(risks).toEqual([expect.objectContaining({ title: open.title, sourceIds: [sources[0]!.id], projectId: next.id })]);
    const item = (await app.call('risk.checklist.get', { projectId: next.id })).items.find((i) => i.id === 'M-02')!;
    expect(item).toMatchObject({ conclusion: '', notes: '制度汇编 2025 版' });
    // Last year's project is untouched.
    expect(await app.call('risk.risk.list', { projectId: p.id })).toHaveLength(2);

    expect(await app.call('risk.project.remove', { projectId: p.id })).toEqual({ removed: true });
    expect((await app.call('risk.project.list', {})).map((x) => x.year)).toEqual([2026]);
    expect((await app.call('risk.project.get', { projectId: next.id })).copiedFrom).toBeNull();
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('refuses a bureau workspace', async () => {
    const app = apps.app();
    await app.call('workspace.create', { path: apps.wsPath(), passphrase: '正确的口令 horse-battery', role: 'bureau', name: '区数据局', operator: 'x' });
    expect((await app.fail('risk.project.list', {})).code).toBe('WRONG_ROLE');
  });
});
