// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { createClient, type Client } from '../../../main/api/client';
import type { Result } from '../../../main/api/result';
import type { EntryDetail, TreeSystem } from '../../../main/api/contract/inventory';
import type { QualitySummary, ResourceScore, SampleScanResult } from '../../../main/api/contract/quality';
import type { CatalogEntry, Entry } from '../../../main/domain/inventory';
import { SHEET3_HEADERS, QUALITY_RULES, type Finding } from '../../../main/domain/quality';
import { CARRIER_KINDS, MLPS_LEVELS, PROCESSING_METHODS, SECURITY_MEASURES } from '../../../main/domain/code-lists';
import type { FactorSet } from '../../../main/domain/identification';
import type { WorkspaceStatus } from '../../../main/domain/workspace';
import factorsJson from '../../../resources/important-data-factors.json';
import { ApiContext } from '../../../renderer/api/context';
import { Shell } from '../../../renderer/views/Shell';
import { DetailPanel } from '../../../renderer/views/inventory/DetailPanel';
import { catalogChanges, checkCatalogForm, firstMissingRequired, toCatalogForm } from '../../../renderer/views/catalog/catalog-form';
import { ruleLabel } from '../../../renderer/views/quality/labels';
import { sampleLines } from '../../../renderer/views/inventory/RecognizerSection';
import { useCatalogStore } from '../../../renderer/store/catalog';
import { useInventoryStore } from '../../../renderer/store/inventory';
import { useQualityStore } from '../../../renderer/store/quality';
import { useSessionStore } from '../../../renderer/store/session';
import { useLangStore } from '../../../renderer/store/lang';
import { useViewStore, type Area } from '../../../renderer/store/view';
import { zhCN } from '../../../renderer/i18n/zh-CN';
import { CARRIER_KIND_KEYS, CATALOG_FIELD_LABEL_KEYS, MLPS_KEYS, PROCESSING_METHOD_KEYS, SECURITY_MEASURE_KEYS } from '../../../renderer/i18n/codes';

const FACTORS = factorsJson as unknown as FactorSet;
const STATUS: WorkspaceStatus = { state: 'open', path: '/tmp/unit.dsw', name: '区人社局', role: 'unit', operator: '张三', idleLockMinutes: 10 };

function entry(over: Partial<Entry> = {}): Entry {
  return {
    id: 12,
    kind: 'item',
    systemId: 3,
    resourceId: 7,
    dataId: 'SYS01-T001-F002',
    systemName: '社会保障信息系统',
    resourceName: '参保人员信息表',
    itemName: '联系电话',
    itemCode: 'mobile',
    description: '参保人员的联系电话',
    industry: '',
    category1: '',
    category2: '',
    category3: '',
    category4: '',
    categoryCode: '',
    processingDegree: '',
    impactObjects: '',
    impactDegree: '',
    level: '',
    rationale: '',
    isPersonalInfo: '',
    isSensitivePersonalInfo: '',
    recordCount: null,
    personCount: null,
    dataSource: '',
    storageLocation: '',
    sharing: '',
    openness: '',
    updateFrequency: '',
    ownerDepartment: '',
    ownerPerson: '',
    reviewedAt: '',
    suggestedLevel: '',
    levelSource: '',
    levelState: '',
    schemeId: '',
    schemeVersion: null,
    deleted: false,
    updatedAt: '2026-01-02T03:04:05.000Z',
    ...over,
  };
}

function detailOf(e: Entry): EntryDetail {
  return { entry: e, explanation: { level: '', contributions: [], decisive: [] }, history: [], recognizerHits: [] };
}

function catalogEntry(over: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    resourceId: 7,
    dataId: 'SYS01-T001',
    updatedAt: '2026-01-02T03:04:05.000Z',
    name: '参保人员信息表',
    category: '',
    level: '重要数据',
    description: '参保人员的基本信息',
    carrierKind: '',
    carrierSystem: '社会保障信息系统',
    dataSource: '',
    recordCount: null,
    volumeGb: null,
    personCount: null,
    coverage: '',
    timeSpan: '',
    purpose: '',
    processingMethods: '',
    usageScope: '',
    provision: '',
    crossBorder: '',
    crossBorderAssessment: '',
    retention: '',
    securityMeasures: '',
    mlpsLevel: '',
    basis: '符合重要数据识别因素 G01',
    identifiedAt: '2026-01-02',
    department: '',
    person: '',
    phone: '',
    ...over,
  };
}

