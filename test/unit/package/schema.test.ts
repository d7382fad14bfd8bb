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
