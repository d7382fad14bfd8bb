/**
 * The assessment checklist in its four areas: progress per area, the items on the left (a
 * conclusion is one key away: 1 compliant, 2 partly, 3 non-compliant, 4 not applicable, 0 clears;
 * arrow keys move), the chosen item on the right with its requirement, conclusion, evidence notes
 * (saved when left or on Save) and attached files (stored in the workspace; saved back out on demand).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ChecklistItem } from '../../../main/api/contract/risk';
import { CHECK_CONCLUSIONS, CONCLUSION_NOT_APPLICABLE, summarizeChecklist, type CheckArea, type CheckConclusion } from '../../../main/domain/risk';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { useLang, usePick, useT } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { FileChooser, PathField } from '../../components/FileChooser';
import { useViewStore } from '../../store/view';
import type { ProjectContext } from './Risk';
import { formatBytes, useValueLabel } from './labels';

/** Keys 1-4 give the conclusions in their order (compliant … not applicable), 0 clears. */
const KEY_CONCLUSION: Record<string, CheckConclusion | ''> = { ...Object.fromEntries(CHECK_CONCLUSIONS.map((c, i) => [String(i + 1), c])), '0': '' };

export function Checklist({ ctx }: { ctx: ProjectContext }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const label = useValueLabel();
  const { project } = ctx;
  const [items, setItems] = useState<ChecklistItem[] | null>(null);
  const [packName, setPackName] = useState('');
  const [area, setArea] = useState<CheckArea | ''>('');
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const rowRefs = useRef(new Map<string, HTMLButtonElement>());

  useInvokeEffect(
    'risk.checklist.get',
    { projectId: project.id },
    (r) => {
      if (r.ok) {
        setItems(r.value.items);
        setPackName(r.value.pack.name);
        setSelected((s) => s ?? r.value.items[0]?.id ?? null);
      } else setError(r.error);
    },
    [project.id],
  );

  const summary = useMemo(() => summarizeChecklist(items ?? []), [items]);
  const shown = useMemo(() => (items ?? []).filter((i) => (!area || i.area === area) && (!onlyOpen || !i.conclusion)), [items, area, onlyOpen]);
  const current = items?.find((i) => i.id === selected) ?? null;

  const replace = useCallback((item: ChecklistItem) => setItems((xs) => (xs ?? []).map((x) => (x.id === item.id ? item : x))), []);

  const conclude = async (item: ChecklistItem, conclusion: CheckConclusion | '', notes = item.notes) => {
    setError(null);
    // Shown at once (the radio and the row follow the key press); put back if the save fails.
    replace({ ...item, conclusion, notes });
    const r = await client.invoke('risk.checklist.save', { projectId: project.id, itemId: item.id, conclusion, notes });
    if (r.ok) {
      replace(r.value);
      setStatus(conclusion ? t('risk.check.concluded', { id: item.id, conclusion: label(conclusion) }) : t('risk.check.cleared', { id: item.id }));
    } else {
      replace(item);
      setError(r.error);
    }
    return r.ok;
  };

  const focusRow = (id: string | undefined) => {
    if (!id) return;
    setSelected(id);
    rowRefs.current.get(id)?.focus();
  };

  const onRowKey = (e: KeyboardEvent<HTMLButtonElement>, item: ChecklistItem, index: number) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key in KEY_CONCLUSION) {
      e.preventDefault();
      setSelected(item.id);
      void conclude(item, KEY_CONCLUSION[e.key]!);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusRow(shown[index + 1]?.id);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(shown[index - 1]?.id);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusRow(shown[0]?.id);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusRow(shown[shown.length - 1]?.id);
    }
  };

  if (!items)
    return error ? <Alert testId="risk-check-error">{pick(error)}</Alert> : <p className="muted">{t('common.loading')}</p>;

  return (
    <div className="risk-checklist" data-testid="risk-checklist">
      <section className="card" aria-labelledby="risk-check-progress-heading">
        <h2 id="risk-check-progress-heading">{t('risk.check.progressHeading')}</h2>
        <p className="muted">{t('risk.check.pack', { name: packName })}</p>
        <ul className="risk-area-cards" data-testid="risk-check-progress" data-assessed={summary.assessed} data-total={summary.total}>
          <li>
            <button type="button" className={`risk-area-card${area === '' ? ' risk-area-active' : ''}`} aria-pressed={area === ''} data-testid="risk-check-area-all" onClick={() => setArea('')}>
              <span className="risk-area-name">{t('risk.check.all')}</span>
              <span className="risk-area-count">{t('risk.check.progress', { assessed: summary.assessed, total: summary.total })}</span>
              <ProgressBar value={summary.assessed} total={summary.total} />
            </button>
          </li>
          {summary.byArea.map((a) => (
            <li key={a.area}>
              <button
                type="button"
                className={`risk-area-card${area === a.area ? ' risk-area-active' : ''}`}
                aria-pressed={area === a.area}
                data-testid="risk-check-area"
                data-area={a.area}
                data-assessed={a.assessed}
                data-total={a.total}
                onClick={() => setArea(a.area)}
              >
                <span className="risk-area-name">{label(a.area)}</span>
                <span className="risk-area-count">{t('risk.check.progress', { assessed: a.assessed, total: a.total })}</span>
                <ProgressBar value={a.assessed} total={a.total} />
                {a.nonCompliant > 0 ? <span className="risk-area-nc">{t('risk.check.nonCompliant', { count: a.nonCompliant })}</span> : null}
              </button>
            </li>
          ))}
        </ul>
        <p className="risk-conclusion-counts">
          {CHECK_CONCLUSIONS.map((c) => (
            <span key={c} className={`risk-conclusion risk-conclusion-${CHECK_CONCLUSIONS.indexOf(c)}`} data-testid="risk-check-count" data-conclusion={c} data-count={summary.byConclusion[c]}>
              {label(c)} {summary.byConclusion[c]}
            </span>
          ))}
        </p>
      </section>
      <Status testId="risk-check-status">{status}</Status>
      {error ? <Alert testId="risk-check-error">{pick(error)}</Alert> : null}
      <div className="risk-check-split">
        <section className="card risk-check-list" aria-labelledby="risk-check-items-heading">
          <h2 id="risk-check-items-heading">{area ? label(area) : t('risk.check.items')}</h2>
          <label className="inline-field">
            <input type="checkbox" data-testid="risk-check-only-open" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
            <span>{t('risk.check.onlyOpen')}</span>
          </label>
          <p className="muted risk-keys-hint" id="risk-check-keys">
            {t('risk.check.keysHint')}
          </p>
          {shown.length === 0 ? <p className="muted">{t('risk.check.noneShown')}</p> : null}
          <ul className="risk-check-items">
            {shown.map((item, i) => (
              <li key={item.id}>
                <button
                  ref={(el) => {
                    if (el) rowRefs.current.set(item.id, el);
                    else rowRefs.current.delete(item.id);
                  }}
                  type="button"
                  className={`risk-check-row${item.id === selected ? ' risk-check-selected' : ''}`}
                  aria-current={item.id === selected ? 'true' : undefined}
                  aria-describedby="risk-check-keys"
                  aria-keyshortcuts="1 2 3 4 0"
                  data-testid="risk-check-row"
                  data-item-id={item.id}
                  data-conclusion={item.conclusion}
                  tabIndex={item.id === selected || (!shown.some((s) => s.id === selected) && i === 0) ? 0 : -1}
                  onClick={() => setSelected(item.id)}
                  onKeyDown={(e) => onRowKey(e, item, i)}
                >
                  <span className="mono risk-check-id">{item.id}</span>
                  <span className="risk-check-title">{lang === 'en' ? item.titleEn : item.title}</span>
                  <span className={`risk-conclusion risk-conclusion-${item.conclusion ? CHECK_CONCLUSIONS.indexOf(item.conclusion) : 'none'}`}>{item.conclusion ? label(item.conclusion) : t('risk.check.notConcluded')}</span>
                  {item.attachments.length > 0 ? <span className="muted">{t('risk.check.attachmentCount', { count: item.attachments.length })}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
        {current ? <ItemDetail key={current.id} ctx={ctx} item={current} onConclude={conclude} onReplace={replace} onStatus={setStatus} /> : null}
      </div>
    </div>
  );
}

function ProgressBar({ value, total }: { value: number; total: number }) {
  const pct = total > 0 ? Math.round((value / total) * 100) : 0;
  return (
    <span className="score-bar" aria-hidden="true">
      <span className="score-fill score-good" style={{ width: `${pct}%` }} />
    </span>
  );
}

interface DetailProps {
  ctx: ProjectContext;
  item: ChecklistItem;
  onConclude(item: ChecklistItem, conclusion: CheckConclusion | '', notes?: string): Promise<boolean>;
  onReplace(item: ChecklistItem): void;
  onStatus(s: string): void;
}

function ItemDetail({ ctx, item, onConclude, onReplace, onStatus }: DetailProps) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const label = useValueLabel();
  const setDirty = useViewStore((s) => s.setDirty);
  const [notes, setNotes] = useState(item.notes);
  const [path, setPath] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState<number | null>(null);
  const dirty = notes !== item.notes;
  useEffect(() => setDirty(dirty), [dirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);

  // The item looks not applicable (its appliesTo and the scope and registers): say why, offer the
  // conclusion; the reason goes into the notes (in Chinese, the report's language) unless notes exist.
  const hint = item.conclusion === '' ? item.notApplicableHint : null;
  const markNotApplicable = async () => {
    if (!hint) return;
    const n = notes.trim() ? notes : hint.zh;
    setNotes(n);
    await onConclude(item, CONCLUSION_NOT_APPLICABLE, n);
  };

  const saveNotes = async () => {
    if (!dirty) return;
    const ok = await onConclude(item, item.conclusion, notes);
    if (ok) onStatus(t('risk.check.notesSaved', { id: item.id }));
  };

  const attach = async () => {
    if (!path.trim()) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('risk.attachment.add', { projectId: ctx.project.id, itemId: item.id, path: path.trim() });
    setBusy(false);
    if (r.ok) {
      onReplace(r.value);
      setPath('');
      onStatus(t('risk.check.attached', { name: r.value.attachments[r.value.attachments.length - 1]?.filename ?? '' }));
    } else setError(r.error);
  };

  const detach = async (id: number, name: string) => {
    setError(null);
    const r = await client.invoke('risk.attachment.remove', { attachmentId: id });
    if (r.ok) {
      onReplace({ ...item, attachments: item.attachments.filter((a) => a.id !== id) });
      onStatus(t('risk.check.detached', { name }));
    } else setError(r.error);
  };

  const exportTo = async (id: number, target: string) => {
    setExporting(null);
    setError(null);
    const r = await client.invoke('risk.attachment.save', { attachmentId: id, path: target, overwrite: true });
    if (r.ok) onStatus(t('risk.check.exported', { path: r.value.path }));
    else setError(r.error);
  };

  return (
    <section className="card risk-check-detail" aria-labelledby="risk-check-detail-heading" data-testid="risk-check-detail" data-item-id={item.id}>
      <h2 id="risk-check-detail-heading">
        <span className="mono">{item.id}</span> {lang === 'en' ? item.titleEn : item.title}
      </h2>
      <p className="muted">{label(item.area)}</p>
      <h3>{t('risk.check.requirement')}</h3>
      <p lang={lang === 'en' && item.requirementEn ? 'en' : 'zh-CN'} data-testid="risk-check-requirement">
        {lang === 'en' && item.requirementEn ? item.requirementEn : item.requirement}
      </p>
      {item.basis ? (
        <p className="muted">
          {t('risk.check.basis')}
          {t('common.colon')}
          {item.basis}
        </p>
      ) : null}
      {hint ? (
        <div className="notice" role="note" data-testid="risk-check-na-hint">
          <p>{t('risk.check.naHint', { why: lang === 'en' ? hint.en : hint.zh })}</p>
          <button type="button" className="btn btn-secondary btn-small" data-testid="risk-check-mark-na" onClick={() => void markNotApplicable()}>
            {t('risk.check.markNa')}
          </button>
        </div>
      ) : null}
      <fieldset className="risk-conclusion-group" data-testid="risk-check-conclusion">
        <legend className="field-label">{t('risk.check.conclusion')}</legend>
        {[...CHECK_CONCLUSIONS, ''].map((c, i) => (
          <label key={c || 'none'} className="risk-radio">
            <input
              type="radio"
              name={`risk-conclusion-${item.id}`}
              value={c}
              data-testid={`risk-check-conclusion-${c ? i + 1 : 0}`}
              checked={item.conclusion === c}
              onChange={() => void onConclude(item, c as CheckConclusion | '', item.notes)}
            />
            <span>{c ? label(c) : t('risk.check.notConcluded')}</span>
            <span className="muted risk-key">{c ? i + 1 : 0}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor="risk-check-notes">
          {t('risk.check.notes')}
        </label>
        <textarea id="risk-check-notes" data-testid="risk-check-notes" rows={4} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} onBlur={() => void saveNotes()} />
      </div>
      <div className="actions actions-start">
        <button type="button" className="btn btn-primary btn-small" data-testid="risk-check-notes-save" disabled={!dirty} onClick={() => void saveNotes()}>
          {t('risk.check.saveNotes')}
        </button>
        {dirty ? <span className="badge badge-dirty">{t('risk.unsaved')}</span> : null}
      </div>
      <h3>{t('risk.check.attachments')}</h3>
      {item.attachments.length === 0 ? (
        <p className="muted" data-testid="risk-attachments-empty">
          {t('risk.check.noAttachments')}
        </p>
      ) : (
        <ul className="risk-attachments" data-testid="risk-attachments">
          {item.attachments.map((a) => (
            <li key={a.id} data-testid="risk-attachment" data-filename={a.filename}>
              <span className="risk-attachment-name">{a.filename}</span> <span className="muted">{formatBytes(a.size)}</span>{' '}
              <span className="muted mono" title={t('risk.check.sm3')}>
                SM3 {a.sm3.slice(0, 12)}…
              </span>{' '}
              <button type="button" className="btn btn-ghost btn-small" data-testid="risk-attachment-export" aria-label={t('risk.check.exportLabel', { name: a.filename })} onClick={() => setExporting(a.id)}>
                {t('risk.check.export')}
              </button>
              <button type="button" className="btn btn-ghost btn-small" data-testid="risk-attachment-remove" aria-label={t('risk.check.detachLabel', { name: a.filename })} onClick={() => void detach(a.id, a.filename)}>
                {t('risk.check.detach')}
              </button>
              {exporting === a.id ? <FileChooser mode="save" defaultName={a.filename} testId="risk-attachment-chooser" onCancel={() => setExporting(null)} onChoose={(p) => p[0] && void exportTo(a.id, p[0])} /> : null}
            </li>
          ))}
        </ul>
      )}
      <form
        className="risk-attach-form"
        onSubmit={(e) => {
          e.preventDefault();
          void attach();
        }}
      >
        <PathField id="risk-attach-path" label={t('risk.check.attachPath')} mode="open" value={path} onChange={setPath} hint={t('risk.check.attachHint')} />
        <button type="submit" className="btn btn-secondary btn-small" data-testid="risk-attach-add" disabled={busy || !path.trim()} aria-busy={busy}>
          {t('risk.check.attach')}
        </button>
      </form>
      {error ? <Alert testId="risk-check-detail-error">{pick(error)}</Alert> : null}
    </section>
  );
}
