/**
 * The quality findings report (质量检查问题清单): every finding of the quality check as a row with
 * its dimension, severity, code, a pointer into the template exported at the same time, and the
 * message in both languages; the scores on a second sheet.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { appFactory } from '../../helpers/backend';
import { SHEET2_COLUMNS } from '../../../main/domain/sheets/layout';
import { FINDINGS_HEADER, FINDINGS_SHEET, SCORES_SHEET } from '../../../main/services/excel/findings-export';
import { demoWorkspace } from './helpers';

const apps = appFactory('ds-excel-findings-');

describe('findings report export', () => {
  it('lists every finding with a pointer that finds its row in the exported template, and the scores', async () => {
    const a = await demoWorkspace(apps, 60);
    // A finding that certainly exists: an empty 数据描述 on an item.
    const page = await a.app.call('inventory.query', { filter: {}, sort: 'dataId', desc: false, offset: 0, limit: 50 });
    const item = page.rows.find((e) => e.kind === 'item')!;
    await a.app.call('inventory.update', { id: item.id, changes: { description: '' } });

    const summary = await a.app.call('quality.summary', {});
    const file = path.join(apps.root, 'findings.xlsx');
    const r = await a.app.call('excel.exportFindings', { path: file });
    expect(r).toMatchObject({ path: file, findings: summary.errors + summary.warnings, errors: summary.errors, warnings: summary.warnings });
    expect(r.scores.overall).toBe(summary.scores.overall);

    const book = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    expect(book.SheetNames).toEqual([FINDINGS_SHEET, SCORES_SHEET]);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[FINDINGS_SHEET]!, { header: 1 });
    expect(rows[0]).toEqual([...FINDINGS_HEADER]);
    expect(rows).toHaveLength(r.findings + 1);
    expect(new Set(rows.slice(1).map((x) => x[2]))).toEqual(new Set(summary.warnings > 0 ? ['错误', '警告'] : ['错误']));

    // The pointer of the item's empty description: sheet 2, the 数据描述 column, the item's row.
    const descCol = SHEET2_COLUMNS.findIndex((c) => c.key === 'description');
    const mine = rows.find((x) => x[9] === item.dataId && x[7] === '数据描述');
    expect(mine, 'the finding about the emptied description').toBeTruthy();
    expect(mine![1]).toBe('完整性');
    expect(mine![3]).toBe('REQUIRED_MISSING');
    expect(String(mine![8])).toMatch(/^数据分类分级清单![A-Z]+\d+$/);
    expect(mine![6]).toBe(XLSX.utils.encode_col(descCol));
    expect(String(mine![11])).toMatch(/empty/i);

    // …and that row of a template exported now is the item's row.
    const tpl = path.join(apps.root, 'template.xlsx');
    await a.app.call('excel.export', { path: tpl });
    const sheet2 = XLSX.read(fs.readFileSync(tpl), { type: 'buffer' }).Sheets['数据分类分级清单']!;
    const dataIdCol = XLSX.utils.encode_col(SHEET2_COLUMNS.findIndex((c) => c.key === 'dataId'));
    expect(sheet2[`${dataIdCol}${mine![5]}`]?.v).toBe(item.dataId);
    expect(sheet2[String(mine![8]).split('!')[1]!]?.v ?? '').toBe('');

    const scores = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[SCORES_SHEET]!, { header: 1 });
    expect(scores[1]).toEqual(['总体', 'overall', Math.round(summary.scores.overall * 10) / 10]);
    const audit = await a.app.call('audit.list', { offset: 0, limit: 5 });
    expect(audit.entries.some((e: { action: string }) => e.action === 'excel.exportFindings')).toBe(true);
  });
});
