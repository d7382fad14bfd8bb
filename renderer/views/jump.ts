/**
 * Moving between areas to one row and field: a quality finding to its sheet-2 entry in the 清单
 * detail panel or to its sheet-3 row in the catalog form; a catalog row to its resource in the
 * 清单; a resource to its identification questionnaire. The target area's store is set first,
 * then the view changes (asking first when the current page has unsaved changes).
 */
import type { Client } from '../../main/api/client';
import type { ErrorInfo } from '../../main/domain/errors';
import type { CatalogFields } from '../../main/domain/inventory';
import { useCatalogStore } from '../store/catalog';
import { useInventoryStore } from '../store/inventory';
import { useSessionStore } from '../store/session';
import { useViewStore } from '../store/view';

const workspacePath = () => useSessionStore.getState().status?.path;

/** The 清单 with the entry open in the detail panel and `field` focused (id `entry-<field>`). */
export async function openEntryInInventory(client: Client, entryId: number, field?: string | null): Promise<ErrorInfo | null> {
  const r = await client.invoke('inventory.get', { id: entryId });
  if (!r.ok) return r.error;
  const inv = useInventoryStore.getState();
  inv.resetFor(workspacePath());
  useInventoryStore.getState().showEntry(r.value.entry, field ?? null);
  useViewStore.getState().go('inventory');
  return null;
}

/** The catalog area with the resource's row in the form and `field` focused (id `catalog-<field>`). */
export function openCatalogRow(resourceId: number, field?: keyof CatalogFields | null, notice?: string): void {
  const cat = useCatalogStore.getState();
  cat.resetFor(workspacePath());
  useCatalogStore.getState().openRow(resourceId, field ?? null, notice);
  useViewStore.getState().go('catalog');
}

/** The identification questionnaire of a resource (in the catalog area). */
export function openIdentify(resourceId: number): void {
  const cat = useCatalogStore.getState();
  cat.resetFor(workspacePath());
  useCatalogStore.getState().openIdentify(resourceId);
  useViewStore.getState().go('catalog');
}
