/**
 * The published JSON Schemas (docs/package-schema/*.schema.json) are exactly what the zod schemas
 * of main/domain/package/schema.ts generate. After changing a schema, regenerate them with
 * `UPDATE_PACKAGE_SCHEMAS=1 npx vitest run --project unit test/unit/package/schema.test.ts`
 * (and raise PACKAGE_SCHEMA_VERSION when the change is not backward compatible).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { payloadJsonSchemas, profileFileSchema, inventoryFileSchema, catalogFileSchema, EMPTY_CATALOG_FIELDS } from '../../../main/domain/package/index';

const dir = path.resolve(__dirname, '../../../docs/package-schema');

describe('published JSON Schemas of the package payload', () => {
  const schemas = payloadJsonSchemas();
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}.schema.json matches the zod schema`, () => {
      const file = path.join(dir, `${name}.schema.json`);
      const text = JSON.stringify(schema, null, 2) + '\n';
      if (process.env.UPDATE_PACKAGE_SCHEMAS) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(file, text);
      }
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    });
  }

  it('schemas are strict: unknown keys are refused, required keys required', () => {
    expect(profileFileSchema.safeParse({ format: 'datasteward-profile/1', profile: {} }).success).toBe(false);
    expect(inventoryFileSchema.safeParse({ format: 'datasteward-inventory/1', systems: [], entries: [], extra: 1 }).success).toBe(false);
    expect(inventoryFileSchema.safeParse({ format: 'datasteward-inventory/1', systems: [], entries: [] }).success).toBe(true);
    expect(catalogFileSchema.safeParse({ format: 'datasteward-catalog/1', entries: [{ dataId: 'R1', inventoryLevel: '重要数据', ...EMPTY_CATALOG_FIELDS }] }).success).toBe(true);
    expect(catalogFileSchema.safeParse({ format: 'datasteward-catalog/2', entries: [] }).success).toBe(false);
  });
});

describe('the fast row check agrees with the zod schema', () => {
  const row = {
    kind: 'item', dataId: 'R1-F1', resourceDataId: 'R1', systemName: '系统', resourceName: '表', itemName: '姓名', itemCode: 'XM', description: '字段',
    industry: '卫生健康', category1: '', category2: '', category3: '', category4: '', categoryCode: '1.01', processingDegree: '原始数据',
    impactObjects: '个人权益', impactDegree: '严重危害', level: '一般数据3级', suggestedLevel: '一般数据3级', levelSource: 'matrix', levelState: 'suggested',
    rationale: '', isPersonalInfo: '是', isSensitivePersonalInfo: '否', recordCount: 10, personCount: null, dataSource: '', storageLocation: '', sharing: '',
    openness: '', updateFrequency: '', ownerDepartment: '', ownerPerson: '', reviewedAt: '', schemeId: 's', schemeVersion: 1,
  };
  const entrySchema = inventoryFileSchema.shape.entries.element;
  const sorted = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
  const variants: [string, Record<string, unknown>][] = [['valid', row]];
  for (const k of Object.keys(row)) {
    for (const bad of [undefined, null, 0, -1, 1.5, '', 'x'.repeat(2001), '不在列表中', true, [], {}, 1e16]) {
      const r: Record<string, unknown> = { ...row, [k]: bad };
      if (bad === undefined) delete r[k];
      variants.push([`${k}=${JSON.stringify(bad)?.slice(0, 20)}`, r]);
    }
  }
  variants.push(['extra key', { ...row, extra: 1 }], ['array', [] as never], ['dataId 100', { ...row, dataId: 'x'.repeat(100) }], ['dataId 101', { ...row, dataId: 'x'.repeat(101) }]);

  it(`on ${variants.length} valid and altered rows, in canonical key order and not`, async () => {
    const { checkEntryRow } = await import('../../../main/domain/package/index');
    for (const [name, r] of variants) {
      const z = entrySchema.safeParse(r).success;
      expect(checkEntryRow(r) === undefined, `${name} (insertion order)`).toBe(z);
      if (!Array.isArray(r)) expect(checkEntryRow(sorted(r)) === undefined, `${name} (sorted)`).toBe(z);
    }
  });
});
