/** One unlocked workspace database and its repositories: the whole SQL surface services see. */
import type { Db } from './connection';
import { createAuditRepo } from './repos/audit-repo';
import { createCatalogRepo } from './repos/catalog-repo';
import { createImportRepo } from './repos/import-repo';
import { createFilingRepo } from './repos/filing-repo';
import { createFilingOutcomeRepo } from './repos/filing-outcome-repo';
import { createInventoryBatchRepo } from './repos/inventory-batch-repo';
import { createInventoryRepo } from './repos/inventory-repo';
import { createKeyRepo } from './repos/key-repo';
import { createMappingRepo } from './repos/mapping-repo';
import { createProfileRepo } from './repos/profile-repo';
import { createQualityRepo } from './repos/quality-repo';
import { createRiskRepo } from './repos/risk-repo';
import { createRecognizerRepo } from './repos/recognizer-repo';
import { createSchemeRepo } from './repos/scheme-repo';
import { createSchemeUsageRepo } from './repos/scheme-usage-repo';
import { createWorkspaceRepo } from './repos/workspace-repo';

/**
 * Connection settings for inventory-sized work, set when the store opens a workspace:
 * - a 64 MiB page cache, so that the grid's indexes stay decrypted in memory between queries
 *   (SQLCipher decrypts every page it reads; the default 2 MiB cache re-reads them all);
 * - checkpoints every 32 MiB of WAL instead of 4 MiB, so a bulk edit of 10,000 entries commits
 *   without copying the WAL back into the file each time (a checkpoint also runs on close).
 */
function tune(db: Db): void {
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 8192');
}

export function createStore(db: Db, now: () => Date = () => new Date()) {
  tune(db);
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  return {
    db,
    workspace: createWorkspaceRepo(db),
    audit: createAuditRepo(db, now),
    profile: createProfileRepo(db),
    inventory: createInventoryRepo(db),
    batches: createInventoryBatchRepo(db),
    schemes: createSchemeRepo(db),
    schemeUsage: createSchemeUsageRepo(db),
    catalog: createCatalogRepo(db),
    imports: createImportRepo(db),
    keys: createKeyRepo(db),
    filings: createFilingRepo(db),
    filingOutcomes: createFilingOutcomeRepo(db),
    recognizers: createRecognizerRepo(db),
    quality: createQualityRepo(db),
    risk: createRiskRepo(db),
    mappings: createMappingRepo(db),
    /**
     * Rows written through this connection since it opened (SQLite's total_changes()): any
     * insert, update or delete moves it, so a cached result computed from the data is stale when
     * the number has moved since.
     */
    changeCounter(): number {
      return Number(totalChanges.get());
    },
    /** Run fn in one IMMEDIATE transaction: all of it is written, or none. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
