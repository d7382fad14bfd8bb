/**
 * The recognisers' view of one entry in the detail panel: the stored hits (which recogniser, from
 * the field name or from sample values, matched / total), what they suggest (personal information,
 * sensitive, level, with reasons) and, when that differs from the entry, a button to adopt it; and
 * the sample check: the officer pastes sample values, one per line, and sees per recogniser how
 * many matched. Sample values are sent once to be counted; they are neither stored nor shown again.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Client } from '../../../main/api/client';
import type { EntryDetail } from '../../../main/api/contract/inventory';
import type { RecognizerSuggestion, RecognizerSummary, SampleScanResult } from '../../../main/api/contract/quality';
import type { ErrorInfo } from '../../../main/domain/errors';
import { YES_NO } from '../../../main/domain/code-lists';
import { isLevel } from '../../../main/domain/levels';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { useLang, usePick, useT, type Lang } from '../../i18n/index';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { LevelBadge } from '../../components/LevelBadge';
import { SampleFileDialog, SampleResultTable } from '../schemes/SampleFileDialog';

/** Longest sample the API accepts, and most samples per check. */
export const MAX_SAMPLE_LENGTH = 500;
export const MAX_SAMPLES = 10_000;

const YES = YES_NO[0];

/** The recogniser list, fetched once per client. */
const listCache = new WeakMap<Client, Promise<RecognizerSummary[]>>();
function recognizers(client: Client): Promise<RecognizerSummary[]> {
  let p = listCache.get(client);
  if (!p) {
    p = client.invoke('recognizer.list', {}).then((r) => (r.ok ? r.value.recognizers : []));
    listCache.set(client, p);
    void p.then((list) => {
      if (list.length === 0) listCache.delete(client);
    });
  }
  return p;
}

function useRecognizerNames(client: Client): Map<string, RecognizerSummary> {
  const [map, setMap] = useState<Map<string, RecognizerSummary>>(new Map());
  useEffect(() => {
    let live = true;
    void recognizers(client).then((list) => {
      if (live) setMap(new Map(list.map((r) => [r.id, r])));
    });
    return () => {
      live = false;
    };
  }, [client]);
  return map;
}

const nameOf = (names: Map<string, RecognizerSummary>, lang: Lang, id: string) => {
  const r = names.get(id);
  return r ? (lang === 'en' ? r.nameEn : r.name) : id;
};

/** Sample lines as they will be sent: blank lines dropped, nothing else changed. */
export function sampleLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/**
 * The stored hits per recogniser: a field-name hit and the latest sample counts. Recognisers whose
 * samples matched nothing (and whose name did not match) are only counted.
 */
export function groupHits(hits: EntryDetail['recognizerHits']) {
  const by = new Map<string, { recognizerId: string; byName: boolean; sample: { matched: number; total: number; at: string } | null }>();
  for (const h of hits) {
    let g = by.get(h.recognizerId);
    if (!g) by.set(h.recognizerId, (g = { recognizerId: h.recognizerId, byName: false, sample: null }));
    if (h.basis === 'name') g.byName = true;
    else if (!g.sample || h.at > g.sample.at) g.sample = { matched: h.matched, total: h.total, at: h.at };
  }
  const all = [...by.values()];
  const shown = all.filter((g) => g.byName || (g.sample && g.sample.matched > 0));
  return { shown, unmatched: all.length - shown.length };
}

interface Props {
  detail: EntryDetail;
  revision: number;
  readOnly: boolean;
  dirty: boolean;
  onChanged(): void;
  onStatus(message: string): void;
}