const TREE: TreeSystem[] = [
  { id: 3, name: '社会保障信息系统', mlpsLevel: '第三级', resourceCount: 1, itemCount: 2, resources: [{ id: 7, dataId: 'SYS01-T001', name: '参保人员信息表', level: '', itemCount: 2 }] },
];

type Handler = (input: Record<string, unknown>) => Result<unknown>;
const ok = (value: unknown): Result<unknown> => ({ ok: true, value });

function fakeClient(overrides: Record<string, Handler> = {}) {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  const handlers: Record<string, Handler> = {
    'inventory.tree': () => ok(TREE),
    'inventory.undoState': () => ok({ undo: null, redo: null }),
    'inventory.query': () => ok({ total: 1, rows: [entry()] }),
    'inventory.get': (i) => ok(detailOf(entry({ id: i.id as number }))),
    'scheme.list': () => ok([]),
    'recognizer.list': () =>
      ok({
        packId: 'default',
        packName: '默认识别器',
        recognizers: [
          { id: 'mobile', name: '手机号码', nameEn: 'Mobile number', personalInfo: true, sensitive: false, detector: 'cn_mobile' },
          { id: 'email', name: '电子邮箱', nameEn: 'E-mail address', personalInfo: true, sensitive: false, detector: 'email' },
        ],
      }),
    'recognizer.suggestion': (i) => ok({ entryId: i.entryId, isPersonalInfo: false, isSensitivePersonalInfo: false, reasons: [] }),
    ...overrides,
  };
  const client: Client = createClient({
    async invoke(channel, input) {
      calls.push({ channel, input: input as Record<string, unknown> });
      const h = handlers[channel];
      return h ? h(input as Record<string, unknown>) : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message_zh: '未知的请求', message_en: 'Unknown request' } };
    },
  });
  return { client, calls, of: (channel: string) => calls.filter((c) => c.channel === channel) };
}

function renderShell(client: Client, area: Area) {
  useViewStore.setState({ area, dirty: false, pending: null });
  return render(
    <ApiContext.Provider value={client}>
      <Shell status={STATUS} />
    </ApiContext.Provider>,
  );
}

beforeEach(() => {
  useSessionStore.setState({ status: STATUS, appInfo: null, connectionError: null, migration: null });
  useInventoryStore.setState({ workspacePath: '\u0000reset' });
  useCatalogStore.setState({ workspacePath: '\u0000reset' });
  useQualityStore.setState({ workspacePath: '\u0000reset' });
  useViewStore.setState({ area: 'home', dirty: false, pending: null });
});
afterEach(() => {
  cleanup();
  useLangStore.getState().setLang('zh-CN');
});

