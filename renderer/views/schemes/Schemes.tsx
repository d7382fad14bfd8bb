/**
 * Classification rules: the installed schemes with their versions, which one is in
 * use for each industry and how many entries each version graded; a version read only (level set,
 * category tree, matrix, rules); import of a scheme file (JSON or the xlsx layout) previewed with
 * its problems before anything is installed; activation of a version with the regrade it causes;
 * export as JSON or xlsx. Below, the recogniser pack in use.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SchemeOverview } from '../../../main/domain/scheme-views';
import type { SchemeDefinition } from '../../../main/domain/scheme';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT, type MessageKey } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { ActivateDialog, ExportSchemeDialog, ImportSchemeDialog } from './SchemeDialogs';
import { RecognizerPackSection } from './RecognizerPack';
import { SchemeDetail } from './SchemeDetail';

const ORIGIN_KEYS: Record<SchemeOverview['versions'][number]['origin'], MessageKey> = {
  builtin: 'schemes.origin.builtin',
  import: 'schemes.origin.import',
  edit: 'schemes.origin.edit',
};

type Pending = { kind: 'activate' | 'export'; scheme: SchemeOverview; version: number } | { kind: 'import' } | null;

export function Schemes() {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [schemes, setSchemes] = useState<SchemeOverview[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [pending, setPending] = useState<Pending>(null);
  const [shown, setShown] = useState<{ definition: SchemeDefinition; version: number } | null>(null);

  const load = useCallback(async () => {
    const r = await client.invoke('scheme.overview', {});
    if (r.ok) setSchemes(r.value);
    else setError(r.error);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const view = async (id: string, version: number) => {
    const r = await client.invoke('scheme.get', { id, version });
    if (r.ok) {
      setShown(r.value);
      requestAnimationFrame(() => document.getElementById('scheme-detail-heading')?.scrollIntoView({ block: 'start' }));
    } else setError(r.error);
  };

  return (
    <div className="schemes-page" data-testid="schemes-page">
      <div className="page-head">
        <PageHeading>{t('nav.schemes')}</PageHeading>
        <button type="button" className="btn btn-primary btn-small" data-testid="scheme-import-open" onClick={() => setPending({ kind: 'import' })}>
          {t('schemes.import.open')}
        </button>
      </div>
      <p className="muted">{t('schemes.intro')}</p>
      {status ? <Status testId="schemes-status">{status}</Status> : null}
      {error ? <Alert testId="schemes-error">{pick(error)}</Alert> : null}
      <section className="card" aria-labelledby="schemes-heading" data-testid="schemes-list">
        <h2 id="schemes-heading">{t('schemes.heading')}</h2>
        {!schemes ? (
          <p className="muted">{t('schemes.loading')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table schemes-table">
              <caption className="sr-only">{t('schemes.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('schemes.col.name')}</th>
                  <th scope="col">{t('schemes.col.industry')}</th>
                  <th scope="col">{t('schemes.col.version')}</th>
                  <th scope="col">{t('schemes.col.origin')}</th>
                  <th scope="col" className="num">
                    {t('schemes.col.entries')}
                  </th>
                  <th scope="col">
                    <span className="sr-only">{t('schemes.col.actions')}</span>
                  </th>
                </tr>
              </thead>
              {schemes.map((s) => (
                <tbody key={s.id} data-testid="scheme-row" data-scheme={s.id} data-active-version={s.activeVersion} data-in-use={s.inUse}>
                  {s.versions.map((v, i) => {
                    const active = v.version === s.activeVersion;
                    return (
                      <tr key={v.version} data-testid="scheme-version" data-version={v.version} data-active={active} data-entries={v.entries}>
                        {i === 0 ? (
                          <th scope="rowgroup" rowSpan={s.versions.length} className="scheme-name">
                            <strong>{s.name}</strong>
                            <div className="muted mono">{s.id}</div>
                          </th>
                        ) : null}
                        {i === 0 ? (
                          <td rowSpan={s.versions.length}>
                            {s.industry}
                            {s.inUse ? (
                              <div>
                                <span className="badge scheme-in-use" data-testid="scheme-in-use">
                                  {t('schemes.inUse', { version: s.activeVersion })}
                                </span>
                              </div>
                            ) : (
                              <div className="muted">{t('schemes.notInUse')}</div>
                            )}
                            <div className="muted">{t('schemes.industryEntries', { count: s.industryEntries })}</div>
                          </td>
                        ) : null}
                        <td className="nowrap">
                          {t('schemes.versionN', { version: v.version })}
                          {active ? <span className="badge scheme-active">{t('schemes.active')}</span> : null}
                        </td>
                        <td className="nowrap">
                          {t(ORIGIN_KEYS[v.origin])}
                          <div className="muted">{formatDateTime(lang, v.createdAt)}</div>
                        </td>
                        <td className="num" data-testid="scheme-version-entries">
                          {v.entries}
                        </td>
                        <td className="nowrap">
                          <button type="button" className="btn btn-ghost btn-small" data-testid="scheme-view" onClick={() => void view(s.id, v.version)}>
                            {t('schemes.view')}
                          </button>
                          <button type="button" className="btn btn-ghost btn-small" data-testid="scheme-export" onClick={() => setPending({ kind: 'export', scheme: s, version: v.version })}>
                            {t('schemes.export.open')}
                          </button>
                          {!(active && s.inUse) ? (
                            <button type="button" className="btn btn-secondary btn-small" data-testid="scheme-activate" onClick={() => setPending({ kind: 'activate', scheme: s, version: v.version })}>
                              {t('schemes.activate.open')}
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </div>
        )}
      </section>
      {shown ? <SchemeDetail definition={shown.definition} version={shown.version} onClose={() => setShown(null)} /> : null}
      <RecognizerPackSection />
      {pending?.kind === 'import' ? (
        <ImportSchemeDialog
          onClose={() => setPending(null)}
          onImported={(s, version) => {
            setPending(null);
            setStatus(t('schemes.import.done', { name: s.name, version }));
            void load();
          }}
        />
      ) : null}
      {pending?.kind === 'export' ? (
        <ExportSchemeDialog
          scheme={pending.scheme}
          version={pending.version}
          onClose={() => setPending(null)}
          onDone={(p) => {
            setPending(null);
            setStatus(t('schemes.export.done', { path: p }));
          }}
        />
      ) : null}
      {pending?.kind === 'activate' ? (
        <ActivateDialog
          scheme={pending.scheme}
          version={pending.version}
          onClose={() => setPending(null)}
          onDone={(r) => {
            setPending(null);
            setStatus(t('schemes.activate.done', { name: r.scheme.name, version: r.scheme.activeVersion, entries: r.regrade.entries }));
            void load();
          }}
        />
      ) : null}
    </div>
  );
}
