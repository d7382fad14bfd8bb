/**
 * The important-data catalog (sheet 3 of the filing template): the catalog rows in a paged, searchable table on
 * the left, the selected row's form with its findings on the right; a resource picker that opens
 * the important-data identification questionnaire, which takes the place of the table until it is
 * saved or left. Unsaved edits (form or questionnaire) are guarded like the other pages.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TreeSystem } from '../../../main/api/contract/inventory';
import type { CatalogEntry } from '../../../main/domain/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import { isLevel } from '../../../main/domain/levels';
import { useInvokeEffect } from '../../api/use-invoke';
import { usePick, useT } from '../../i18n/index';
import { PROPOSAL_KEYS } from '../../i18n/codes';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LevelBadge } from '../../components/LevelBadge';
import { Pager } from '../../components/Pager';
import { useWorkspaceScopedStore } from '../../store/workspace-scoped';
import { useViewStore } from '../../store/view';
import { CATALOG_PAGE_SIZE, useCatalogStore } from '../../store/catalog';
import { CatalogForm } from './CatalogForm';
import { Identify } from './Identify';
import { firstMissingRequired } from './catalog-form';

export function Catalog() {
  return useWorkspaceScopedStore(useCatalogStore) ? <CatalogPage /> : null;
}

type Pending = { kind: 'select'; id: number } | { kind: 'identify'; id: number };

function CatalogPage() {
  const t = useT();
  const pick = usePick();
  const search = useCatalogStore((s) => s.search);
  const offset = useCatalogStore((s) => s.offset);
  const selectedId = useCatalogStore((s) => s.selectedId);
  const identifyId = useCatalogStore((s) => s.identifyId);
  const revision = useCatalogStore((s) => s.revision);
  const notice = useCatalogStore((s) => s.notice);
  const setSearch = useCatalogStore((s) => s.setSearch);
  const setOffset = useCatalogStore((s) => s.setOffset);
  const select = useCatalogStore((s) => s.select);
  const openRow = useCatalogStore((s) => s.openRow);
  const openIdentify = useCatalogStore((s) => s.openIdentify);
  const closeIdentify = useCatalogStore((s) => s.closeIdentify);
  const clearNotice = useCatalogStore((s) => s.clearNotice);
  const changed = useCatalogStore((s) => s.changed);
  const setDirty = useViewStore((s) => s.setDirty);

  const [tree, setTree] = useState<TreeSystem[] | null>(null);
  const [data, setData] = useState<{ total: number; rows: CatalogEntry[] } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [formDirty, setFormDirty] = useState(false);
  const [identifyDirty, setIdentifyDirty] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [leaveIdentify, setLeaveIdentify] = useState(false);
  const [pickId, setPickId] = useState('');
  const [searchText, setSearchText] = useState(search);

  // A message left by the page that sent us here (a drafted row, a jump).
  useEffect(() => {
    if (notice) {
      setStatus(notice);
      clearNotice();
    }
  }, [notice, clearNotice]);

  useInvokeEffect(
    'inventory.tree',
    {},
    (r) => {
      if (r.ok) setTree(r.value);
      else setError(r.error);
    },
    [revision],
  );

  useInvokeEffect(
    'catalog.list',
    { offset, limit: CATALOG_PAGE_SIZE, ...(search ? { search } : {}) },
    (r) => {
      if (r.ok) setData(r.value);
      else setError(r.error);
    },
    [offset, search, revision],
  );

  // Search as the officer types, a moment after the last key.
  const searchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(searchTimer.current), []);
  const onSearch = (v: string) => {
    setSearchText(v);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(() => setSearch(v.trim()), 250);
  };

  const dirty = identifyId !== null ? identifyDirty : formDirty;
  useEffect(() => setDirty(dirty), [dirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);

  const resources = useMemo(() => (tree ?? []).flatMap((s) => s.resources.map((r) => ({ ...r, systemName: s.name }))), [tree]);
  const resourceLabel = (id: number) => {
    const r = resources.find((x) => x.id === id);
    return r ? t('identify.resourceLabel', { name: r.name, dataId: r.dataId }) : undefined;
  };

  const run = (p: Pending) => {
    if (p.kind === 'select') select(p.id);
    else openIdentify(p.id);
  };
  const request = (p: Pending) => {
    if (p.kind === 'select' && p.id === selectedId) return;
    if (formDirty) setPending(p);
    else run(p);
  };

  const onFormDirty = useCallback((d: boolean) => setFormDirty(d), []);
  const onIdentifyDirty = useCallback((d: boolean) => setIdentifyDirty(d), []);

  if (identifyId !== null)
    return (
      <div className="catalog-page catalog-identify" data-testid="catalog-page">
        <Identify
          key={identifyId}
          resourceId={identifyId}
          resourceLabel={resourceLabel(identifyId)}
          onDirtyChange={onIdentifyDirty}
          onClose={() => {
            if (identifyDirty) setLeaveIdentify(true);
            else closeIdentify();
          }}
          onDrafted={(entry, result) => {
            setIdentifyDirty(false);
            changed();
            const missing = firstMissingRequired(entry);
            openRow(entry.resourceId, missing, t('identify.draftedStatus', { proposal: t(PROPOSAL_KEYS[result.proposal]), name: entry.name || entry.dataId }));
          }}
        />
        {leaveIdentify ? (
          <ConfirmDialog
            title={t('dialog.unsavedTitle')}
            body={t('identify.unsavedBody')}
            confirmLabel={t('dialog.discard')}
            cancelLabel={t('dialog.stay')}
            onConfirm={() => {
              setLeaveIdentify(false);
              setIdentifyDirty(false);
              closeIdentify();
            }}
            onCancel={() => setLeaveIdentify(false)}
          />
        ) : null}
      </div>
    );

  const total = data?.total ?? null;
  const pickNumber = Number(pickId);

  return (
    <div className="catalog-page" data-testid="catalog-page">
      <div className="inv-head">
        <PageHeading>{t('catalog.heading')}</PageHeading>
        <span className="inv-total" data-testid="catalog-total" data-total={total ?? ''} aria-live="polite">
          {total === null ? t('common.loading') : t('catalog.total', { count: total })}
        </span>
      </div>
      <p className="muted catalog-intro">{t('catalog.intro')}</p>
      <div className="catalog-toolbar">
        <div className="catalog-search">
          <label htmlFor="catalog-search" className="sr-only">
            {t('catalog.searchLabel')}
          </label>
          <input
            id="catalog-search"
            type="search"
            className="inv-search"
            data-testid="catalog-search"
            placeholder={t('catalog.searchPlaceholder')}
            value={searchText}
            maxLength={100}
            onChange={(e) => onSearch(e.target.value)}
          />
        </div>
        <form
          className="catalog-identify-pick"
          onSubmit={(e) => {
            e.preventDefault();
            if (pickNumber > 0) request({ kind: 'identify', id: pickNumber });
          }}
        >
          <label htmlFor="identify-pick" className="field-label">
            {t('catalog.identifyPick')}
          </label>
          <select id="identify-pick" data-testid="identify-resource-pick" value={pickId} onChange={(e) => setPickId(e.target.value)} disabled={resources.length === 0}>
            <option value="">{resources.length === 0 ? t('catalog.noResources') : t('entry.select')}</option>
            {(tree ?? [])
              .filter((s) => s.resources.length > 0)
              .map((s) => (
                <optgroup key={s.id} label={s.name}>
                  {s.resources.map((r) => (
                    <option key={r.id} value={String(r.id)}>
                      {`${r.dataId} ${r.name}`}
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
          <button type="submit" className="btn btn-primary btn-small" data-testid="identify-open" disabled={!(pickNumber > 0)}>
            {t('catalog.identify')}
          </button>
        </form>
        <Status testId="catalog-page-status">{status}</Status>
      </div>
      {error ? <Alert testId="catalog-error">{pick(error)}</Alert> : null}
      <div className="catalog-layout">
        <section className="inv-pane catalog-table-pane" aria-labelledby="catalog-table-heading">
          <h2 id="catalog-table-heading" className="sr-only">
            {t('catalog.tableHeading')}
          </h2>
          {data && data.rows.length === 0 ? (
            <p className="muted catalog-empty" data-testid="catalog-empty">
              {search ? t('catalog.emptySearch') : t('catalog.empty')}
            </p>
          ) : (
            <table className="data-table catalog-table" data-testid="catalog-table">
              <thead>
                <tr>
                  <th scope="col">{t('catalog.col.dataId')}</th>
                  <th scope="col">{t('catalog.col.name')}</th>
                  <th scope="col">{t('catalog.col.level')}</th>
                  <th scope="col">{t('catalog.col.owner')}</th>
                </tr>
              </thead>
              <tbody>
                {(data?.rows ?? []).map((r) => (
                  <tr
                    key={r.resourceId}
                    data-testid="catalog-row"
                    data-resource-id={r.resourceId}
                    data-data-id={r.dataId}
                    className={r.resourceId === selectedId ? 'row-selected' : undefined}
                    aria-selected={r.resourceId === selectedId}
                    onClick={() => request({ kind: 'select', id: r.resourceId })}
                  >
                    <td className="mono nowrap">{r.dataId}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        data-testid="catalog-row-open"
                        aria-current={r.resourceId === selectedId ? 'true' : undefined}
                        onClick={(e) => {
                          e.stopPropagation();
                          request({ kind: 'select', id: r.resourceId });
                        }}
                      >
                        {r.name || t('common.none')}
                      </button>
                    </td>
                    <td>{isLevel(r.level) ? <LevelBadge level={r.level} /> : <span className="level-none">{t('common.none')}</span>}</td>
                    <td>{[r.department, r.person].filter(Boolean).join(' ') || t('common.none')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data ? <Pager offset={offset} limit={CATALOG_PAGE_SIZE} total={data.total} label={t('catalog.pagination')} testId="catalog-pager" onOffset={setOffset} /> : null}
        </section>
        <aside className="inv-pane catalog-form-pane" aria-label={t('catalog.formLabel')}>
          {selectedId !== null ? (
            <CatalogForm
              key={selectedId}
              resourceId={selectedId}
              revision={revision}
              onDirtyChange={onFormDirty}
              onStatus={setStatus}
              onSaved={() => changed()}
              onIdentify={(id) => request({ kind: 'identify', id })}
              onRemoved={(e) => {
                setFormDirty(false);
                select(null);
                setStatus(t('catalog.removedStatus', { name: e.name || e.dataId }));
                changed();
              }}
            />
          ) : (
            <p className="muted detail-empty" data-testid="catalog-form-empty">
              {t('catalog.formEmpty')}
            </p>
          )}
        </aside>
      </div>
      {pending ? (
        <ConfirmDialog
          title={t('dialog.unsavedTitle')}
          body={t('catalog.unsavedBody')}
          confirmLabel={t('dialog.discard')}
          cancelLabel={t('dialog.stay')}
          onConfirm={() => {
            const p = pending;
            setPending(null);
            setFormDirty(false);
            run(p);
          }}
          onCancel={() => setPending(null)}
        />
      ) : null}
    </div>
  );
}