export function RecognizerSection({ detail, revision, readOnly, dirty, onChanged, onStatus }: Props) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const names = useRecognizerNames(client);
  const entry = detail.entry;
  const [suggestion, setSuggestion] = useState<RecognizerSuggestion | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [samplesOpen, setSamplesOpen] = useState(false);
  const [sampleFileOpen, setSampleFileOpen] = useState(false);

  useInvokeEffect(
    'recognizer.suggestion',
    { entryId: entry.id },
    (r) => {
      if (r.ok) setSuggestion(r.value);
      else setSuggestion(null);
    },
    [entry.id, revision],
  );

  const differs =
    suggestion !== null &&
    ((suggestion.isPersonalInfo && entry.isPersonalInfo !== YES) || (suggestion.isSensitivePersonalInfo && entry.isSensitivePersonalInfo !== YES));

  const accept = async () => {
    setBusy(true);
    setError(null);
    const r = await client.invoke('recognizer.accept', { entryId: entry.id });
    setBusy(false);
    if (r.ok) {
      setSuggestion(r.value);
      onStatus(t('recognizer.acceptedStatus', { dataId: entry.dataId }));
      onChanged();
    } else setError(r.error);
  };

  const yesNo = (v: boolean) => t(v ? 'code.yes' : 'code.no');
  const { shown, unmatched } = groupHits(detail.recognizerHits);

  return (
    <section className="detail-section recognizer-section" aria-labelledby="detail-recognizers" data-testid="recognizer-section">
      <h3 id="detail-recognizers">{t('recognizer.heading')}</h3>
      {shown.length === 0 ? (
        <p className="muted" data-testid="recognizer-no-hits">
          {detail.recognizerHits.length === 0 ? t('recognizer.noHits') : t('recognizer.noMatches')}
        </p>
      ) : (
        <ul className="hits">
          {shown.map((g) => (
            <li key={g.recognizerId} data-testid="recognizer-hit" data-recognizer={g.recognizerId} data-basis={g.byName && g.sample ? 'both' : g.byName ? 'name' : 'sample'}>
              <strong>{nameOf(names, lang, g.recognizerId)}</strong>
              {g.byName ? (
                <span className="hit-basis" data-basis="name">
                  {t('recognizer.basisName')}
                </span>
              ) : null}
              {g.sample ? (
                <span className="hit-basis" data-basis="sample">
                  {t('recognizer.basisSample')} <span className="mono">{t('recognizer.matched', { matched: g.sample.matched, total: g.sample.total })}</span>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {unmatched > 0 ? (
        <p className="muted" data-testid="recognizer-unmatched">
          {t('recognizer.unmatched', { count: unmatched })}
        </p>
      ) : null}
      {suggestion && (suggestion.isPersonalInfo || suggestion.reasons.length > 0) ? (
        <div className="recognizer-suggestion" data-testid="recognizer-suggestion" data-pi={suggestion.isPersonalInfo} data-spi={suggestion.isSensitivePersonalInfo}>
          <p>
            {t('recognizer.suggests', { pi: yesNo(suggestion.isPersonalInfo), spi: yesNo(suggestion.isSensitivePersonalInfo) })}{' '}
            {isLevel(suggestion.level) ? (
              <>
                {t('recognizer.suggestsLevel')} <LevelBadge level={suggestion.level} />
              </>
            ) : null}
          </p>
          {suggestion.reasons.length > 0 ? (
            <ul className="hits">
              {suggestion.reasons.map((r, i) => (
                <li key={i} data-recognizer={r.recognizerId}>
                  {pick(r)}
                </li>
              ))}
            </ul>
          ) : null}
          {differs && !readOnly ? (
            <div className="detail-confirm">
              <button type="button" className="btn btn-primary btn-small" data-testid="recognizer-accept" disabled={busy || dirty} onClick={() => void accept()}>
                {t('recognizer.accept')}
              </button>
              <span className="muted">{dirty ? t('detail.confirmSaveFirst') : t('recognizer.acceptHint')}</span>
            </div>
          ) : null}
        </div>
      ) : null}
      {error ? <Alert testId="recognizer-error">{pick(error)}</Alert> : null}
      {!readOnly ? (
        <button type="button" className="btn btn-secondary btn-small" data-testid="samples-open" onClick={() => setSamplesOpen(true)}>
          {t('samples.open')}
        </button>
      ) : null}
      {!readOnly ? (
        <button type="button" className="btn btn-secondary btn-small" data-testid="sample-file-open-dialog" onClick={() => setSampleFileOpen(true)}>
          {t('sampleFile.open')}
        </button>
      ) : null}
      {sampleFileOpen ? (
        <SampleFileDialog
          entryId={entry.id}
          label={entry.itemName || entry.resourceName || entry.dataId}
          nameOf={(id) => nameOf(names, lang, id)}
          onClose={() => setSampleFileOpen(false)}
          onScanned={(hits) => {
            onStatus(t('samples.doneStatus', { dataId: entry.dataId, hits }));
            onChanged();
          }}
        />
      ) : null}
      {samplesOpen ? (
        <SamplesDialog
          entryId={entry.id}
          label={entry.itemName || entry.resourceName || entry.dataId}
          names={names}
          onClose={() => setSamplesOpen(false)}
          onScanned={(hits) => {
            onStatus(t('samples.doneStatus', { dataId: entry.dataId, hits }));
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

interface SamplesProps {
  entryId: number;
  label: string;
  names: Map<string, RecognizerSummary>;
  onClose(): void;
  onScanned(hits: number): void;
}

export function SamplesDialog({ entryId, label, names, onClose, onScanned }: SamplesProps) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<SampleScanResult[] | null>(null);
  const lines = sampleLines(text);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (lines.length === 0) {
      setProblem(t('samples.errorEmpty'));
      document.getElementById('samples-text')?.focus();
      return;
    }
    if (lines.length > MAX_SAMPLES) {
      setProblem(t('samples.errorTooMany', { max: MAX_SAMPLES }));
      return;
    }
    if (lines.some((l) => l.length > MAX_SAMPLE_LENGTH)) {
      setProblem(t('samples.errorTooLong', { max: MAX_SAMPLE_LENGTH }));
      return;
    }
    setProblem(null);
    setBusy(true);
    const r = await client.invoke('recognizer.scanSamples', { entryId, samples: lines });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    // The values have done their job: they are not kept here either.
    setText('');
    const sorted = [...r.value].sort((a, b) => Number(b.hit) - Number(a.hit) || b.matched - a.matched);
    setResults(sorted);
    onScanned(sorted.filter((x) => x.hit).length);
  };

  const matchedAny = results?.filter((r) => r.matched > 0) ?? [];

  return (
    <Dialog title={t('samples.title', { name: label })} testId="samples-dialog" onCancel={onClose} wide initialFocus="#samples-text">
      <form noValidate className="form samples-form" onSubmit={(e) => void submit(e)}>
        <p className="notice notice-info" id="samples-privacy" data-testid="samples-privacy">
          {t('samples.privacy')}
        </p>
        <div className={`field${problem ? ' field-invalid' : ''}`}>
          <label htmlFor="samples-text" className="field-label">
            {t('samples.label')}
          </label>
          <textarea
            id="samples-text"
            data-testid="samples-text"
            rows={8}
            value={text}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problem !== null}
            aria-describedby={['samples-privacy', 'samples-hint', problem ? 'samples-problem' : ''].filter(Boolean).join(' ')}
            onChange={(e) => {
              setText(e.target.value);
              if (problem) setProblem(null);
            }}
          />
          <p id="samples-hint" className="field-hint" data-testid="samples-count" data-count={lines.length}>
            {t('samples.hint', { count: lines.length })}
          </p>
          {problem ? (
            <p id="samples-problem" className="field-error" data-testid="samples-problem">
              {problem}
            </p>
          ) : null}
        </div>
        {error ? <Alert testId="samples-error">{pick(error)}</Alert> : null}
        {results ? (
          <div className="samples-result" data-testid="samples-result" role="status">
            <p>
              {results.length > 0
                ? t('samples.resultSummary', { total: results[0]!.total, recognizers: results.length, hits: results.filter((r) => r.hit).length })
                : t('samples.noRecognizers')}
            </p>
            {matchedAny.length === 0 ? (
              <p className="muted" data-testid="samples-no-match">
                {t('samples.noMatch')}
              </p>
            ) : (
              <SampleResultTable results={matchedAny} nameOf={(id) => nameOf(names, lang, id)} rowTestId="samples-result-row" />
            )}
          </div>
        ) : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" data-testid="samples-close" onClick={onClose}>
            {t('samples.close')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="samples-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('samples.checking') : t('samples.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
