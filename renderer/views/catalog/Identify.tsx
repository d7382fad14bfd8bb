/**
 * Important-data identification for one resource: the questionnaire's guidance and
 * factors (question, examples), each answered yes / no / unsure, the proposal evaluated live by the
 * same rule the backend uses (evaluateQuestionnaire), with its reasons and the identification basis it would
 * write. Saving stores the answers; an important or core data proposal drafts the catalog row, and the
 * officer is taken to complete it.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CatalogEntry } from '../../../main/domain/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import { evaluateQuestionnaire, type Answer, type Factor, type FactorSet, type IdentificationResult } from '../../../main/domain/identification';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { useLang, usePick, useT } from '../../i18n/index';
import type { MessageKey } from '../../i18n/zh-CN';
import { PROPOSAL_KEYS } from '../../i18n/codes';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { proposalTone } from './catalog-form';

const ANSWERS: { value: Answer; label: MessageKey }[] = [
  { value: 'yes', label: 'identify.answer.yes' },
  { value: 'no', label: 'identify.answer.no' },
  { value: 'unsure', label: 'identify.answer.unsure' },
];
const KIND_KEYS: Record<Factor['kind'], MessageKey> = {
  important: 'identify.kind.important',
  core: 'identify.kind.core',
  scope: 'identify.kind.scope',
};

type Answers = Record<string, Answer>;
const sameAnswers = (a: Answers, b: Answers) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

interface Props {
  resourceId: number;
  /** The resource's name and data ID, when known (from the tree). */
  resourceLabel: string | undefined;
  onClose(): void;
  /** An important or core data proposal was saved and the catalog row drafted. */
  onDrafted(entry: CatalogEntry, result: IdentificationResult): void;
  onDirtyChange(dirty: boolean): void;
}

