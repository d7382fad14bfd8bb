/**
 * Make a filing package: the kind, the quality check first (a warning when there are errors),
 * sealing for the bureau (on by default when a bureau key is known), key rotation, where to save;
 * then what was made: sequence, digest, counts, where it was written.
 */
import { useState, type FormEvent } from 'react';
import { FILING_KIND_CODES, FILING_KIND_LABELS, type BuildResult, type CounterpartKeyInfo, type FilingKindCode } from '../../../main/domain/package/index';
import type { QualitySummary } from '../../../main/api/contract/quality';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { usePick, useT } from '../../i18n/index';
import { FILING_KIND_KEYS } from '../../i18n/codes';
import { Alert, Status } from '../../components/Alert';
import { PathField } from '../../components/FileChooser';
import { useViewStore } from '../../store/view';

interface Props {
  hasKey: boolean;
  hasPrevious: boolean;
  bureauKey: CounterpartKeyInfo | undefined;
  dir: string;
  onBuilt(): Promise<void>;
}

const today = () => new Date().toISOString().slice(0, 10);

export function BuildSection({ hasKey, hasPrevious, bureauKey, dir, onBuilt }: Props) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const go = useViewStore((s) => s.go);
  const [kind, setKind] = useState<FilingKindCode>(hasPrevious ? 'annual' : 'initial');
  const [quality, setQuality] = useState<QualitySummary | null>(null);
  // Sealing follows the bureau key: on whenever one is known. A deliberate untick holds for that
  // key until a package is made (then the default is back); a new or revoked key resets it.
  const [sealChoice, setSealChoice] = useState<{ fingerprint: string; seal: boolean } | null>(null);
  const seal = bureauKey !== undefined && (sealChoice?.fingerprint === bureauKey.fingerprint ? sealChoice.seal : true);
  const [rotate, setRotate] = useState(false);
  const kindName = (k: FilingKindCode) => t(FILING_KIND_KEYS[FILING_KIND_LABELS[k].zh]);
  const nameFor = (k: FilingKindCode) => `${dir}${t('filing.build.defaultName', { kind: k, date: today() })}`;
  const [outPath, setOutPath] = useState(() => nameFor(hasPrevious ? 'annual' : 'initial'));
  const [pathTouched, setPathTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [result, setResult] = useState<BuildResult | null>(null);
  const [rotated, setRotated] = useState<string | null>(null);

  useInvokeEffect(
    'quality.summary',
    {},
    (r) => {
      if (r.ok) setQuality(r.value);
    },
    [],
  );

  const chooseKind = (k: FilingKindCode) => {
    setKind(k);
    if (!pathTouched) setOutPath(nameFor(k));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await client.invoke('package.build', { kind, outPath, seal, ...(rotate ? { rotateKey: true } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setResult(r.value);
    if (rotate) {
      const k = await client.invoke('keys.status', {});
      setRotated(k.ok && k.value.own ? k.value.own.fingerprint : null);
    } else setRotated(null);
    setRotate(false);
    setSealChoice(null);
    setPathTouched(false);
    await onBuilt();
    document.getElementById('filing-result')?.focus();
  };

  return (
    <section className="filing-section" aria-labelledby="filing-build-heading" data-testid="filing-build-section" aria-busy={busy}>
      <h2 id="filing-build-heading">{t('filing.build.heading')}</h2>
      <div className="filing-quality" data-testid="filing-quality" data-errors={quality?.errors ?? ''}>
        <h3>{t('filing.build.quality')}</h3>
        {quality ? (
          <>
            <p>{t('filing.build.qualityCounts', { errors: quality.errors, warnings: quality.warnings, rows: quality.totals.sheet2Rows })}</p>
            {quality.errors > 0 ? (
              <div className="notice notice-warning" data-testid="filing-quality-warning">
                <p>{t('filing.build.qualityBlocking', { errors: quality.errors })}</p>
                <button type="button" className="btn btn-secondary btn-small" onClick={() => go('quality')}>
                  {t('filing.build.openQuality')}
                </button>
              </div>
            ) : (
              <p className="muted">{t('filing.build.qualityOk')}</p>
            )}
          </>
        ) : (
          <p className="muted">{t('filing.build.qualityChecking')}</p>
        )}
      </div>
      {!hasKey ? <p className="notice notice-info">{t('filing.build.needKey')}</p> : null}
      <form className="filing-form" onSubmit={(e) => void submit(e)}>
        <fieldset className="filing-kinds">
          <legend>{t('filing.build.kind')}</legend>
          {FILING_KIND_CODES.map((k) => (
            <label key={k} className="radio-option">
              <input type="radio" name="filing-kind" value={k} id={`filing-kind-${k}`} data-testid={`filing-kind-${k}`} checked={kind === k} onChange={() => chooseKind(k)} />
              {kindName(k)}
            </label>
          ))}
        </fieldset>
        {kind === 'change' ? <p className={hasPrevious ? 'hint' : 'notice notice-warning'}>{hasPrevious ? t('filing.build.kindChangeHint') : t('filing.build.noPrevious')}</p> : null}
        <div className="field">
          <label className="checkbox-option">
            <input type="checkbox" data-testid="filing-seal" checked={seal} disabled={!bureauKey} onChange={(e) => bureauKey && setSealChoice({ fingerprint: bureauKey.fingerprint, seal: e.target.checked })} />
            {t('filing.build.seal')}
          </label>
          <p className="hint">{bureauKey ? t('filing.build.sealTo', { fingerprint: bureauKey.fingerprint }) : t('filing.build.sealNoKey')}</p>
        </div>
        <div className="field">
          <label className="checkbox-option">
            <input type="checkbox" data-testid="filing-rotate" checked={rotate} disabled={!hasKey} onChange={(e) => setRotate(e.target.checked)} aria-describedby="filing-rotate-hint" />
            {t('filing.build.rotate')}
          </label>
          <p className="hint" id="filing-rotate-hint">
            {t('filing.build.rotateHint')}
          </p>
        </div>
        <PathField id="filing-out-path" label={t('filing.build.outPath')} value={outPath} onChange={(p) => { setOutPath(p); setPathTouched(true); }} mode="save" extensions={['dsp']} />
        <button type="submit" className="btn btn-primary" data-testid="filing-build" disabled={busy || !hasKey || !outPath}>
          {busy ? t('filing.working') : t('filing.build.submit')}
        </button>
      </form>
      {error ? <Alert testId="filing-build-error">{pick(error)}</Alert> : null}
      {result ? (
        <div id="filing-result" tabIndex={-1} className="filing-result" data-testid="filing-result" data-sequence={result.sequence} data-digest={result.digest} data-path={result.path}>
          <Status tone="success">{t('filing.build.done', { sequence: result.sequence })}</Status>
          <dl className="filing-dl">
            <dt>{t('filing.build.resultSequence')}</dt>
            <dd data-testid="filing-result-sequence">{result.sequence}</dd>
            <dt>{t('filing.build.resultKind')}</dt>
            <dd>{kindName(result.kind)}</dd>
            <dt>{t('filing.build.resultDigest')}</dt>
            <dd className="mono filing-digest" data-testid="filing-result-digest">
              {result.digest}
            </dd>
            <dt>{t('filing.build.resultCounts')}</dt>
            <dd>{t('filing.counts', { systems: result.counts.systems, resources: result.counts.resources, items: result.counts.items, catalog: result.counts.catalogEntries })}</dd>
            <dt>{t('filing.build.resultPath')}</dt>
            <dd className="mono" data-testid="filing-result-path">
              {result.path}
            </dd>
            <dt>{t('filing.build.resultSealed')}</dt>
            <dd className="mono">{result.sealedTo ?? t('filing.build.notSealed')}</dd>
            {rotated ? (
              <>
                <dt>{t('filing.build.resultRotation')}</dt>
                <dd className="mono" data-testid="filing-result-rotation">
                  {rotated}
                </dd>
              </>
            ) : null}
          </dl>
        </div>
      ) : null}
    </section>
  );
}
