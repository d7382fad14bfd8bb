// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor, within } from '@testing-library/react';
import { createClient, type Client } from '../../../main/api/client';
import type { Result } from '../../../main/api/result';
import type { EntryDetail, TreeSystem } from '../../../main/api/contract/inventory';
import { SHEET2_HEADERS, type Entry } from '../../../main/domain/inventory';
import { LEVELS_43697, IMPACT_OBJECTS, IMPACT_DEGREES, DATA_SOURCES, UPDATE_FREQUENCIES } from '../../../main/domain/code-lists';
import { ApiContext } from '../../../renderer/api/context';
import { Inventory } from '../../../renderer/views/inventory/Inventory';
import { ROW_HEIGHT } from '../../../renderer/views/inventory/EntryGrid';
import { LruCache, PAGE_SIZE, pagesFor } from '../../../renderer/views/inventory/entry-pages';
import { fieldErrorsFromError, formChanges, mergeReload, toForm } from '../../../renderer/views/inventory/entry-form';
import { selectionForApi, useInventoryStore } from '../../../renderer/store/inventory';
import { useLangStore } from '../../../renderer/store/lang';
import { useViewStore } from '../../../renderer/store/view';
import { zhCN } from '../../../renderer/i18n/zh-CN';
import { ENTRY_FIELD_LABEL_KEYS, IMPACT_DEGREE_KEYS, IMPACT_OBJECT_KEYS, LEVEL_KEYS, DATA_SOURCE_KEYS, UPDATE_FREQUENCY_KEYS } from '../../../renderer/i18n/codes';

const TOTAL = 200_000;

function entry(i: number, over: Partial<Entry> = {}): Entry {
  return {
    id: i + 1,
    kind: 'item',
    systemId: 1,
    resourceId: 1,
    dataId: `SYS01-T001-F${String(i + 1).padStart(6, '0')}`,
    systemName: '人口信息系统',
    resourceName: '居民基本信息表',
    itemName: `字段${i + 1}`,
    itemCode: `f${i + 1}`,
    description: '说明',
    industry: '政务',
    category1: '个人信息',
    category2: '个人基本资料',
    category3: '',
    category4: '',
    categoryCode: '2.01',
    processingDegree: '原始数据',
    impactObjects: '个人权益',
    impactDegree: '一般危害',
    level: '一般数据3级',
    rationale: '',
    isPersonalInfo: '是',
    isSensitivePersonalInfo: '否',
    recordCount: 1000,
    personCount: 1000,
    dataSource: '本单位采集',
    storageLocation: '政务云',
    sharing: '有条件共享',
    openness: '不予开放',
    updateFrequency: '每日',
    ownerDepartment: '信息科',
    ownerPerson: '张三',
    reviewedAt: '2026-01-02',
    suggestedLevel: '一般数据3级',
    levelSource: 'matrix',
    levelState: 'suggested',
    schemeId: 'gov',
    schemeVersion: 1,
    deleted: false,
    updatedAt: '2026-01-02T03:04:05.000Z',
    ...over,
  };
}

function detailOf(e: Entry): EntryDetail {
  return {
    entry: e,
    explanation: {
      level: e.suggestedLevel,
      contributions: [
        { source: 'matrix', object: '个人权益', degree: '一般危害', level: '一般数据2级' },
        { source: 'category', code: '2.01', level: '一般数据3级' },
      ],
      decisive: [{ source: 'category', code: '2.01', level: '一般数据3级' }],
    },
    history: [{ at: '2026-01-02T03:04:05.000Z', actor: '张三', from: '', to: '一般数据3级', source: 'matrix', state: 'suggested', reason: '' }],
    recognizerHits: [],
  };
}

const TREE: TreeSystem[] = [
  { id: 1, name: '人口信息系统', mlpsLevel: '第三级', resourceCount: 1, itemCount: TOTAL - 1, resources: [{ id: 1, dataId: 'SYS01-T001', name: '居民基本信息表', level: '一般数据3级', itemCount: TOTAL - 1 }] },
];

type Handler = (input: Record<string, unknown>) => Result<unknown>;

