import { describe, expect, it } from 'vitest';
import type { MappingColumnView } from '../../main/domain/sheets/mapping';
import { columnProblems, proposeMissing, rulesOf, valuesOf, type Choices } from '../../renderer/views/excel/mapping/model';
import { MAPPING_SYNONYMS as SYN } from '../../main/services/excel/mapping-synonyms';

const col = (index: number, header: string, distinct: [string, number][]): MappingColumnView => ({
  index, letter: String.fromCharCode(65 + index), header, samples: distinct.map((d) => d[0]).slice(0, 5), nonBlank: 0,
  distinct: distinct.map(([value, count]) => ({ value, count })), distinctMore: false, proposal: { target: '', confidence: 0, basis: 'none' },
});
const base: Choices = { targets: {}, values: {}, systemName: '', resourceName: '', prefix: 'MAP' };

describe('mapping wizard model', () => {
  const columns = [col(0, '表名', [['患者表', 3]]), col(1, '级别', [['三级', 2], ['机密', 1]]), col(2, '影响', [['个人权益、公共利益', 2], ['个人权益', 1]])];

  it('proposes codes only for values not decided yet', () => {
    const choices: Choices = { ...base, targets: { 0: 'resourceName', 1: 'level', 2: 'impactObjects' }, values: { level: { 机密: '重要数据' } } };
    const v = proposeMissing(columns, choices, SYN, new Set());
    expect(v.level).toEqual({ 机密: '重要数据', 三级: '一般数据3级' });
    expect(v.impactObjects).toEqual({ 个人权益: '个人权益', 公共利益: '公共利益' });
    // A target already seen by the officer is left alone.
    expect(proposeMissing(columns, { ...choices, values: {} }, SYN, new Set(['level'])).level).toBeUndefined();
  });

  it('counts the parts of multi-value cells', () => {
    expect(valuesOf(columns[2]!, 'impactObjects')).toEqual([{ value: '个人权益', count: 3 }, { value: '公共利益', count: 2 }]);
    expect(valuesOf(columns[1]!, 'level')).toHaveLength(2);
  });

  it('builds the rules: mapped columns in order, value maps of mapped code fields only, trimmed defaults', () => {
    const r = rulesOf({ ...base, targets: { 2: '', 1: 'level', 0: 'resourceName' }, values: { level: { 三级: '一般数据3级' }, storageLocation: { 云: '政务云' } }, systemName: ' HIS ', prefix: ' ' });
    expect(r).toEqual({ columns: [{ column: 0, target: 'resourceName' }, { column: 1, target: 'level' }], values: { level: { 三级: '一般数据3级' } }, defaults: { systemName: 'HIS', resourceName: '' }, dataIdPrefix: 'MAP' });
  });

  it('stops on a field chosen twice, or no way to name the resource', () => {
    expect(columnProblems({ ...base, targets: { 0: 'level', 1: 'level' }, resourceName: 'x' })).toEqual({ duplicate: 'level', needNames: false });
    expect(columnProblems({ ...base, targets: { 0: 'itemName' } }).needNames).toBe(true);
    expect(columnProblems({ ...base, targets: { 0: 'hierarchy' } }).needNames).toBe(false);
  });
});
