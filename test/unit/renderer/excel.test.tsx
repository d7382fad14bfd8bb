// @vitest-environment jsdom
/** The import's problem list: cells as Excel writes them, grouped by sheet and code, filters, both languages. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import type { ImportProblem } from '../../../main/domain/sheets/problems';
import { ProblemList } from '../../../renderer/views/excel/ProblemList';
import { cellRef } from '../../../renderer/views/excel/format';
import { useLangStore } from '../../../renderer/store/lang';

afterEach(() => {
  cleanup();
  useLangStore.getState().setLang('zh-CN');
});

const p = (over: Partial<ImportProblem>): ImportProblem => ({
  sheet: '数据分类分级清单', sheetKey: 'inventory', row: 12, column: 'N', header: '数据加工程度', code: 'VALUE_NOT_IN_LIST', severity: 'blocking',
  message_zh: '不在代码表中', message_en: 'not in its code list', ...over,
});

const PROBLEMS: ImportProblem[] = [
  p({}),
  p({ row: 5, column: 'AF', header: '最近复核日期', code: 'DATE_INVALID', message_zh: '不是有效日期', message_en: 'not a valid date' }),
  p({ row: 7, column: 'N' }),
  p({ sheet: '重要数据目录', sheetKey: 'catalog', row: 0, column: '', header: '', code: 'SHEET_MISSING', severity: 'warning', message_zh: '没有该工作表', message_en: 'no such sheet' }),
];

describe('cellRef', () => {
  it('writes a cell, a row and a sheet as Excel does', () => {
    expect(cellRef({ sheet: 'Sheet2', row: 12, column: 'F' })).toBe('Sheet2!F12');
    expect(cellRef({ sheet: '数据分类分级清单', row: 3, column: '' })).toBe('数据分类分级清单!3:3');
    expect(cellRef({ sheet: 'My Sheet', row: 2, column: 'AB' })).toBe("'My Sheet'!AB2");
    expect(cellRef({ sheet: '重要数据目录', row: 0, column: '' })).toBe('重要数据目录');
  });
});

describe('ProblemList', () => {
  it('groups by sheet and code with counts, points at cells, and filters by severity, sheet and code', () => {
    const view = render(<ProblemList problems={PROBLEMS} total={4} blocking={3} warnings={1} />);
    const sheets = view.getAllByTestId('excel-problem-sheet').map((e) => e.getAttribute('data-sheet'));
    expect(sheets).toEqual(['数据分类分级清单', '重要数据目录']);
    const groups = view.getAllByTestId('excel-problem-group').map((g) => [g.getAttribute('data-code'), g.getAttribute('data-count')]);
    expect(groups).toEqual([['VALUE_NOT_IN_LIST', '2'], ['DATE_INVALID', '1'], ['SHEET_MISSING', '1']]);
    expect(view.getAllByTestId('excel-problem').map((e) => e.getAttribute('data-cell'))).toEqual(['数据分类分级清单!N12', '数据分类分级清单!N7', '数据分类分级清单!AF5', '重要数据目录']);
    expect(view.getByTestId('excel-problems-summary').textContent).toContain('阻断 3 个');

    fireEvent.change(view.getByTestId('excel-filter-severity'), { target: { value: 'warning' } });
    expect(view.getAllByTestId('excel-problem')).toHaveLength(1);
    fireEvent.change(view.getByTestId('excel-filter-severity'), { target: { value: '' } });
    fireEvent.change(view.getByTestId('excel-filter-sheet'), { target: { value: '数据分类分级清单' } });
    fireEvent.change(view.getByTestId('excel-filter-code'), { target: { value: 'DATE_INVALID' } });
    expect(view.getAllByTestId('excel-problem').map((e) => e.getAttribute('data-cell'))).toEqual(['数据分类分级清单!AF5']);
    expect(view.getByTestId('excel-problems-shown').textContent).toContain('1 / 4');
    fireEvent.click(view.getByTestId('excel-filter-clear'));
    expect(view.getAllByTestId('excel-problem')).toHaveLength(4);
  });

  it('speaks the interface language', () => {
    act(() => useLangStore.getState().setLang('en'));
    const view = render(<ProblemList problems={PROBLEMS} total={4} blocking={3} warnings={1} />);
    expect(view.getAllByTestId('excel-problem')[0]!.textContent).toContain('not in its code list');
    expect(view.getByTestId('excel-problems-summary').textContent).toBe('4 problems: 3 blocking, 1 warnings');
  });
});
