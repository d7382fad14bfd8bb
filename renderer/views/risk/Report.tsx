/**
 * The annual risk assessment report: the narrative sections the team writes (each shows what the
 * report will say when left empty), saved to the project; then the report written as .docx and
 * as PDF to a chosen path, with where it was written. PDF needs a browser engine on this computer:
 * when there is none, the page says so plainly and the .docx still works.
 */
import { useEffect, useState } from 'react';
import type { ReportResult } from '../../../main/api/contract/risk';
import type { ReportSectionPreview } from '../../../main/api/contract/risk';
import type { NarrativeKey } from '../../../main/domain/risk';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { useLang, usePick, useT } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { PathField, siblingPath } from '../../components/FileChooser';
import { useSessionStore } from '../../store/session';
import { useViewStore } from '../../store/view';
import type { ProjectContext } from './Risk';
import { formatBytes } from './labels';

type Format = 'docx' | 'pdf';

export function Report({ ctx }: { ctx: ProjectContext }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const { project, setProject } = ctx;
  const setDirty = useViewStore((s) => s.setDirty);
  const wsPath = useSessionStore((s) => s.status?.path ?? '');
  const [sections, setSections] = useState<ReportSectionPreview[] | null>(null);
  const [drafts, setDrafts] = useState<Partial<Record<NarrativeKey, string>>>({});
  const [rev, setRev] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);

  useInvokeEffect(
    'risk.report.preview',
    { projectId: project.id },
    (r) => {
      if (r.ok) setSections(r.value);
      else setError(r.error);
    },
    [project.id, rev],
  );

  const changed = (sections ?? []).filter((s) => drafts[s.key] !== undefined && drafts[s.key] !== s.narrative);
  const dirty = changed.length > 0;
  useEffect(() => setDirty(dirty), [dirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);

  const save = async () => {
    if (!dirty) return;
    setSaving(true);
    setError(null);
    const narrative = Object.fromEntries(changed.map((s) => [s.key, drafts[s.key] ?? '']));
    const r = await client.invoke('risk.project.update', { projectId: project.id, narrative });
    setSaving(false);
    if (r.ok) {
      setProject(r.value);
      setDrafts({});
      setRev((n) => n + 1);
      setStatus(t('risk.report.saved', { count: changed.length }));
    } else setError(r.error);
  };

  const defaultPath = (f: Format) => siblingPath(wsPath, `${t('risk.report.fileName', { year: project.year })}.${f}`);

  return (
    <div className="risk-report" data-testid="risk-report">
      <Generate projectId={project.id} defaultPath={defaultPath} unsaved={dirty} />
      <section className="card" aria-labelledby="risk-report-sections-heading">
        <div className="page-head">
          <h2 id="risk-report-sections-heading">{t('risk.report.sections')}</h2>
          <button type="button" className="btn btn-primary btn-small" data-testid="risk-report-save" disabled={!dirty || saving} aria-busy={saving} onClick={() => void save()}>
            {t('risk.report.save')}
          </button>
          {dirty ? <span className="badge badge-dirty">{t('risk.unsaved')}</span> : null}
        </div>
        <p className="muted">{t('risk.report.sectionsIntro')}</p>
        <Status testId="risk-report-status">{status}</Status>
        {error ? <Alert testId="risk-report-error">{pick(error)}</Alert> : null}
        {sections === null ? <p className="muted">{t('common.loading')}</p> : null}
        {(sections ?? []).map((s) => {
          const value = drafts[s.key] ?? s.narrative;
          return (
            <div key={s.key} className="field risk-section" data-testid="risk-report-section" data-key={s.key}>
              <label className="field-label" htmlFor={`risk-narrative-${s.key}`}>
                {lang === 'en' ? s.titleEn : s.title}
              </label>
              <textarea
                id={`risk-narrative-${s.key}`}
                data-testid={`risk-narrative-${s.key}`}
                rows={value ? 5 : 3}
                maxLength={20_000}
                value={value}
                placeholder={t('risk.report.placeholder')}
                aria-describedby={s.generated ? `risk-generated-${s.key}` : undefined}
                onChange={(e) => {
                  const text = e.target.value;
                  setDrafts((d) => ({ ...d, [s.key]: text }));
                }}
              />
              {s.generated ? (
                <details className="risk-generated">
                  <summary>{value ? t('risk.report.generatedUnused') : t('risk.report.generatedUsed')}</summary>
                  <p id={`risk-generated-${s.key}`} className="muted">
                    {s.generated}
                  </p>
                  {!value ? null : (
                    <button type="button" className="btn btn-ghost btn-small" onClick={() => setDrafts((d) => ({ ...d, [s.key]: '' }))}>
                      {t('risk.report.useGenerated')}
                    </button>
                  )}
                </details>
              ) : null}
            </div>
          );
        })}
        {sections && sections.length > 0 ? (
          <div className="actions actions-start">
            <button type="button" className="btn btn-primary" data-testid="risk-report-save-bottom" disabled={!dirty || saving} onClick={() => void save()}>
              {t('risk.report.save')}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function Generate({ projectId, defaultPath, unsaved }: { projectId: number; defaultPath(f: Format): string; unsaved: boolean }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [paths, setPaths] = useState<Record<Format, string>>(() => ({ docx: defaultPath('docx'), pdf: defaultPath('pdf') }));
  const [overwrite, setOverwrite] = useState(false);
  const [watermark, setWatermark] = useState('');
  const [busy, setBusy] = useState<Format | null>(null);
  const [results, setResults] = useState<Partial<Record<Format, ReportResult>>>({});
  const [errors, setErrors] = useState<Partial<Record<Format, { error: ErrorInfo; pdfUnavailable: boolean }>>>({});

  const generate = async (format: Format) => {
    const path = paths[format].trim();
    if (!path) return;
    setBusy(format);
    setErrors((e) => ({ ...e, [format]: undefined }));
    const r = await client.invoke('risk.report.generate', { projectId, format, path, overwrite, ...(watermark.trim() ? { watermark: watermark.trim() } : {}) });
    setBusy(null);
    if (r.ok) setResults((x) => ({ ...x, [format]: r.value }));
    else {
      setResults((x) => ({ ...x, [format]: undefined }));
      setErrors((e) => ({ ...e, [format]: { error: r.error, pdfUnavailable: r.error.code === 'PDF_UNAVAILABLE' } }));
    }
  };

  return (
    <section className="card" aria-labelledby="risk-generate-heading" data-testid="risk-generate">
      <h2 id="risk-generate-heading">{t('risk.report.generate')}</h2>
      <p className="muted">{t('risk.report.generateIntro')}</p>
      {unsaved ? (
        <p className="notice notice-warning" data-testid="risk-report-unsaved">
          {t('risk.report.unsavedWarning')}
        </p>
      ) : null}
      <div className="risk-form-grid">
        <label className="inline-field">
          <input type="checkbox" data-testid="risk-report-overwrite" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
          <span>{t('risk.report.overwrite')}</span>
        </label>
        <label className="inline-field">
          <span>{t('risk.report.watermark')}</span>
          <input type="text" data-testid="risk-report-watermark" maxLength={100} value={watermark} placeholder={t('risk.report.watermarkPlaceholder')} onChange={(e) => setWatermark(e.target.value)} />
        </label>
      </div>
      {(['docx', 'pdf'] as const).map((f) => {
        const result = results[f];
        const err = errors[f];
        return (
          <div key={f} className="risk-generate-row" data-testid={`risk-generate-${f}`}>
            <PathField
              id={`risk-report-path-${f}`}
              label={t(f === 'docx' ? 'risk.report.pathDocx' : 'risk.report.pathPdf')}
              mode="save"
              extensions={[f]}
              value={paths[f]}
              onChange={(p) => setPaths((x) => ({ ...x, [f]: p }))}
            />
            <button type="button" className="btn btn-primary" data-testid={`risk-report-generate-${f}`} disabled={busy !== null || !paths[f].trim()} aria-busy={busy === f} onClick={() => void generate(f)}>
              {busy === f ? t('risk.report.generating') : t(f === 'docx' ? 'risk.report.generateDocx' : 'risk.report.generatePdf')}
            </button>
            {result ? (
              <Alert tone="success" testId={`risk-report-written-${f}`}>
                <span data-path={result.path}>{t('risk.report.written', { path: result.path, size: formatBytes(result.bytes), ms: result.ms })}</span>
                {result.draft ? <span> {t('risk.report.draft')}</span> : null}
              </Alert>
            ) : null}
            {err ? (
              <Alert testId={`risk-report-error-${f}`}>
                {err.pdfUnavailable ? <strong>{t('risk.report.pdfUnavailable')} </strong> : null}
                {pick(err.error)}
              </Alert>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
