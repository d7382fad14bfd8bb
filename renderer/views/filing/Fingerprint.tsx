/** A key fingerprint in 16 groups of four, large and spaced, to read out over the phone. */
import { useT } from '../../i18n/index';

export function Fingerprint({ value, testId }: { value: string; testId: string }) {
  const t = useT();
  const groups = value.split(' ');
  return (
    <p className="filing-fingerprint" data-testid={testId} data-fingerprint={value} aria-label={`${t('filing.key.fingerprintGroups')}: ${value}`}>
      {groups.map((g, i) => (
        <span key={i} className="filing-fp-group" aria-hidden="true">
          {g}
        </span>
      ))}
    </p>
  );
}

/** The first groups of a fingerprint, for tables. */
export function shortFingerprint(fp: string | null): string {
  return fp ? `${fp.split(' ').slice(0, 4).join(' ')} …` : '';
}