describe('important-data identification questionnaire', () => {
  it('shows the proposal live as factors are answered, saves the answers and takes the officer to the drafted catalog row', async () => {
    const drafted = catalogEntry();
    const { client, of } = fakeClient({
      'identification.get': () =>
        ok({ factors: FACTORS, answers: {}, result: { proposal: '待定', minimum: '一般数据', basis: '', reasons: [], yes: [], unsure: [], unanswered: [] }, catalog: null }),
      'identification.save': (i) =>
        ok({
          result: { proposal: '重要数据', minimum: '重要数据', basis: drafted.basis, reasons: [], yes: Object.keys(i.answers as object), unsure: [], unanswered: [] },
          catalog: drafted,
        }),
      'catalog.list': () => ok({ total: 1, rows: [drafted] }),
      'catalog.get': () =>
        ok({
          entry: drafted,
          findings: [
            { code: 'CATALOG_REQUIRED_MISSING', dimension: 'completeness', severity: 'error', resourceId: 7, entryId: 7, dataId: 'SYS01-T001', sheet: 3, field: 'purpose', message_zh: '重要数据目录必填项“处理目的”未填写', message_en: 'Required catalog field purpose of processing is empty' },
          ] satisfies Finding[],
        }),
    });
    // Opened from the 清单 detail panel: the catalog area with the questionnaire of resource 7.
    useCatalogStore.setState({ workspacePath: STATUS.path, identifyId: 7, selectedId: null, focusField: null, notice: '' });
    const view = renderShell(client, 'catalog');
    const proposal = await view.findByTestId('identify-proposal');
    expect(view.getByTestId('page-heading').textContent).toContain('参保人员信息表');
    // Nothing answered: open.
    expect(proposal.getAttribute('data-proposal')).toBe('待定');
    expect(view.getByTestId('factor-G01').textContent).toContain(FACTORS.factors[0]!.question);

    // A yes to an important-data factor: at least important, core still open.
    fireEvent.click(view.getByTestId('factor-G01-yes'));
    expect(view.getByTestId('identify-proposal').getAttribute('data-proposal')).toBe('待定');
    expect(view.getByTestId('identify-reasons').textContent).toContain('G01');
    // The core question answered no: 重要数据, with the basis it would write.
    fireEvent.click(view.getByTestId('factor-C01-no'));
    expect(view.getByTestId('identify-proposal').getAttribute('data-proposal')).toBe('重要数据');
    expect(view.getByTestId('identify-proposal').textContent).toBe('重要数据');
    expect(view.getByTestId('identify-basis').textContent).toBe(FACTORS.factors[0]!.basis);
    // A yes to the core condition: 核心数据; back to unsure: open again.
    fireEvent.click(view.getByTestId('factor-C01-yes'));
    expect(view.getByTestId('identify-proposal').getAttribute('data-proposal')).toBe('核心数据');
    fireEvent.click(view.getByTestId('factor-C01-unsure'));
    expect(view.getByTestId('identify-proposal').getAttribute('data-proposal')).toBe('待定');
    fireEvent.click(view.getByTestId('factor-C01-no'));
    // Unsaved answers are guarded.
    expect(useViewStore.getState().dirty).toBe(true);

    await act(async () => {
      fireEvent.click(view.getByTestId('identify-save'));
    });
    expect(of('identification.save')[0]!.input).toEqual({ resourceId: 7, answers: { G01: 'yes', C01: 'no' } });
    // The drafted row opens in the form, the first empty required field focused, its finding beside it.
    await waitFor(() => expect(view.getByTestId('catalog-form-panel').getAttribute('data-resource-id')).toBe('7'));
    await waitFor(() => expect(document.activeElement?.id).toBe('catalog-purpose'));
    expect(view.getByTestId('catalog-finding-purpose').textContent).toContain('处理目的');
    expect(view.getByTestId('catalog-page-status').textContent).toContain('重要数据');
    expect(view.queryByTestId('identify-page')).toBeNull();
    expect(useViewStore.getState().dirty).toBe(false);
  });
});

