/**
 * What an import would change: counts per sheet (added, changed, no longer in the file,
 * unchanged, with blocking problems), then the rows that change, matched by the data ID, each
 * changed row a disclosure with its fields, old → new.
 */
import { useState } from 'react';
import type { ImportCounts, ImportPreview, PreviewRow } from '../../../main/domain/sheets/results';
import type { FieldChange } from '../../../main/domain/sheets/diff';
import { useLang, useT, type MessageKey } from '../../i18n/index';
import { CATALOG_FIELD_LABEL_KEYS, ENTRY_FIELD_LABEL_KEYS, FIELD_LABEL_KEYS, lookup } from '../../i18n/codes';

const ROWS_PAGE = 100;
const COUNT_KEYS: readonly (keyof ImportCounts)[] = ['added', 'changed', 'removed', 'unchanged', 'skipped'];
const SHEET_KEYS = { unit: 'excel.import.sheetKey.unit', inventory: 'excel.import.sheetKey.inventory', catalog: 'excel.import.sheetKey.catalog' } as const;

export function PreviewChanges({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const [limit, setLimit] = useState(ROWS_PAGE);
  const hasCatalog = preview.sheets.some((s) => s.key === 'catalog');
  const hasInventory = preview.sheets.some((s) => s.key === 'inventory');
  const rows = preview.rows.slice(0, limit);

  return (
    <section className="card excel-changes" aria-labelledby="excel-changes-heading" data-testid="excel-changes">
      <h2 id="excel-changes-heading">{t('excel.import.counts')}</h2>
      <table className="excel-table excel-counts">
        <thead>
          <tr>
            <th scope="col">{t('excel.problems.filter.sheet')}</th>
            {COUNT_KEYS.map((k) => (
              <th key={k} scope="col">
                {t(`excel.import.count.${k}` as MessageKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hasInventory ? <CountsRow testId="excel-counts-inventory" label={t(SHEET_KEYS.inventory)} counts={preview.counts} /> : null}
          {hasCatalog ? <CountsRow testId="excel-counts-catalog" label={t(SHEET_KEYS.catalog)} counts={preview.catalogCounts} /> : null}
        </tbody>
      </table>
      {preview.profileChanges.length > 0 ? (
        <p data-testid="excel-profile-changes">{t('excel.import.profileChanges', { count: preview.profileChanges.length })}</p>
      ) : null}

      <h3>{t('excel.import.rows')}</h3>
      {preview.rowsTotal === 0 ? <p className="muted">{t('excel.import.rowsNone')}</p> : null}
      {preview.rowsTotal > preview.rows.length ? <p className="hint">{t('excel.import.rowsTruncated', { shown: preview.rows.length, total: preview.rowsTotal })}</p> : null}
      <ul className="excel-rows" data-testid="excel-rows">
        {rows.map((r, i) => (
          <RowChange key={i} row={r} />
        ))}
      </ul>
      {preview.rows.length > limit ? (
        <button type="button" className="btn btn-ghost btn-small" data-testid="excel-rows-more" onClick={() => setLimit(limit + ROWS_PAGE * 5)}>
          {t('excel.import.showMore', { count: Math.min(ROWS_PAGE * 5, preview.rows.length - limit) })}
        </button>
      ) : null}
    </section>
  );
}

function CountsRow({ label, counts, testId }: { label: string; counts: ImportCounts; testId: string }) {
  return (
    <tr data-testid={testId} {...Object.fromEntries(COUNT_KEYS.map((k) => [`data-${k}`, counts[k]]))}>
      <th scope="row">{label}</th>
      {COUNT_KEYS.map((k) => (
        <td key={k} className="num">
          {counts[k]}
        </td>
      ))}
    </tr>
  );
}

function RowChange({ row }: { row: PreviewRow }) {
  const t = useT();
  const title = (
    <>
      <span className={`badge excel-status-${row.status}`}>{t(`excel.import.status.${row.status}` as MessageKey)}</span>{' '}
      <span className="muted">{t(`excel.import.kind.${row.kind}` as MessageKey)}</span> <strong>{row.dataId}</strong> {row.name}
      {row.row > 0 ? <span className="muted"> · {row.sheet} {t('excel.import.row.at', { row: row.row })}</span> : null}
      {row.changes.length > 0 && row.status !== 'added' ? <span className="muted"> · {t('excel.import.fieldsChanged', { count: row.changes.length })}</span> : null}
    </>
  );
  if (row.status !== 'changed' || row.changes.length === 0)
    return (
      <li data-testid="excel-row" data-status={row.status} data-id={row.dataId}>
        {title}
      </li>
    );
  return (
    <li data-testid="excel-row" data-status={row.status} data-id={row.dataId}>
      <details>
        <summary>{title}</summary>
        <table className="excel-table excel-diff">
          <tbody>
            {row.changes.map((c) => (
              <ChangeLine key={c.field} change={c} kind={row.kind} />
            ))}
          </tbody>
        </table>
      </details>
    </li>
  );
}

function ChangeLine({ change, kind }: { change: FieldChange; kind: PreviewRow['kind'] }) {
  const t = useT();
  const lang = useLang();
  const map: Record<string, MessageKey> = kind === 'catalog' ? CATALOG_FIELD_LABEL_KEYS : kind === 'profile' ? FIELD_LABEL_KEYS : ENTRY_FIELD_LABEL_KEYS;
  const key = lang === 'en' ? lookup(map, change.field) : undefined;
  const show = (v: string | number | null) => (v === null || v === '' ? <span className="muted">{t('excel.import.empty')}</span> : String(v));
  return (
    <tr data-testid="excel-change" data-field={change.field}>
      <th scope="row">{key ? t(key) : change.header}</th>
      <td className="excel-old">{show(change.before)}</td>
      <td aria-hidden="true">→</td>
      <td className="excel-new">{show(change.after)}</td>
    </tr>
  );
}