export function Identify({ resourceId, resourceLabel, onClose, onDrafted, onDirtyChange }: Props) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [factors, setFactors] = useState<FactorSet | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [saved, setSaved] = useState<Answers>({});
  const [hasCatalog, setHasCatalog] = useState(false);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');

  useInvokeEffect(
    'identification.get',
    { resourceId },
    (r) => {
      if (!r.ok) {
        setLoadError(r.error);
        return;
      }
      setFactors(r.value.factors);
      setAnswers(r.value.answers);
      setSaved(r.value.answers);
      setHasCatalog(r.value.catalog !== null);
    },
    [resourceId],
  );

  const result = useMemo(() => (factors ? evaluateQuestionnaire(factors, answers) : null), [factors, answers]);
  const dirty = factors !== null && !sameAnswers(answers, saved);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const save = async () => {
    if (!factors || saving) return;
    setSaving(true);
    setSaveError(null);
    const snapshot = answers;
    const r = await client.invoke('identification.save', { resourceId, answers: snapshot });
    setSaving(false);
    if (!r.ok) {
      setSaveError(r.error);
      return;
    }
    setSaved(snapshot);
    setHasCatalog(r.value.catalog !== null);
    const p = r.value.result.proposal;
    if (r.value.catalog && proposalTone(p) === 'important') {
      onDirtyChange(false);
      onDrafted(r.value.catalog, r.value.result);
    } else setStatus(t('identify.savedStatus', { proposal: t(PROPOSAL_KEYS[p]) }));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const heading = <PageHeading>{resourceLabel ? t('identify.headingFor', { name: resourceLabel }) : t('identify.heading')}</PageHeading>;
  const back = (
    <button type="button" className="btn btn-ghost btn-small" data-testid="identify-back" onClick={onClose}>
      {t('identify.back')}
    </button>
  );
  if (loadError)
    return (
      <div className="identify-page" data-testid="identify-page">
        {heading}
        <Alert testId="identify-load-error">{pick(loadError)}</Alert>
        {back}
      </div>
    );
  if (!factors || !result)
    return (
      <div className="identify-page" data-testid="identify-page" aria-busy="true">
        {heading}
        <p className="muted">{t('common.loading')}</p>
      </div>
    );

  const text = (zh: string, en: string | undefined) => (lang === 'en' && en ? en : zh);
  const proposal = result.proposal;
  const tone = proposalTone(proposal);

  return (
    <div className="identify-page" data-testid="identify-page" data-resource-id={resourceId}>
      <div className="page-head">
        {heading}
        {back}
      </div>
      <p className="lead">{t('identify.intro')}</p>
      <section className="card identify-guidance" aria-labelledby="identify-guidance">
        <h2 id="identify-guidance">{text(factors.name, factors.nameEn)}</h2>
        <ul>
          {factors.guidance.map((g, i) => (
            <li key={i}>{lang === 'en' ? g.en : g.zh}</li>
          ))}
        </ul>
      </section>
      <div className="identify-layout">
        <form className="identify-form" noValidate onSubmit={onSubmit} data-testid="identify-form" aria-labelledby="identify-questions">
          <h2 id="identify-questions">{t('identify.questions')}</h2>
          <ol className="factor-list">
            {factors.factors.map((f) => {
              const examples = lang === 'en' && f.examplesEn ? f.examplesEn : f.examples;
              const qid = `factor-${f.id}-question`;
              return (
                <li key={f.id} className={`factor factor-${f.kind}`} data-testid={`factor-${f.id}`} data-answer={answers[f.id] ?? ''}>
                  <fieldset className="factor-fieldset" aria-describedby={examples.length ? `factor-${f.id}-examples` : undefined}>
                    <legend id={qid}>
                      <span className="factor-id mono">{f.id}</span> <span className={`factor-kind factor-kind-${f.kind}`}>{t(KIND_KEYS[f.kind])}</span>{' '}
                      <span className="factor-question">{text(f.question, f.questionEn)}</span>
                    </legend>
                    {examples.length ? (
                      <p id={`factor-${f.id}-examples`} className="field-hint factor-examples">
                        {t('identify.examples', { examples: examples.join(t('common.listSep')) })}
                      </p>
                    ) : null}
                    <div className="factor-answers">
                      {ANSWERS.map((a) => (
                        <label key={a.value} className="radio-chip">
                          <input
                            type="radio"
                            name={`factor-${f.id}`}
                            value={a.value}
                            checked={answers[f.id] === a.value}
                            data-testid={`factor-${f.id}-${a.value}`}
                            onChange={() => setAnswers((cur) => ({ ...cur, [f.id]: a.value }))}
                          />
                          {t(a.label)}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          {saveError ? <Alert testId="identify-save-error">{pick(saveError)}</Alert> : null}
          <div className="form-footer actions">
            <button type="submit" className="btn btn-primary" data-testid="identify-save" disabled={saving} aria-busy={saving}>
              {saving ? t('profile.saving') : t('identify.save')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <Status testId="identify-status">{status}</Status>
          </div>
        </form>
        <aside className="card identify-result" aria-labelledby="identify-result-heading" data-testid="identify-result">
          <h2 id="identify-result-heading">{t('identify.result')}</h2>
          <p className="identify-proposal-line" aria-live="polite">
            {t('identify.proposal')}{' '}
            <strong className={`proposal proposal-${tone}`} data-testid="identify-proposal" data-proposal={proposal}>
              {t(PROPOSAL_KEYS[proposal])}
            </strong>
          </p>
          <p className="muted">
            {t('identify.progress', { answered: factors.factors.length - result.unanswered.length, total: factors.factors.length })}
          </p>
          <ul className="identify-reasons" data-testid="identify-reasons">
            {result.reasons.map((r, i) => (
              <li key={i} data-code={r.code}>
                {pick(r)}
              </li>
            ))}
          </ul>
          {result.basis ? (
            <div className="identify-basis">
              <h3>{t('identify.basis')}</h3>
              <p data-testid="identify-basis">{result.basis}</p>
            </div>
          ) : null}
          <p className="field-hint">{t(tone === 'important' ? (hasCatalog ? 'identify.willRefresh' : 'identify.willDraft') : 'identify.noDraft')}</p>
          <p className="field-hint">{t('identify.authority')}</p>
        </aside>
      </div>
    </div>
  );
}
