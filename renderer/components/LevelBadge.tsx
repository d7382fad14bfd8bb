/** A level of the GB/T 43697 set as a coloured badge (one colour per level); the stored value stays Chinese. */
import type { Level } from '../../main/domain/code-lists';
import { levelRank } from '../../main/domain/levels';
import { useT } from '../i18n/index';
import { LEVEL_KEYS } from '../i18n/codes';

export function LevelBadge({ level, title, testId, compact }: { level: Level | '' | null | undefined; title?: string | undefined; testId?: string; compact?: boolean }) {
  const t = useT();
  if (!level) return <span className="level-none">{t('common.none')}</span>;
  if (compact)
    return (
      <span className={`level-badge level-dot level-${levelRank(level)}`} title={title ?? t(LEVEL_KEYS[level])} data-level={level} data-testid={testId}>
        <span className="sr-only">{t(LEVEL_KEYS[level])}</span>
      </span>
    );
  return (
    <span className={`level-badge level-${levelRank(level)}`} title={title} data-level={level} data-testid={testId}>
      {t(LEVEL_KEYS[level])}
    </span>
  );
}
