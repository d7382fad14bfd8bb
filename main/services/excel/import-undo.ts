/**
 * Undo and redo of what an import changed besides entries (migration 011): each catalog row and
 * the unit profile are put back to their state before (undo) or after (redo) the import. Runs
 * inside the inventory service's undo transaction.
 */
import type { CatalogFields } from '../../domain/inventory';
import type { UnitProfile } from '../../domain/profile';
import type { CatalogRow } from '../../db/repos/catalog-repo';
import type { SideChangeRow } from '../../db/repos/inventory-batch-repo';
import type { Store } from '../../db/store';

type CatalogState = { fields: Partial<CatalogFields>; answers: CatalogRow['answers']; listed: boolean } | null;

/** Apply the side changes of a batch (in reverse order for undo); returns how many there were. */
export function applySideChanges(store: Store, batchId: number, kind: 'undo' | 'redo', at: string): number {
  const rows: SideChangeRow[] = store.batches.sideChanges(batchId);
  if (kind === 'undo') rows.reverse();
  for (const c of rows) {
    const json = kind === 'undo' ? c.beforeJson : c.afterJson;
    if (c.target === 'profile') {
      store.profile.save(JSON.parse(json) as UnitProfile, at);
    } else {
      const state = JSON.parse(json) as CatalogState;
      const cur = store.catalog.get(c.targetId);
      // No row before the import: out of the catalog again (the identification answers stay as they are now).
      if (state === null) store.catalog.put({ resourceId: c.targetId, fields: {}, answers: cur?.answers ?? {}, listed: false, updatedAt: at });
      else store.catalog.put({ resourceId: c.targetId, fields: state.fields, answers: state.answers, listed: state.listed, updatedAt: at });
    }
  }
  return rows.length;
}
