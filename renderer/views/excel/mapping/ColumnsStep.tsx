/** Step 3: each source column with its samples, the field it goes to and the suggestion's confidence; defaults; the recognisers (with consent). */
import type { MappingSheetView, MappingTarget, RecognizeColumnView } from '../../../../main/domain/sheets/mapping';
import { useT, usePick, type MessageKey } from '../../../i18n/index';
import { Status } from '../../../components/Alert';
import { TARGET_OPTIONS, targetLabelKey, type Choices } from './model';

export const RECOGNIZE_LIMIT = 100;

interface Props {
  view: MappingSheetView;
  choices: Choices;
  onChoices(next: Choices): void;
  consent: boolean;
  onConsent(on: boolean): void;
  recognizing: boolean;
  recognized: RecognizeColumnView[] | null;
  piColumns: readonly number[];
  onPiColumns(cols: number[]): void;
}

export function ColumnsStep({ view, choices, onChoices, consent, onConsent, recognizing, recognized, piColumns, onPiColumns }: Props) {
  const t = useT();
  const pick = usePick();
  const byColumn = new Map((recognized ?? []).map((r) => [r.column, r]));
  const setTarget = (index: number, target: MappingTarget | '') => onChoices({ ...choices, targets: { ...choices.targets, [index]: target } });
  const mapped = (index: number) => Boolean(choices.targets[index]);
  return (
    <div>
      <div className="table-wrap">
        <table className="data-table mapping-columns" data-testid="mapping-columns">
          <caption>{t('mapping.columns.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mapping.columns.column')}</th>
              <th scope="col">{t('mapping.columns.header')}</th>
              <th scope="col">{t('mapping.columns.samples')}</th>
              <th scope="col">{t('mapping.columns.target')}</th>
              <th scope="col">{t('mapping.columns.confidence')}</th>
              {consent ? <th scope="col">{t('mapping.rec.consent')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {view.columns.map((c) => {
              const target = choices.targets[c.index] ?? '';
              const proposed = c.proposal.target !== '' && c.proposal.target === target;
              const rec = byColumn.get(c.index);
              const header = c.header || t('mapping.columns.noHeader');
              return (
                <tr key={c.index} data-testid={`mapping-col-${c.letter}`}>
                  <td>{c.letter}</td>
                  <th scope="row">{header}</th>
                  <td className="mapping-samples">{c.samples.join(' | ')}</td>
                  <td>
                    <select
                      aria-label={t('mapping.columns.targetFor', { header })}
                      data-testid={`mapping-target-${c.letter}`}
                      value={target}
                      onChange={(e) => setTarget(c.index, e.target.value as MappingTarget | '')}
                    >
                      <option value="">{t('mapping.columns.none')}</option>
                      {TARGET_OPTIONS.map((o) => (
                        <option key={o} value={o}>
                          {t(targetLabelKey(o))}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-testid={`mapping-confidence-${c.letter}`}>
                    {proposed ? `${Math.round(c.proposal.confidence * 100)}% (${t(`mapping.columns.basis.${c.proposal.basis}` as MessageKey)})` : t('mapping.columns.basis.none')}
                  </td>
                  {consent ? (
                    <td data-testid={`mapping-rec-${c.letter}`}>
                      {mapped(c.index) ? null : rec ? (
                        rec.results.length === 0 ? (
                          t('mapping.rec.nothing')
                        ) : (
                          <>
                            <ul className="mapping-rec-list">
                              {rec.results.map((r) => (
                                <li key={r.recognizerId}>{t('mapping.rec.result', { name: pick({ message_zh: r.name, message_en: r.nameEn }), matched: r.matched, total: r.total })}</li>
                              ))}
                            </ul>
                            {rec.results.some((r) => r.personalInfo) ? (
                              <label className="checkbox">
                                <input
                                  type="checkbox"
                                  data-testid={`mapping-pi-${c.letter}`}
                                  checked={piColumns.includes(c.index)}
                                  onChange={(e) => onPiColumns(e.target.checked ? [...piColumns, c.index] : piColumns.filter((x) => x !== c.index))}
                                />{' '}
                                {t('mapping.rec.flag')}
                              </label>
                            ) : null}
                          </>
                        )
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <fieldset className="mapping-rec">
        <legend>{t('mapping.rec.consent')}</legend>
        <label className="checkbox">
          <input type="checkbox" data-testid="mapping-rec-consent" checked={consent} onChange={(e) => onConsent(e.target.checked)} aria-describedby="mapping-rec-hint" />{' '}
          {t('mapping.rec.consent')}
        </label>
        <p id="mapping-rec-hint" className="hint">
          {t('mapping.rec.consentHint', { limit: RECOGNIZE_LIMIT })}
        </p>
        {consent && piColumns.length > 0 ? <p className="hint">{t('mapping.rec.flagHint')}</p> : null}
        {recognizing ? <Status testId="mapping-rec-running">{t('mapping.rec.running')}</Status> : null}
      </fieldset>

      <fieldset className="mapping-defaults">
        <legend>{t('mapping.defaults.title')}</legend>
        <div className="field">
          <label className="field-label" htmlFor="mapping-default-system">
            {t('mapping.defaults.system')}
          </label>
          <input id="mapping-default-system" data-testid="mapping-default-system" value={choices.systemName} maxLength={200} onChange={(e) => onChoices({ ...choices, systemName: e.target.value })} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="mapping-default-resource">
            {t('mapping.defaults.resource')}
          </label>
          <input id="mapping-default-resource" data-testid="mapping-default-resource" value={choices.resourceName} maxLength={200} onChange={(e) => onChoices({ ...choices, resourceName: e.target.value })} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="mapping-prefix">
            {t('mapping.defaults.prefix')}
          </label>
          <input id="mapping-prefix" data-testid="mapping-prefix" value={choices.prefix} maxLength={20} pattern="[A-Za-z0-9_-]{1,20}" aria-describedby="mapping-prefix-hint" onChange={(e) => onChoices({ ...choices, prefix: e.target.value })} />
          <p id="mapping-prefix-hint" className="hint">
            {t('mapping.defaults.prefixHint')}
          </p>
        </div>
      </fieldset>
    </div>
  );
}
