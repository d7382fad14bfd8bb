/**
 * Why the suggested level is what it is: every contribution (matrix cell, category reference
 * level, floor or aggregation rule, recogniser, roll-up of an item) with its level, the decisive
 * ones marked (the highest prevails).
 */
import type { EntryDetail } from '../../../main/api/contract/inventory';
import type { Contribution } from '../../../main/domain/grading';
import { useT, type TFunction } from '../../i18n/index';
import { codeLabel, IMPACT_DEGREE_KEYS, IMPACT_OBJECT_KEYS } from '../../i18n/codes';
import { LevelBadge } from '../../components/LevelBadge';
import type { MessageKey } from '../../i18n/zh-CN';

const SOURCE_KEYS: Record<Contribution['source'], MessageKey> = {
  matrix: 'explain.source.matrix',
  category: 'explain.source.category',
  rule: 'explain.source.rule',
  recognizer: 'explain.source.recognizer',
  rollup: 'explain.source.rollup',
};

export function describeContribution(t: TFunction, c: Contribution): string {
  switch (c.source) {
    case 'matrix':
      return t('explain.matrix', { object: codeLabel(t, IMPACT_OBJECT_KEYS, c.object), degree: codeLabel(t, IMPACT_DEGREE_KEYS, c.degree) });
    case 'category':
      return t('explain.category', { code: c.code || t('common.none') });
    case 'rule':
      return c.description;
    case 'recognizer':
      return t('explain.recognizer', { id: c.recognizerId });
    case 'rollup':
      return t('explain.rollup', { dataId: c.dataId });
  }
}

const same = (a: Contribution, b: Contribution) => JSON.stringify(a) === JSON.stringify(b);

function Contributions({ list, decisive, testPrefix }: { list: Contribution[]; decisive: Contribution[]; testPrefix: string }) {
  const t = useT();
  return (
    <ul className="contributions">
      {list.map((c, i) => {
        const isDecisive = decisive.some((d) => same(d, c));
        return (
          <li
            key={i}
            className={`contribution${isDecisive ? ' contribution-decisive' : ''}`}
            data-testid={isDecisive ? `${testPrefix}-decisive` : `${testPrefix}-item`}
            data-source={c.source}
          >
            <span className={`contrib-source contrib-${c.source}`}>{t(SOURCE_KEYS[c.source])}</span>
            <span className="contrib-text">{describeContribution(t, c)}</span>
            <span className="contrib-arrow" aria-hidden="true">
              →
            </span>
            <span className="sr-only">{t('explain.gives')}</span>
            <LevelBadge level={c.level} />
            {isDecisive ? <span className="badge badge-decisive">{t('explain.decisive')}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function Explanation({ detail }: { detail: EntryDetail }) {
  const t = useT();
  const { explanation, rollup } = detail;
  return (
    <section className="detail-section explanation" aria-labelledby="explanation-heading" data-testid="explanation">
      <h3 id="explanation-heading">{t('explain.heading')}</h3>
      <p className="explain-summary">
        {t('explain.suggested')} <LevelBadge level={explanation.level} testId="explanation-level" />
      </p>
      {explanation.contributions.length === 0 ? (
        <p className="muted" data-testid="explanation-none">
          {t('explain.none')}
        </p>
      ) : (
        <Contributions list={explanation.contributions} decisive={explanation.decisive} testPrefix="explanation" />
      )}
      {rollup ? (
        <div className="explain-rollup" data-testid="explanation-rollup">
          <h4>{t('explain.rollupHeading')}</h4>
          <p className="explain-summary">
            {t('explain.rollupLevel')} <LevelBadge level={rollup.level} />
          </p>
          {rollup.contributions.length === 0 ? (
            <p className="muted">{t('explain.rollupNone')}</p>
          ) : (
            <Contributions list={rollup.contributions} decisive={rollup.contributions.filter((c) => c.level === rollup.level)} testPrefix="rollup" />
          )}
        </div>
      ) : null}
    </section>
  );
}
