/** One scheme version, read only: level set and its mapping, the category tree, the grading matrix, floor and aggregation rules. */
import type { CategoryNode, SchemeDefinition, SchemeRule } from '../../../main/domain/scheme';
import { IMPACT_DEGREES, IMPACT_OBJECTS } from '../../../main/domain/code-lists';
import { isLevel } from '../../../main/domain/levels';
import { useLang, useT } from '../../i18n/index';
import { LevelBadge } from '../../components/LevelBadge';

function Level({ value }: { value: string | undefined }) {
  return isLevel(value) ? <LevelBadge level={value} /> : <span>{value ?? ''}</span>;
}

function Tree({ nodes, depth }: { nodes: readonly CategoryNode[]; depth: number }) {
  const lang = useLang();
  return (
    <ul className={depth === 0 ? 'scheme-tree' : undefined}>
      {nodes.map((n) => (
        <li key={n.code} data-testid="scheme-category" data-code={n.code}>
          <span className="mono">{n.code}</span> <strong>{lang === 'en' && n.nameEn ? n.nameEn : n.name}</strong>{' '}
          {n.referenceLevel ? <Level value={n.referenceLevel} /> : null}
          {n.examples ? <div className="muted scheme-examples">{n.examples}</div> : null}
          {n.children?.length ? <Tree nodes={n.children} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Rules({ rules, testId, caption }: { rules: readonly SchemeRule[]; testId: string; caption: string }) {
  const t = useT();
  const lang = useLang();
  const yn = (b: boolean | undefined) => (b === undefined ? '' : t(b ? 'code.yes' : 'code.no'));
  if (rules.length === 0) return <p className="muted">{t('schemes.detail.noRules')}</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('schemes.rule.id')}</th>
            <th scope="col">{t('schemes.rule.description')}</th>
            <th scope="col">{t('schemes.rule.when')}</th>
            <th scope="col">{t('schemes.rule.atLeast')}</th>
            <th scope="col">{t('schemes.rule.basis')}</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} data-rule={r.id}>
              <td className="mono">{r.id}</td>
              <td>{lang === 'en' && r.descriptionEn ? r.descriptionEn : r.description}</td>
              <td>
                {[
                  r.when.isPersonalInfo !== undefined ? t('schemes.rule.pi', { v: yn(r.when.isPersonalInfo) }) : '',
                  r.when.isSensitivePersonalInfo !== undefined ? t('schemes.rule.spi', { v: yn(r.when.isSensitivePersonalInfo) }) : '',
                  r.when.personCountAtLeast !== undefined ? t('schemes.rule.people', { n: r.when.personCountAtLeast.toLocaleString() }) : '',
                  r.when.recordCountAtLeast !== undefined ? t('schemes.rule.records', { n: r.when.recordCountAtLeast.toLocaleString() }) : '',
                ]
                  .filter(Boolean)
                  .join('; ')}
              </td>
              <td>
                <Level value={r.atLeast} />
              </td>
              <td className="muted">{r.basis ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SchemeDetail({ definition, version, onClose }: { definition: SchemeDefinition; version: number; onClose(): void }) {
  const t = useT();
  const lang = useLang();
  const cell = (o: string, d: string) => definition.matrix.find((m) => m.object === o && m.degree === d)?.level;
  return (
    <section className="card scheme-detail" aria-labelledby="scheme-detail-heading" data-testid="scheme-detail" data-scheme={definition.id} data-version={version}>
      <div className="page-head">
        <h2 id="scheme-detail-heading">{t('schemes.detail.heading', { name: lang === 'en' && definition.nameEn ? definition.nameEn : definition.name, version })}</h2>
        <button type="button" className="btn btn-ghost btn-small" data-testid="scheme-detail-close" onClick={onClose}>
          {t('schemes.detail.close')}
        </button>
      </div>
      <dl className="scheme-meta">
        <dt>{t('schemes.col.id')}</dt>
        <dd className="mono">{definition.id}</dd>
        <dt>{t('schemes.col.industry')}</dt>
        <dd>{definition.industry}</dd>
        {definition.source ? (
          <>
            <dt>{t('schemes.detail.source')}</dt>
            <dd className="muted">{definition.source}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('schemes.detail.levels', { name: definition.levelSet.name })}</h3>
      <div className="table-wrap">
        <table className="data-table" data-testid="scheme-levels">
          <thead>
            <tr>
              <th scope="col">{t('schemes.detail.level')}</th>
              <th scope="col">{t('schemes.detail.mapsTo')}</th>
            </tr>
          </thead>
          <tbody>
            {definition.levelSet.levels.map((l) => (
              <tr key={l}>
                <td>{l}</td>
                <td>
                  <Level value={definition.levelSet.mapping[l]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('schemes.detail.categories')}</h3>
      <Tree nodes={definition.categories} depth={0} />
      <h3>{t('schemes.detail.matrix')}</h3>
      <div className="table-wrap">
        <table className="data-table scheme-matrix" data-testid="scheme-matrix">
          <thead>
            <tr>
              <th scope="col">{t('schemes.detail.object')}</th>
              {IMPACT_DEGREES.map((d) => (
                <th scope="col" key={d}>
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {IMPACT_OBJECTS.map((o) => (
              <tr key={o}>
                <th scope="row">{o}</th>
                {IMPACT_DEGREES.map((d) => (
                  <td key={d} data-object={o} data-degree={d}>
                    <Level value={cell(o, d)} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('schemes.detail.floorRules')}</h3>
      <Rules rules={definition.floorRules} testId="scheme-floor-rules" caption={t('schemes.detail.floorRules')} />
      <h3>{t('schemes.detail.aggregationRules')}</h3>
      <Rules rules={definition.aggregationRules} testId="scheme-aggregation-rules" caption={t('schemes.detail.aggregationRules')} />
    </section>
  );
}
