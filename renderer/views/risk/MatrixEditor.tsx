/**
 * The project's likelihood × impact matrix, editable: the level of each cell, the names of the
 * axes' steps and of the levels. Checked as it is edited (every cell in range; a more likely or more
 * severe cell never at a lower level); on save the risks of the project are rated again.
 */
import { useEffect, useMemo, useState } from 'react';
import { parseRiskMatrix, RiskPackError, type RiskMatrix } from '../../../main/domain/risk';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useLang, usePick, useT } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import type { ProjectContext } from './Risk';
import { inkFor } from './Risks';

function check(m: RiskMatrix): string[] {
  try {
    parseRiskMatrix(m);
    return [];
  } catch (e) {
    return e instanceof RiskPackError ? e.issues : [String(e)];
  }
}

export function MatrixEditor({ ctx, onDirty }: { ctx: ProjectContext; onDirty(dirty: boolean): void }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const { project, setProject } = ctx;
  const [m, setM] = useState<RiskMatrix>(project.matrix);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(m) !== JSON.stringify(project.matrix);
  const issues = useMemo(() => check(m), [m]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const setCell = (li: number, ii: number, v: number) => setM((x) => ({ ...x, cells: x.cells.map((row, r) => (r === li ? row.map((c, k) => (k === ii ? v : c)) : row)) }));
  const setAxis = (axis: 'likelihood' | 'impact', i: number, label: string) =>
    setM((x) => ({ ...x, [axis]: x[axis].map((a, k) => (k === i ? { ...a, [lang === 'en' ? 'labelEn' : 'label']: label } : a)) }));
  const setLevel = (i: number, name: string) => setM((x) => ({ ...x, levels: x.levels.map((l, k) => (k === i ? { ...l, [lang === 'en' ? 'nameEn' : 'name']: name } : l)) }));
  const axisText = (a: { label: string; labelEn: string }) => (lang === 'en' ? a.labelEn : a.label);
  const levelText = (l: { name: string; nameEn: string }) => (lang === 'en' ? l.nameEn : l.name);

  const save = async () => {
    setBusy(true);
    setError(null);
    const r = await client.invoke('risk.project.update', { projectId: project.id, matrix: { ...m, version: m.version + 1 } });
    setBusy(false);
    if (r.ok) {
      setProject(r.value);
      setM(r.value.matrix);
      setStatus(t('risk.matrix.saved'));
    } else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="risk-matrix-heading" data-testid="risk-matrix">
      <details>
        <summary>
          <h2 id="risk-matrix-heading" className="risk-inline-heading">
            {t('risk.matrix')}
          </h2>{' '}
          <span className="muted">{t('risk.matrix.summary', { name: m.name })}</span>
        </summary>
        <p className="muted">{t('risk.matrix.intro')}</p>
        <div className="table-wrap">
          <table className="risk-matrix-table">
            <caption className="sr-only">{t('risk.matrix.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('risk.matrix.corner')}</th>
                {m.impact.map((a, ii) => (
                  <th key={ii} scope="col">
                    <input type="text" aria-label={t('risk.matrix.impactLabel', { n: ii + 1 })} maxLength={40} value={axisText(a)} onChange={(e) => setAxis('impact', ii, e.target.value)} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...m.likelihood.keys()].reverse().map((li) => (
                <tr key={li}>
                  <th scope="row">
                    <input type="text" aria-label={t('risk.matrix.likelihoodLabel', { n: li + 1 })} maxLength={40} value={axisText(m.likelihood[li]!)} onChange={(e) => setAxis('likelihood', li, e.target.value)} />
                  </th>
                  {m.impact.map((_, ii) => {
                    const v = m.cells[li]?.[ii] ?? 0;
                    const level = m.levels[v];
                    return (
                      <td key={ii}>
                        <select
                          aria-label={t('risk.matrix.cellLabel', { l: axisText(m.likelihood[li]!), i: axisText(m.impact[ii]!) })}
                          data-testid={`risk-matrix-cell-${li + 1}-${ii + 1}`}
                          style={level ? { background: level.color, color: inkFor(level.color) } : undefined}
                          value={v}
                          onChange={(e) => setCell(li, ii, Number(e.target.value))}
                        >
                          {m.levels.map((l, k) => (
                            <option key={k} value={k}>
                              {levelText(l)}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('risk.matrix.levels')}</h3>
        <ol className="risk-matrix-levels">
          {m.levels.map((l, k) => (
            <li key={k}>
              <span className="risk-heat-swatch" style={{ background: l.color }} aria-hidden="true" />
              <input type="text" aria-label={t('risk.matrix.levelLabel', { n: k + 1 })} maxLength={20} value={levelText(l)} onChange={(e) => setLevel(k, e.target.value)} />
            </li>
          ))}
        </ol>
        {issues.length > 0 ? (
          <div className="notice notice-warning" data-testid="risk-matrix-issues">
            <p>{t('risk.matrix.invalid')}</p>
            <ul>
              {issues.slice(0, 8).map((i) => (
                <li key={i} className="mono">
                  {i}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary btn-small" data-testid="risk-matrix-save" disabled={!dirty || issues.length > 0 || busy} aria-busy={busy} onClick={() => void save()}>
            {t('risk.matrix.save')}
          </button>
          <button type="button" className="btn btn-ghost btn-small" disabled={!dirty} onClick={() => setM(project.matrix)}>
            {t('risk.matrix.reset')}
          </button>
        </div>
        <Status testId="risk-matrix-status">{status}</Status>
        {error ? <Alert testId="risk-matrix-error">{pick(error)}</Alert> : null}
      </details>
    </section>
  );
}