describe('catalog form', () => {
  it('sends only the changed fields, numbers as numbers and checkbox groups joined by the enumeration comma', async () => {
    const row = catalogEntry();
    const { client, of } = fakeClient({
      'catalog.list': () => ok({ total: 1, rows: [row] }),
      'catalog.get': () => ok({ entry: row, findings: [] }),
      'catalog.save': (i) => ok({ entry: { ...row, ...(i.changes as object) }, findings: [] }),
    });
    useCatalogStore.setState({ workspacePath: STATUS.path, identifyId: null, selectedId: null, focusField: null, notice: '' });
    const view = renderShell(client, 'catalog');
    fireEvent.click(await view.findByTestId('catalog-row-open'));
    const form = await view.findByTestId('catalog-form');
    fireEvent.change(form.querySelector('#catalog-purpose')!, { target: { value: '参保登记与待遇发放' } });
    fireEvent.change(form.querySelector('#catalog-recordCount')!, { target: { value: '120000' } });
    fireEvent.click(view.getByTestId('catalog-securityMeasures-访问控制'));
    fireEvent.click(view.getByTestId('catalog-securityMeasures-加密存储'));
    fireEvent.click(view.getByTestId('catalog-processingMethods-存储'));
    // Leaving with unsaved edits asks first.
    expect(useViewStore.getState().dirty).toBe(true);
    await act(async () => {
      fireEvent.click(view.getByTestId('catalog-save'));
    });
    expect(of('catalog.save')[0]!.input).toEqual({
      resourceId: 7,
      changes: { purpose: '参保登记与待遇发放', recordCount: 120000, securityMeasures: '加密存储、访问控制', processingMethods: '存储' },
    });
    await waitFor(() => expect(view.getByTestId('catalog-status').textContent).toContain('已保存'));
    expect(useViewStore.getState().dirty).toBe(false);
  });

  it('labels sheet-3 fields and code values exactly as the template, and checks numbers and dates', () => {
    for (const [f, header] of Object.entries(SHEET3_HEADERS)) expect(zhCN[CATALOG_FIELD_LABEL_KEYS[f as keyof typeof SHEET3_HEADERS]]).toBe(header);
    for (const c of CARRIER_KINDS) expect(zhCN[CARRIER_KIND_KEYS[c]]).toBe(c);
    for (const c of PROCESSING_METHODS) expect(zhCN[PROCESSING_METHOD_KEYS[c]]).toBe(c);
    for (const c of SECURITY_MEASURES) expect(zhCN[SECURITY_MEASURE_KEYS[c]]).toBe(c);
    for (const c of MLPS_LEVELS) expect(zhCN[MLPS_KEYS[c]]).toBe(c);
    const saved = toCatalogForm(catalogEntry());
    expect(checkCatalogForm({ ...saved, recordCount: '-1', volumeGb: '1.5', identifiedAt: '2026-02-30' })).toEqual({ recordCount: 'entry.error.count', identifiedAt: 'entry.error.date' });
    expect(catalogChanges({ ...saved, volumeGb: '1.5', personCount: '' }, { ...saved, personCount: '3' })).toEqual({ volumeGb: 1.5, personCount: null });
    expect(firstMissingRequired(catalogEntry())).toBe('purpose');
    expect(ruleLabel('zh-CN', 'REQUIRED_MISSING')).toBe(QUALITY_RULES.REQUIRED_MISSING.zh.replace('{field}', '…'));
    expect(ruleLabel('en', 'REVIEW_DATE_STALE')).toBe('Last reviewed more than … months ago');
  });
});

