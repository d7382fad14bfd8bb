/**
 * Sample values from a file: the officer picks a spreadsheet or CSV, a sheet and a column (seen by
 * its header and up to three masked values), and the backend reads up to N values of that column
 * and counts the matches. No value comes back, and nothing but the counts is stored.
 */
import { useState, type FormEvent } from 'react';
import type { FileColumns, SampleFileScan } from '../../../main/domain/scheme-views';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { usePick, useT } from '../../i18n/index';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/FileChooser';

export const SAMPLE_FILE_LIMIT = 1000;

interface Props {
  entryId: number;
  label: string;
  /** Display name of a recogniser. */
  nameOf(id: string): string;
  onClose(): void;
  onScanned(hits: number): void;
}

export function SampleFileDialog({ entryId, label, nameOf, onClose, onScanned }: Props) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [file, setFile] = useState('');
  const [columns, setColumns] = useState<FileColumns | null>(null);
  const [sheet, setSheet] = useState('');
  const [column, setColumn] = useState<number | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SampleFileScan | null>(null);

  const open = async (e: FormEvent) => {
    e.preventDefault();
    if (!file.trim() || busy) return;
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await client.invoke('recognizer.fileColumns', { path: file.trim() });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      setColumns(null);
      return;
    }
    setColumns(r.value);
    setSheet(r.value.sheets[0]?.name ?? '');
    setColumn(null);
  };

  const scan = async () => {
    if (column === null || !sheet || busy) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('recognizer.scanSampleFile', { entryId, path: file.trim(), sheet, column, limit: SAMPLE_FILE_LIMIT });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    // The previews have done their job too.
    setColumns(null);
    setResult(r.value);
    onScanned(r.value.results.filter((x) => x.hit).length);
  };

  const current = columns?.sheets.find((s) => s.name === sheet);
  const matched = result?.results.filter((r) => r.matched > 0).sort((a, b) => Number(b.hit) - Number(a.hit) || b.matched - a.matched) ?? [];
  return (
    <Dialog title={t('sampleFile.title', { name: label })} testId="sample-file-dialog" onCancel={onClose} wide>
      <form noValidate className="form" onSubmit={(e) => void open(e)}>
        <p className="notice notice-info" data-testid="sample-file-privacy">
          {t('sampleFile.privacy', { max: SAMPLE_FILE_LIMIT })}
        </p>
        <PathField
          id="sample-file-path"
          label={t('sampleFile.file')}
          value={file}
          onChange={(v) => {
            setFile(v);
            setColumns(null);
            setResult(null);
          }}
          mode="open"
          extensions={['xlsx', 'xls', 'csv']}
        />
        <div className="actions">
          <button type="submit" className="btn btn-secondary" data-testid="sample-file-open" disabled={busy || !file.trim()}>
            {t('sampleFile.readColumns')}
          </button>
        </div>
        {columns ? (
          <div data-testid="sample-file-columns">
            {columns.sheets.length > 1 ? (
              <label className="inline-field">
                {t('sampleFile.sheet')}{' '}
                <select
                  data-testid="sample-file-sheet"
                  value={sheet}
                  onChange={(e) => {
                    setSheet(e.target.value);
                    setColumn(null);
                  }}
                >
                  {columns.sheets.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {current ? (
              <fieldset className="field">
                <legend className="field-label">{t('sampleFile.column', { row: current.headerRow })}</legend>
                <div className="table-wrap">
                  <table className="data-table">
                    <thead>
                      <tr>
                        <th scope="col">
                          <span className="sr-only">{t('sampleFile.choose')}</span>
                        </th>
                        <th scope="col">{t('sampleFile.col.column')}</th>
                        <th scope="col">{t('sampleFile.col.header')}</th>
                        <th scope="col">{t('sampleFile.col.preview')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {current.columns.map((c) => (
                        <tr key={c.index} data-testid="sample-file-column" data-header={c.header} data-letter={c.letter}>
                          <td>
                            <input
                              type="radio"
                              name="sample-file-column"
                              id={`sample-file-col-${c.index}`}
                              data-testid={`sample-file-col-${c.letter}`}
                              checked={column === c.index}
                              onChange={() => setColumn(c.index)}
                            />
                          </td>
                          <td className="mono">
                            <label htmlFor={`sample-file-col-${c.index}`}>{c.letter}</label>
                          </td>
                          <td>{c.header}</td>
                          <td className="mono muted">{c.preview.join('  ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </fieldset>
            ) : (
              <p className="muted">{t('sampleFile.empty')}</p>
            )}
          </div>
        ) : null}
        {error ? <Alert testId="sample-file-error">{pick(error)}</Alert> : null}
        {result ? (
          <div className="samples-result" role="status" data-testid="sample-file-result" data-read={result.read}>
            <p>{t('sampleFile.resultSummary', { read: result.read, sheet: result.sheet, column: result.column, hits: result.results.filter((r) => r.hit).length })}</p>
            {matched.length === 0 ? (
              <p className="muted">{t('samples.noMatch')}</p>
            ) : (
              <SampleResultTable results={matched} nameOf={nameOf} rowTestId="sample-file-result-row" />
            )}
          </div>
        ) : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" data-testid="sample-file-close" onClick={onClose}>
            {t('samples.close')}
          </button>
          <button type="button" className="btn btn-primary" data-testid="sample-file-scan" disabled={busy || column === null || !columns} aria-busy={busy} onClick={() => void scan()}>
            {busy ? t('samples.checking') : t('sampleFile.scan')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Per recogniser: matched / total, the ratio against its threshold, hit or not (pasted samples and samples from a file). */
export function SampleResultTable({ results, nameOf, rowTestId }: { results: readonly SampleFileScan['results'][number][]; nameOf(id: string): string; rowTestId: string }) {
  const t = useT();
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t('samples.col.recognizer')}</th>
          <th scope="col" className="num">
            {t('samples.col.matched')}
          </th>
          <th scope="col" className="num">
            {t('samples.col.ratio')}
          </th>
          <th scope="col">{t('samples.col.hit')}</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.recognizerId} data-testid={rowTestId} data-recognizer={r.recognizerId} data-hit={r.hit} data-matched={r.matched} data-total={r.total}>
            <td>{nameOf(r.recognizerId)}</td>
            <td className="num">{t('recognizer.matched', { matched: r.matched, total: r.total })}</td>
            <td className="num">{t('samples.ratio', { ratio: pct(r.ratio), threshold: pct(r.threshold) })}</td>
            <td>{r.hit ? <strong className="ok-text">{t('samples.hit')}</strong> : <span className="muted">{t('samples.noHit')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
