/**
 * 012: the filing export reads live entries as "each resource, then its items, by 数据编号"
 * straight from indexes, without sorting 100,000 wide rows: resources in 数据编号 order come from
 * entry_data_id, and each resource's entries from this index — the resource itself first
 * ('resource' sorts after 'item', hence DESC), then its items by 数据编号.
 */
import type { Migration } from './types';

export const migration012: Migration = {
  version: 12,
  name: 'export-order',
  up(db) {
    db.exec(`
      CREATE INDEX entry_export ON entry (resource_id, kind DESC, data_id) WHERE deleted_at IS NULL;
    `);
  },
};
