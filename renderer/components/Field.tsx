/**
 * A labelled form control with its hint, error and warning texts wired to it by aria-describedby.
 * Error and warning elements carry `field-error-<testKey>` / `field-warning-<testKey>` test ids
 * (another prefix than `field` with `testIdPrefix`).
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n/index';

export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'aria-required': boolean | undefined;
}

interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string | undefined;
  errors?: readonly string[];
  warnings?: readonly string[];
  /** Extra element ids that describe the control (e.g. a notice next to it). */
  describedBy?: readonly string[];
  testKey?: string;
  /** 'incomplete': the only problem is a missing value, which does not block saving (softer style). */
  errorTone?: 'error' | 'incomplete';
  className?: string;
  /** Prefix of the error / warning test ids (default `field`). */
  testIdPrefix?: string;
  /** Extra content after the control (before the messages). */
  after?: ReactNode;
  children: (props: ControlProps) => ReactNode;
}

export function Field({ id, label, required, hint, errors = [], warnings = [], describedBy = [], testKey, errorTone = 'error', className, testIdPrefix = 'field', after, children }: FieldProps) {
  const t = useT();
  const key = testKey ?? id;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const warningId = warnings.length > 0 ? `${id}-warning` : undefined;
  const ids = [errorId, warningId, hintId, ...describedBy].filter(Boolean).join(' ');
  const cls = ['field', errors.length > 0 ? (errorTone === 'incomplete' ? 'field-incomplete' : 'field-invalid') : '', warnings.length > 0 ? 'field-warned' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? (
          <>
            <span className="req" aria-hidden="true">
              {' *'}
            </span>
            <span className="sr-only">{t('common.requiredSr')}</span>
          </>
        ) : null}
      </label>
      {children({
        id,
        'aria-invalid': errors.length > 0,
        'aria-describedby': ids || undefined,
        'aria-required': required ? true : undefined,
      })}
      {after}
      {errors.length > 0 ? (
        <p id={errorId} className={errorTone === 'incomplete' ? 'field-error field-error-incomplete' : 'field-error'} data-severity={errorTone} data-testid={`${testIdPrefix}-error-${key}`}>
          {errors.join(' ')}
        </p>
      ) : null}
      {warnings.length > 0 ? (
        <p id={warningId} className="field-warning" data-testid={`${testIdPrefix}-warning-${key}`}>
          {warnings.join(' ')}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
