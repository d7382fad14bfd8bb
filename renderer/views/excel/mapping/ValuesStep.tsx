/** Step 4: for each mapped code-list column, every distinct value (with its count) and the code it becomes. */
import { codeListOf, MAX_DISTINCT_VALUES, valueKey, type MappingSheetView } from '../../../../main/domain/sheets/mapping';
import { codeLabel } from '../../../i18n/codes';
import { useT } from '../../../i18n/index';
import { Status } from '../../../components/Alert';
import { codeColumns, codeKeysOf, targetLabelKey, valuesOf, type Choices } from './model';

const KEEP = '\u0000keep';

export function ValuesStep({ view, choices, onChoices }: { view: MappingSheetView; choices: Choices; onChoices(next: Choices): void }) {
  const t = useT();
  const cols = codeColumns(view.columns, choices.targets);
  if (cols.length === 0) return <p data-testid="mapping-values-none">{t('mapping.values.none')}</p>;
  let unmapped = 0;
  const tables = cols.map(({ column, target }) => {
    const list = codeListOf(target) ?? [];
    const keys = codeKeysOf(target);
    const map = choices.values[target] ?? {};
    const set = (k: string, code: string) => {
      const next = { ...map };
      if (code === KEEP) delete next[k];
      else next[k] = code;
      onChoices({ ...choices, values: { ...choices.values, [target]: next } });
    };
    const values = valuesOf(column, target);
    return (
      <div className="table-wrap" key={column.index}>
        <table className="data-table mapping-values" data-testid={`mapping-values-${column.letter}`}>
          <caption>{t('mapping.values.caption', { header: column.header, field: t(targetLabelKey(target)) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mapping.values.value')}</th>
              <th scope="col" className="num">
                {t('mapping.values.count')}
              </th>
              <th scope="col">{t('mapping.values.code')}</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v, i) => {
              const k = valueKey(v.value);
              const code = k in map ? map[k]! : KEEP;
              if (code === KEEP && !list.includes(v.value)) unmapped++;
              return (
                <tr key={k}>
                  <th scope="row">{v.value}</th>
                  <td className="num">{v.count}</td>
                  <td>
                    <select aria-label={t('mapping.values.codeFor', { value: v.value })} data-testid={`mapping-value-${column.letter}-${i}`} value={code} onChange={(e) => set(k, e.target.value)}>
                      <option value={KEEP}>{t('mapping.values.keep')}</option>
                      <option value="">{t('mapping.values.empty')}</option>
                      {list.map((c) => (
                        <option key={c} value={c}>
                          {codeLabel(t, keys, c)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {column.distinctMore ? <p className="hint">{t('mapping.values.more', { max: MAX_DISTINCT_VALUES })}</p> : null}
      </div>
    );
  });
  return (
    <div>
      <p>{t('mapping.values.intro')}</p>
      {tables}
      {unmapped > 0 ? (
        <Status tone="warning" testId="mapping-values-unmapped">
          {t('mapping.values.unmapped', { count: unmapped })}
        </Status>
      ) : null}
    </div>
  );
}
