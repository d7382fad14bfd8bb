/**
 * The inventory: systems → resources on the left, the virtualised grid of entries in the centre, the
 * focused entry on the right. Filters and search above; with a selection, a bulk toolbar;
 * undo / redo always (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y outside text fields). After any change the
 * grid window, the tree, the detail and the undo state reload (one revision counter).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Selection, TreeSystem } from '../../../main/api/contract/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { usePick, useT } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useWorkspaceScopedStore } from '../../store/workspace-scoped';
import { useViewStore } from '../../store/view';
import { effectiveFilter, selectionCount, selectionForApi, useInventoryStore } from '../../store/inventory';
import { useEntryPages } from './entry-pages';
import { EntryGrid } from './EntryGrid';
import { InventoryTree } from './InventoryTree';
import { FiltersBar } from './FiltersBar';
import { DetailPanel } from './DetailPanel';
import { BulkEditDialog } from './BulkEditDialog';
import { AddItemDialog, AddResourceDialog, AddSystemDialog } from './AddDialogs';
import { useSchemes } from './schemes';

type DialogKind = 'system' | 'resource' | 'item' | 'bulk' | 'delete' | null;

/** Keys typed here are text, not commands. */
function isTextTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  return false;
}

export function Inventory() {
  return useWorkspaceScopedStore(useInventoryStore) ? <InventoryPage /> : null;
}

