/** Previous / next page of a list, with "page n of m, total" between them. */
import { useT } from '../i18n/index';

interface Props {
  offset: number;
  limit: number;
  total: number;
  label: string;
  testId: string;
  onOffset(offset: number): void;
}

export function Pager({ offset, limit, total, label, testId, onOffset }: Props) {
  const t = useT();
  const page = Math.floor(offset / limit);
  const pages = Math.max(1, Math.ceil(total / limit));
  if (total <= limit && offset === 0) return null;
  return (
    <nav className="pager" aria-label={label} data-testid={testId}>
      <button type="button" className="btn btn-secondary btn-small" data-testid={`${testId}-prev`} disabled={page === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t('audit.prev')}
      </button>
      <span data-testid={`${testId}-info`} aria-live="polite">
        {t('pager.info', { page: page + 1, pages, total })}
      </span>
      <button type="button" className="btn btn-secondary btn-small" data-testid={`${testId}-next`} disabled={page + 1 >= pages} onClick={() => onOffset(offset + limit)}>
        {t('audit.next')}
      </button>
    </nav>
  );
}