describe('quality check', () => {
  const summary: QualitySummary = {
    scores: { completeness: 62.5, consistency: 100, conformity: 100, timeliness: 75, overall: 84.4 },
    totals: { sheet2Rows: 4, sheet3Rows: 1 },
    byCode: [
      { code: 'REQUIRED_MISSING', dimension: 'completeness', severity: 'error', count: 3, message_zh: QUALITY_RULES.REQUIRED_MISSING.zh, message_en: QUALITY_RULES.REQUIRED_MISSING.en },
      { code: 'CATALOG_REQUIRED_MISSING', dimension: 'completeness', severity: 'error', count: 1, message_zh: QUALITY_RULES.CATALOG_REQUIRED_MISSING.zh, message_en: QUALITY_RULES.CATALOG_REQUIRED_MISSING.en },
    ],
    errors: 4,
    warnings: 0,
    checkedAt: '2026-01-02T03:04:05.000Z',
    ms: 12,
  };
  const findings: Finding[] = [
    { code: 'REQUIRED_MISSING', dimension: 'completeness', severity: 'error', entryId: 12, resourceId: 7, dataId: 'SYS01-T001-F002', sheet: 2, field: 'ownerPerson', message_zh: '必填项“责任人”未填写', message_en: 'Required field responsible person is empty' },
    { code: 'CATALOG_REQUIRED_MISSING', dimension: 'completeness', severity: 'error', entryId: 7, resourceId: 7, dataId: 'SYS01-T001', sheet: 3, field: 'phone', message_zh: '重要数据目录必填项“联系电话”未填写', message_en: 'Required catalog field phone is empty' },
  ];
  const byResource: ResourceScore[] = [{ resourceId: 7, dataId: 'SYS01-T001', name: '参保人员信息表', systemName: '社会保障信息系统', scores: summary.scores, findings: 2 }];

  function qualityClient() {
    return fakeClient({
      'quality.summary': () => ok(summary),
      'quality.findings': (i) => {
        const list = findings.filter((f) => (!i.code || f.code === i.code) && (!i.dimension || f.dimension === i.dimension));
        return ok({ total: list.length, findings: list });
      },
      'quality.byResource': () => ok({ total: 1, rows: byResource }),
      'catalog.list': () => ok({ total: 1, rows: [catalogEntry()] }),
      'catalog.get': () => ok({ entry: catalogEntry(), findings: [findings[1]] }),
    });
  }

  it('shows scores and counts, filters by rule, and a sheet-2 finding opens the entry in the inventory with its field focused', async () => {
    const { client, of } = qualityClient();
    const view = renderShell(client, 'quality');
    await waitFor(() => expect(view.getByTestId('quality-score-completeness').getAttribute('data-score')).toBe('62.5'));
    expect(view.getByTestId('quality-score-overall-value').textContent).toBe('84.4');
    expect(view.getByTestId('quality-score-consistency-value').textContent).toBe('100');
    expect(view.getByTestId('quality-errors').getAttribute('data-count')).toBe('4');
    expect(view.getByTestId('quality-code-REQUIRED_MISSING').textContent).toContain('必填项');
    await waitFor(() => expect(view.getAllByTestId('finding-row')).toHaveLength(2));
    expect(view.getAllByTestId('quality-resource-row')).toHaveLength(1);

    // A rule filters the list.
    fireEvent.click(view.getByTestId('quality-code-REQUIRED_MISSING'));
    await waitFor(() => expect(view.getAllByTestId('finding-row')).toHaveLength(1));
    expect(of('quality.findings').at(-1)!.input).toMatchObject({ code: 'REQUIRED_MISSING', offset: 0 });
    const row = view.getAllByTestId('finding-row')[0]!;
    expect(row.getAttribute('data-entry-id')).toBe('12');
    expect(row.textContent).toContain('责任人');

    // Re-check runs the summary again.
    const before = of('quality.summary').length;
    await act(async () => {
      fireEvent.click(view.getByTestId('quality-rerun'));
    });
    expect(of('quality.summary').length).toBe(before + 1);

    // The finding: the inventory, the entry in the detail panel, 责任人 focused.
    await act(async () => {
      fireEvent.click(view.getAllByTestId('finding-open')[0]!);
    });
    await waitFor(() => expect(useViewStore.getState().area).toBe('inventory'));
    await waitFor(() => expect(view.getByTestId('detail-panel').getAttribute('data-id')).toBe('12'));
    await waitFor(() => expect(document.activeElement?.id).toBe('entry-ownerPerson'));
    expect(document.activeElement?.getAttribute('data-testid')).toBe('detail-field-ownerPerson');
    const inv = useInventoryStore.getState();
    expect(inv.node).toEqual({ kind: 'resource', id: 7, systemId: 3 });
    expect(inv.focusField).toBeNull();
  });

  it('a sheet-3 finding opens the catalog row with its field focused', async () => {
    const { client } = qualityClient();
    const view = renderShell(client, 'quality');
    await waitFor(() => expect(view.getAllByTestId('finding-row')).toHaveLength(2));
    const row = view.getAllByTestId('finding-row').find((r) => r.getAttribute('data-sheet') === '3')!;
    await act(async () => {
      fireEvent.click(row.querySelector('[data-testid="finding-open"]')!);
    });
    await waitFor(() => expect(useViewStore.getState().area).toBe('catalog'));
    await waitFor(() => expect(document.activeElement?.id).toBe('catalog-phone'));
    expect(view.getByTestId('catalog-finding-phone').textContent).toContain('联系电话');
  });
});