function fakeClient(overrides: Record<string, Handler> = {}) {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  const handlers: Record<string, Handler> = {
    'inventory.tree': () => ({ ok: true, value: TREE }),
    'inventory.undoState': () => ({ ok: true, value: { undo: null, redo: null } }),
    'scheme.list': () => ({ ok: true, value: [] }),
    'inventory.query': (input) => {
      const offset = input.offset as number;
      const limit = input.limit as number;
      const rows: Entry[] = [];
      for (let i = offset; i < Math.min(TOTAL, offset + limit); i++) rows.push(entry(i));
      return { ok: true, value: { total: TOTAL, rows } };
    },
    'inventory.get': (input) => ({ ok: true, value: detailOf(entry((input.id as number) - 1)) }),
    'inventory.confirmLevels': () => ({ ok: true, value: { batchId: 1, count: 2 } }),
    'inventory.undo': () => ({ ok: true, value: { label: '批量修改', count: 2 } }),
    'inventory.redo': () => ({ ok: true, value: null }),
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

async function renderInventory(client: Client) {
  const view = render(
    <ApiContext.Provider value={client}>
      <Inventory />
    </ApiContext.Provider>,
  );
  await waitFor(() => expect(view.getAllByTestId('grid-row').length).toBeGreaterThan(0));
  return view;
}

async function openedPanel(view: ReturnType<typeof render>) {
  return waitFor(() => {
    const panel = view.getByTestId('detail-panel');
    if (!panel.querySelector('#entry-level')) throw new Error('detail not loaded yet');
    return panel;
  });
}

beforeEach(() => {
  // Force a fresh inventory state for each test.
  useInventoryStore.setState({ workspacePath: '\u0000reset' });
  useViewStore.setState({ area: 'inventory', dirty: false, pending: null });
});
afterEach(() => {
  cleanup();
  useLangStore.getState().setLang('zh-CN');
});

describe('inventory grid: virtualisation', () => {
  it('asks only for the visible window of a 200,000-row inventory, also after scrolling far down', async () => {
    const { client, of } = fakeClient();
    const view = await renderInventory(client);
    const grid = view.getByTestId('inventory-grid');
    expect(grid.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    expect(view.getByTestId('grid-total').textContent).toContain('200000');
    // Let the delayed window fetch run: still only the first page.
    await act(async () => new Promise((r) => setTimeout(r, 80)));
    expect(of('inventory.query').map((c) => [c.input.offset, c.input.limit])).toEqual([[0, PAGE_SIZE]]);
    // The DOM holds only a window of rows, never 200,000.
    expect(view.getAllByTestId('grid-row').length).toBeLessThanOrEqual(40);
    const body = grid.querySelector('.inv-grid-body') as HTMLElement;
    expect(body.style.height).toBe(`${TOTAL * ROW_HEIGHT}px`);

    // Jump to row 150,000.
    grid.scrollTop = 150_000 * ROW_HEIGHT;
    fireEvent.scroll(grid);
    await waitFor(() => expect(view.getAllByTestId('grid-row').some((r) => r.getAttribute('data-id') === '150001')).toBe(true));
    const requested = of('inventory.query').map((c) => [c.input.offset, c.input.limit]);
    expect(requested).toEqual([
      [0, 100],
      [149_900, 100],
      [150_000, 100],
    ]);
    for (const c of of('inventory.query')) expect(c.input.limit as number).toBeLessThanOrEqual(500);
    const rows = view.getAllByTestId('grid-row');
    expect(rows.length).toBeLessThanOrEqual(40);
    const first = rows[0]!;
    expect(Number(first.getAttribute('aria-rowindex'))).toBeGreaterThan(149_000);
    expect(first.style.transform).toMatch(/translateY\(\d+px\)/);
  });

  it('refetches from the top with the new filter when a level chip is ticked', async () => {
    const { client, of } = fakeClient();
    const view = await renderInventory(client);
    fireEvent.click(view.getByTestId('filter-level-重要数据'));
    await waitFor(() => expect(of('inventory.query').some((c) => JSON.stringify(c.input.filter) === JSON.stringify({ levels: ['重要数据'] }))).toBe(true));
    const last = of('inventory.query').at(-1)!;
    expect(last.input.offset).toBe(0);
  });

  it('keeps at most MAX_PAGES pages (LRU) and computes the pages of a window', () => {
    const lru = new LruCache<number, string>(3);
    lru.set(1, 'a');
    lru.set(2, 'b');
    lru.set(3, 'c');
    lru.get(1);
    lru.set(4, 'd');
    expect(lru.keys()).toEqual([3, 1, 4]);
    expect(pagesFor(0, 35, 200_000)).toEqual([0]);
    expect(pagesFor(95, 130, 200_000)).toEqual([0, 1]);
    expect(pagesFor(199_990, 200_030, 200_000)).toEqual([1999]);
    expect(pagesFor(0, 30, 0)).toEqual([]);
  });
});

describe('inventory grid: selection', () => {
  it('sends {ids} for rows picked one by one and {filter} after Ctrl+A', async () => {
    const { client, of } = fakeClient();
    const view = await renderInventory(client);
    const checks = view.getAllByTestId('grid-row-check');
    fireEvent.click(checks[1]!);
    fireEvent.click(checks[3]!, { shiftKey: true });
    await waitFor(() => expect(view.getByTestId('bulk-count').textContent).toBe('已选择 3 条'));
    await act(async () => {
      fireEvent.click(view.getByTestId('bulk-confirm'));
    });
    expect(of('inventory.confirmLevels').at(-1)!.input).toEqual({ selection: { ids: [2, 3, 4] } });

    // ↓ then Space: the next row joins; Space again leaves it out.
    const grid = view.getByTestId('inventory-grid');
    grid.focus();
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: ' ' });
    expect(view.getByTestId('bulk-count').textContent).toBe('已选择 4 条');
    expect(grid.getAttribute('aria-activedescendant')).toBe('inv-row-4');
    fireEvent.keyDown(grid, { key: ' ' });
    expect(view.getByTestId('bulk-count').textContent).toBe('已选择 3 条');

    // Ctrl+A: everything matching the current filter.
    fireEvent.click(view.getByTestId('filter-state-suggested'));
    await waitFor(() => expect(view.queryByTestId('bulk-toolbar')).toBeNull());
    await waitFor(() => expect(of('inventory.query').some((c) => JSON.stringify(c.input.filter) === JSON.stringify({ states: ['suggested'] }))).toBe(true));
    fireEvent.keyDown(grid, { key: 'a', ctrlKey: true });
    expect(view.getByTestId('bulk-count').textContent).toBe('已选择全部 200000 条');
    await act(async () => {
      fireEvent.click(view.getByTestId('bulk-confirm'));
    });
    expect(of('inventory.confirmLevels').at(-1)!.input).toEqual({ selection: { filter: { states: ['suggested'] } } });
  });

  it('turns a selection into the API form', () => {
    expect(selectionForApi({ kind: 'ids', ids: new Set() })).toBeNull();
    expect(selectionForApi({ kind: 'ids', ids: new Set([5, 2]) })).toEqual({ ids: [2, 5] });
    expect(selectionForApi({ kind: 'all', filter: { systemId: 3, search: '身份证' }, total: 9 })).toEqual({ filter: { systemId: 3, search: '身份证' } });
  });
});

describe('inventory detail panel', () => {
  it('shows the refusal of a lowering without rationale next to 定级理由 and focuses it', async () => {
    const { client, of } = fakeClient({
      'inventory.update': () => ({
        ok: false,
        error: { code: 'LOWERING_NEEDS_RATIONALE', message_zh: '数据级别低于参考级别，须填写定级理由', message_en: 'A lowering needs a grading rationale' },
      }),
    });
    const view = await renderInventory(client);
    fireEvent.click(view.getAllByTestId('grid-row')[0]!);
    const panel = await openedPanel(view);
    // The explanation shows the contributions, the decisive one marked.
    const explanation = within(panel).getByTestId('explanation');
    expect(explanation.textContent).toContain('个人权益 × 一般危害');
    expect(within(explanation).getAllByTestId('explanation-decisive')).toHaveLength(1);
    expect(within(explanation).getByTestId('explanation-decisive').textContent).toContain('2.01');
    expect(within(panel).getAllByTestId('history-row')).toHaveLength(1);

    const level = panel.querySelector('#entry-level') as HTMLSelectElement;
    fireEvent.change(level, { target: { value: '一般数据2级' } });
    // A warning already says a reason is needed.
    expect(within(panel).getByTestId('detail-warning-rationale').textContent).toContain('定级理由');
    await act(async () => {
      fireEvent.click(within(panel).getByTestId('detail-save'));
    });
    expect(of('inventory.update').at(-1)!.input).toEqual({ id: 1, changes: { level: '一般数据2级' } });
    const err = within(panel).getByTestId('detail-error-rationale');
    expect(err.textContent).toContain('须填写定级理由');
    const rationale = panel.querySelector('#entry-rationale') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(rationale);
    expect(rationale.getAttribute('aria-invalid')).toBe('true');
    expect(rationale.getAttribute('aria-describedby')?.split(' ')).toContain(err.id);
    expect(rationale.parentElement).toBe(err.parentElement);
    // Unsaved edits are reported to the shell (leaving asks first).
    expect(useViewStore.getState().dirty).toBe(true);
  });

  it('edits 影响对象 as checkboxes joined with 、 and sends only the changed fields', async () => {
    const { client, of } = fakeClient({ 'inventory.update': (input) => ({ ok: true, value: detailOf(entry(0, { impactObjects: (input.changes as { impactObjects: string }).impactObjects })) }) });
    const view = await renderInventory(client);
    fireEvent.click(view.getAllByTestId('grid-row')[0]!);
    const panel = await openedPanel(view);
    fireEvent.click(within(panel).getByTestId('detail-impact-国家安全'));
    await act(async () => {
      fireEvent.click(within(panel).getByTestId('detail-save'));
    });
    expect(of('inventory.update').at(-1)!.input).toEqual({ id: 1, changes: { impactObjects: '国家安全、个人权益' } });
  });
});

describe('inventory undo / redo', () => {
  it('calls inventory.undo from the button and from Ctrl+Z outside text fields, then reloads', async () => {
    const { client, of } = fakeClient({ 'inventory.undoState': () => ({ ok: true, value: { undo: '批量修改 2 条', redo: null } }) });
    const view = await renderInventory(client);
    const undo = view.getByTestId('undo') as HTMLButtonElement;
    await waitFor(() => expect(undo.disabled).toBe(false));
    expect(undo.getAttribute('title')).toContain('批量修改 2 条');
    expect((view.getByTestId('redo') as HTMLButtonElement).disabled).toBe(true);
    const before = of('inventory.undoState').length;
    await act(async () => {
      fireEvent.click(undo);
    });
    expect(of('inventory.undo')).toHaveLength(1);
    expect(view.getByTestId('inventory-status').textContent).toContain('已撤销：批量修改');
    await waitFor(() => expect(of('inventory.undoState').length).toBeGreaterThan(before));

    // Ctrl+Z in the search box is the text field's own undo.
    const search = view.getByTestId('inventory-search');
    search.focus();
    fireEvent.keyDown(search, { key: 'z', ctrlKey: true });
    expect(of('inventory.undo')).toHaveLength(1);
    // Elsewhere it undoes.
    await waitFor(() => expect(undo.disabled).toBe(false));
    await act(async () => {
      fireEvent.keyDown(view.getByTestId('inventory-grid'), { key: 'z', ctrlKey: true });
    });
    expect(of('inventory.undo')).toHaveLength(2);
  });
});

describe('inventory form helpers and catalogue', () => {
  it('labels sheet-2 fields and code values exactly as the template', () => {
    for (const [f, header] of Object.entries(SHEET2_HEADERS)) expect(zhCN[ENTRY_FIELD_LABEL_KEYS[f as keyof typeof SHEET2_HEADERS]]).toBe(header);
    for (const l of LEVELS_43697) expect(zhCN[LEVEL_KEYS[l]]).toBe(l);
    for (const o of IMPACT_OBJECTS) expect(zhCN[IMPACT_OBJECT_KEYS[o]]).toBe(o);
    for (const d of IMPACT_DEGREES) expect(zhCN[IMPACT_DEGREE_KEYS[d]]).toBe(d);
    for (const d of DATA_SOURCES) expect(zhCN[DATA_SOURCE_KEYS[d]]).toBe(d);
    for (const d of UPDATE_FREQUENCIES) expect(zhCN[UPDATE_FREQUENCY_KEYS[d]]).toBe(d);
  });

  it('sends numbers as numbers, keeps untouched fields fresh on reload, maps error codes to fields', () => {
    const saved = toForm(entry(0));
    const values = { ...saved, recordCount: '42', personCount: '' };
    expect(formChanges(values, saved)).toEqual({ recordCount: 42, personCount: null });
    const reloaded = toForm(entry(0, { level: '一般数据4级', ownerDepartment: '新部门' }));
    const merged = mergeReload({ ...saved, ownerDepartment: '我改的' }, saved, reloaded);
    expect(merged.level).toBe('一般数据4级');
    expect(merged.ownerDepartment).toBe('我改的');
    expect(fieldErrorsFromError({ code: 'DATA_ID_TAKEN', message_zh: '编号已被使用', message_en: 'taken' })[0]!.field).toBe('dataId');
    expect(fieldErrorsFromError({ code: 'INVALID_FIELD', message_zh: 'x', message_en: 'x', details: { field: 'reviewedAt' } })[0]!.field).toBe('reviewedAt');
  });
});