function InventoryPage() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const node = useInventoryStore((s) => s.node);
  const filters = useInventoryStore((s) => s.filters);
  const sort = useInventoryStore((s) => s.sort);
  const desc = useInventoryStore((s) => s.desc);
  const selection = useInventoryStore((s) => s.selection);
  const detailId = useInventoryStore((s) => s.detailId);
  const revision = useInventoryStore((s) => s.revision);
  const setNode = useInventoryStore((s) => s.setNode);
  const setDetailId = useInventoryStore((s) => s.setDetailId);
  const clearSelection = useInventoryStore((s) => s.clearSelection);
  const changed = useInventoryStore((s) => s.changed);
  const setDirty = useViewStore((s) => s.setDirty);

  const [tree, setTree] = useState<TreeSystem[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [undoState, setUndoState] = useState<{ undo: string | null; redo: string | null }>({ undo: null, redo: null });
  const [dialog, setDialog] = useState<DialogKind>(null);
  const [busy, setBusy] = useState(false);
  const [detailDirty, setDetailDirty] = useState(false);
  const [pendingDetail, setPendingDetail] = useState<{ id: number; focus: boolean } | null>(null);
  const [focusDetail, setFocusDetail] = useState(false);
  const schemes = useSchemes(client);

  const filter = useMemo(() => effectiveFilter(node, filters), [node, filters]);
  const query = useMemo(() => ({ filter, sort, desc }), [filter, sort, desc]);
  const queryKey = useMemo(() => JSON.stringify(query), [query]);
  const pages = useEntryPages(client, query, revision);
  const count = selectionCount(selection);
  const apiSelection = selectionForApi(selection);
  const deletedView = filters.deleted === true;

  // Tree and undo state follow every change.
  useEffect(() => {
    let live = true;
    void client.invoke('inventory.tree', {}).then((r) => {
      if (!live) return;
      if (r.ok) setTree(r.value);
      else setError(r.error);
    });
    void client.invoke('inventory.undoState', {}).then((r) => {
      if (live && r.ok) setUndoState(r.value);
    });
    return () => {
      live = false;
    };
  }, [client, revision]);

  // Unsaved edits in the detail panel: leaving the page asks first.
  useEffect(() => setDirty(detailDirty), [detailDirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);

  const openDetail = useCallback(
    (id: number, focus: boolean) => {
      if (id === detailId) {
        if (focus) document.getElementById('entry-dataId')?.focus();
        return;
      }
      if (detailDirty) {
        setPendingDetail({ id, focus });
        return;
      }
      setFocusDetail(focus);
      setDetailId(id);
    },
    [detailId, detailDirty, setDetailId],
  );

  const done = (message: string) => {
    setError(null);
    setStatus(message);
    changed();
  };

  const runBatch = async (kind: 'confirm' | 'delete' | 'restore') => {
    if (!apiSelection || busy) return;
    setBusy(true);
    const r =
      kind === 'confirm'
        ? await client.invoke('inventory.confirmLevels', { selection: apiSelection })
        : kind === 'delete'
          ? await client.invoke('inventory.delete', { selection: apiSelection })
          : await client.invoke('inventory.restore', { selection: apiSelection });
    setBusy(false);
    setDialog(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    if (kind !== 'confirm') clearSelection();
    done(t(kind === 'confirm' ? 'bulk.confirmedStatus' : kind === 'delete' ? 'bulk.deletedStatus' : 'bulk.restoredStatus', { count: r.value.count }));
  };

  /** Field-name recognisers over the selection (or everything the filter matches). */
  const scanNames = async (sel: Selection) => {
    if (busy) return;
    setBusy(true);
    const r = await client.invoke('recognizer.scanNames', { selection: sel });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    done(t('bulk.scanNamesStatus', { scanned: r.value.scanned, withHits: r.value.withHits }));
  };

  const undoRedo = useCallback(
    async (which: 'undo' | 'redo') => {
      if (busy) return;
      setBusy(true);
      const r = await client.invoke(which === 'undo' ? 'inventory.undo' : 'inventory.redo', {});
      setBusy(false);
      if (!r.ok) {
        setError(r.error);
        return;
      }
      if (r.value === null) {
        setStatus(t(which === 'undo' ? 'undo.nothing' : 'redo.nothing'));
        return;
      }
      setError(null);
      setStatus(t(which === 'undo' ? 'undo.done' : 'redo.done', { label: r.value.label, count: r.value.count }));
      changed();
    },
    [busy, client, t, changed],
  );

  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, outside text fields and dialogs.
  const keyRef = useRef({ undoRedo, dialog, undoState });
  useEffect(() => {
    keyRef.current = { undoRedo, dialog, undoState };
  }, [undoRedo, dialog, undoState]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextTarget(e.target)) return;
      const { undoRedo: run, dialog: open } = keyRef.current;
      if (open || useViewStore.getState().pending) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        void run('undo');
      } else if ((k === 'z' && e.shiftKey) || k === 'y') {
        e.preventDefault();
        void run('redo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const total = pages.total;
  const treeSystemId = node.kind === 'system' ? node.id : node.kind === 'resource' ? node.systemId : undefined;
  const treeResourceId = node.kind === 'resource' ? node.id : undefined;
  const hasResources = (tree ?? []).some((s) => s.resources.length > 0);
  const onDirtyChange = useCallback((d: boolean) => setDetailDirty(d), []);

  return (
    <div className="inventory-page" data-testid="inventory-page">
      <div className="inv-head">
        <PageHeading>{t('inventory.heading')}</PageHeading>
        <span className="inv-total" data-testid="grid-total" data-total={total ?? ''} aria-live="polite">
          {total === null ? t('common.loading') : t(deletedView ? 'inventory.totalDeleted' : 'inventory.total', { count: total })}
        </span>
        <div className="inv-head-tools" role="toolbar" aria-label={t('undo.toolbar')}>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            data-testid="undo"
            disabled={!undoState.undo || busy}
            title={undoState.undo ? t('undo.title', { label: undoState.undo }) : t('undo.none')}
            aria-label={undoState.undo ? t('undo.title', { label: undoState.undo }) : t('undo.label')}
            onClick={() => void undoRedo('undo')}
          >
            <span aria-hidden="true">↶</span> {t('undo.label')}
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-small"
            data-testid="redo"
            disabled={!undoState.redo || busy}
            title={undoState.redo ? t('redo.title', { label: undoState.redo }) : t('redo.none')}
            aria-label={undoState.redo ? t('redo.title', { label: undoState.redo }) : t('redo.label')}
            onClick={() => void undoRedo('redo')}
          >
            <span aria-hidden="true">↷</span> {t('redo.label')}
          </button>
        </div>
      </div>
      <FiltersBar />
      <div className="inv-bar">
        {count > 0 && apiSelection ? (
          <div className="bulk-toolbar" role="toolbar" aria-label={t('bulk.toolbar')} data-testid="bulk-toolbar">
            <span className="bulk-count" data-testid="bulk-count" data-count={count} data-all={selection.kind === 'all'}>
              {selection.kind === 'all' ? t('bulk.allSelected', { count }) : t('bulk.selected', { count })}
            </span>
            {deletedView ? (
              <button type="button" className="btn btn-primary btn-small" data-testid="bulk-restore" disabled={busy} onClick={() => void runBatch('restore')}>
                {t('bulk.restore')}
              </button>
            ) : (
              <>
                <button type="button" className="btn btn-primary btn-small" data-testid="bulk-edit" disabled={busy} onClick={() => setDialog('bulk')}>
                  {t('bulk.edit')}
                </button>
                <button type="button" className="btn btn-secondary btn-small" data-testid="bulk-confirm" disabled={busy} onClick={() => void runBatch('confirm')}>
                  {t('bulk.confirm')}
                </button>
                <button type="button" className="btn btn-secondary btn-small" data-testid="bulk-scan-names" disabled={busy} title={t('bulk.scanNamesTitle')} onClick={() => void scanNames(apiSelection)}>
                  {t('bulk.scanNames')}
                </button>
                <button type="button" className="btn btn-danger btn-small" data-testid="bulk-delete" disabled={busy} onClick={() => setDialog('delete')}>
                  {t('bulk.delete')}
                </button>
              </>
            )}
            <button type="button" className="btn btn-ghost btn-small" data-testid="bulk-clear" onClick={clearSelection}>
              {t('bulk.clear')}
            </button>
          </div>
        ) : (
          <>
            {!deletedView && total ? (
              <button
                type="button"
                className="btn btn-secondary btn-small"
                data-testid="bulk-scan-names"
                disabled={busy}
                title={t('bulk.scanNamesTitle')}
                onClick={() => void scanNames({ filter })}
              >
                {t('bulk.scanNamesAll', { count: total })}
              </button>
            ) : null}
            <span className="muted inv-hint">{t('inventory.keysHint')}</span>
          </>
        )}
        <Status testId="inventory-status">{status}</Status>
      </div>
      {error ? <Alert testId="inventory-error">{pick(error)}</Alert> : null}
      {pages.error ? <Alert testId="grid-error">{pick(pages.error)}</Alert> : null}
      <div className="inv-layout">
        <aside className="inv-pane inv-tree-pane" aria-labelledby="inv-tree-heading">
          <div className="pane-head">
            <h2 id="inv-tree-heading">{t('tree.heading')}</h2>
          </div>
          <div className="tree-actions">
            <button type="button" className="btn btn-secondary btn-small" data-testid="add-system" title={t('add.systemTitle')} aria-label={t('add.systemTitle')} onClick={() => setDialog('system')}>
              {t('add.system')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" data-testid="add-resource" title={t('add.resourceTitle')} aria-label={t('add.resourceTitle')} disabled={!tree || tree.length === 0} onClick={() => setDialog('resource')}>
              {t('add.resource')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" data-testid="add-item" title={t('add.itemTitle')} aria-label={t('add.itemTitle')} disabled={!hasResources} onClick={() => setDialog('item')}>
              {t('add.item')}
            </button>
          </div>
          <InventoryTree systems={tree} selected={node} onSelect={setNode} labelledBy="inv-tree-heading" />
        </aside>
        <section className="inv-pane inv-grid-pane" aria-labelledby="inv-grid-heading">
          <h2 id="inv-grid-heading" className="sr-only">
            {t('grid.heading')}
          </h2>
          <EntryGrid pages={pages} filter={filter} queryKey={queryKey} deletedView={deletedView} onOpen={openDetail} labelledBy="inv-grid-heading" />
        </section>
        <aside className="inv-pane inv-detail-pane" aria-label={t('detail.label')}>
          {detailId !== null ? (
            <DetailPanel
              key={detailId}
              id={detailId}
              revision={revision}
              schemes={schemes}
              focusOnLoad={focusDetail}
              onChanged={changed}
              onDirtyChange={onDirtyChange}
              onStatus={setStatus}
            />
          ) : (
            <p className="muted detail-empty" data-testid="detail-empty">
              {t('detail.empty')}
            </p>
          )}
        </aside>
      </div>
      {dialog === 'system' ? (
        <AddSystemDialog
          onCancel={() => setDialog(null)}
          onDone={(s) => {
            setDialog(null);
            setNode({ kind: 'system', id: s.id });
            done(t('add.systemDone', { name: s.name }));
          }}
        />
      ) : null}
      {dialog === 'resource' && tree ? (
        <AddResourceDialog
          systems={tree}
          systemId={treeSystemId}
          onCancel={() => setDialog(null)}
          onDone={(e) => {
            setDialog(null);
            setNode({ kind: 'resource', id: e.id, systemId: e.systemId });
            setFocusDetail(false);
            setDetailId(e.id);
            done(t('add.resourceDone', { name: e.resourceName, dataId: e.dataId }));
          }}
        />
      ) : null}
      {dialog === 'item' && tree ? (
        <AddItemDialog
          systems={tree}
          resourceId={treeResourceId}
          onCancel={() => setDialog(null)}
          onDone={(e) => {
            setDialog(null);
            if (node.kind !== 'all' && !(node.kind === 'resource' && node.id === e.resourceId) && !(node.kind === 'system' && node.id === e.systemId))
              setNode({ kind: 'resource', id: e.resourceId, systemId: e.systemId });
            setFocusDetail(false);
            setDetailId(e.id);
            done(t('add.itemDone', { name: e.itemName, dataId: e.dataId }));
          }}
        />
      ) : null}
      {dialog === 'bulk' && apiSelection ? (
        <BulkEditDialog
          selection={apiSelection}
          count={count}
          schemes={schemes}
          onCancel={() => setDialog(null)}
          onDone={(n) => {
            setDialog(null);
            done(t('bulk.editedStatus', { count: n }));
          }}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title={t('bulk.deleteTitle')}
          body={t('bulk.deleteBody', { count })}
          confirmLabel={t('bulk.deleteConfirm', { count })}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void runBatch('delete')}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      {pendingDetail ? (
        <ConfirmDialog
          title={t('dialog.unsavedTitle')}
          body={t('detail.unsavedBody')}
          confirmLabel={t('dialog.discard')}
          cancelLabel={t('dialog.stay')}
          onConfirm={() => {
            const p = pendingDetail;
            setPendingDetail(null);
            setDetailDirty(false);
            setFocusDetail(p.focus);
            setDetailId(p.id);
          }}
          onCancel={() => setPendingDetail(null)}
        />
      ) : null}
    </div>
  );
}