describe('recognisers in the detail panel', () => {
  const schemes = { list: [], forEntry: () => undefined };

  it('sends the pasted sample lines once, shows counts only and forgets the values', async () => {
    const results: SampleScanResult[] = [
      { recognizerId: 'email', matched: 0, total: 5, ratio: 0, threshold: 0.6, hit: false },
      { recognizerId: 'mobile', matched: 5, total: 5, ratio: 1, threshold: 0.6, hit: true },
    ];
    const { client, of } = fakeClient({ 'recognizer.scanSamples': () => ok(results) });
    let changed = 0;
    const view = render(
      <ApiContext.Provider value={client}>
        <DetailPanel id={12} revision={0} schemes={schemes} focusOnLoad={false} onChanged={() => changed++} onDirtyChange={() => undefined} onStatus={() => undefined} />
      </ApiContext.Provider>,
    );
    fireEvent.click(await view.findByTestId('samples-open'));
    const dialog = view.getByTestId('samples-dialog');
    expect(view.getByTestId('samples-privacy').textContent).toContain('不会保存');
    const text = view.getByTestId('samples-text') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(text);
    const pasted = '13800138000\n13912345678\n\n 15800001111\n18600002222\r\n17700003333\n';
    fireEvent.change(text, { target: { value: pasted } });
    expect(view.getByTestId('samples-count').getAttribute('data-count')).toBe('5');
    await act(async () => {
      fireEvent.click(view.getByTestId('samples-submit'));
    });
    expect(of('recognizer.scanSamples')).toHaveLength(1);
    expect(of('recognizer.scanSamples')[0]!.input).toEqual({ entryId: 12, samples: ['13800138000', '13912345678', ' 15800001111', '18600002222', '17700003333'] });
    const result = await view.findByTestId('samples-result');
    const rows = view.getAllByTestId('samples-result-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.getAttribute('data-recognizer')).toBe('mobile');
    expect(rows[0]!.getAttribute('data-hit')).toBe('true');
    expect(rows[0]!.textContent).toContain('手机号码');
    expect(rows[0]!.textContent).toContain('5 / 5');
    expect(rows[0]!.textContent).toContain('100%');
    // Counts only: no sample value anywhere in the dialog, and the box is empty again.
    for (const v of ['13800138000', '13912345678', '15800001111']) expect(dialog.textContent).not.toContain(v);
    expect(text.value).toBe('');
    expect(result.textContent).toContain('5');
    expect(changed).toBe(1);
    expect(sampleLines('a\n\n  \nb\r\nc')).toEqual(['a', 'b', 'c']);
  });

  it('offers to adopt a suggestion that differs from the entry, and the identification for a resource', async () => {
    const { client, of } = fakeClient({
      'inventory.get': (i) =>
        ok({
          ...detailOf(entry({ id: i.id as number })),
          recognizerHits: [{ recognizerId: 'mobile', basis: 'name', matched: 0, total: 0, at: '2026-01-02T03:04:05.000Z' }],
        }),
      'recognizer.suggestion': (i) =>
        ok({ entryId: i.entryId, isPersonalInfo: true, isSensitivePersonalInfo: false, level: '一般数据3级', reasons: [{ recognizerId: 'mobile', basis: 'name', message_zh: '字段名称符合“手机号码”', message_en: 'The field name points to "Mobile number"' }] }),
      'recognizer.accept': (i) => ok({ entryId: i.entryId, isPersonalInfo: true, isSensitivePersonalInfo: false, reasons: [] }),
    });
    let changed = 0;
    const view = render(
      <ApiContext.Provider value={client}>
        <DetailPanel id={12} revision={0} schemes={schemes} focusOnLoad={false} onChanged={() => changed++} onDirtyChange={() => undefined} onStatus={() => undefined} />
      </ApiContext.Provider>,
    );
    const section = await view.findByTestId('recognizer-section');
    await waitFor(() => expect(view.getByTestId('recognizer-hit').textContent).toContain('手机号码'));
    expect(section.textContent).toContain('字段名');
    await act(async () => {
      fireEvent.click(await view.findByTestId('recognizer-accept'));
    });
    expect(of('recognizer.accept')[0]!.input).toEqual({ entryId: 12 });
    expect(changed).toBe(1);
    // An item has no identification button; a resource has.
    expect(view.queryByTestId('identify-resource')).toBeNull();
  });

  it('opens the identification questionnaire of a resource from its detail panel', async () => {
    const { client } = fakeClient({ 'inventory.get': () => ok(detailOf(entry({ id: 7, kind: 'resource', itemName: '', itemCode: '', dataId: 'SYS01-T001' }))) });
    useViewStore.setState({ area: 'inventory', dirty: false, pending: null });
    const view = render(
      <ApiContext.Provider value={client}>
        <DetailPanel id={7} revision={0} schemes={schemes} focusOnLoad={false} onChanged={() => undefined} onDirtyChange={() => undefined} onStatus={() => undefined} />
      </ApiContext.Provider>,
    );
    // Not while the entry has unsaved edits.
    const button = (await view.findByTestId('identify-resource')) as HTMLButtonElement;
    fireEvent.change(view.getByTestId('detail-field-ownerPerson'), { target: { value: '王五' } });
    expect(button.disabled).toBe(true);
    fireEvent.click(view.getByTestId('detail-revert'));
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(useViewStore.getState().area).toBe('catalog');
    expect(useCatalogStore.getState().identifyId).toBe(7);
  });
});
