/**
 * The Excel area: import of the bureau template (preview, problems, confirm or cancel), import of
 * any other sheet through the column-mapping wizard, and the exports. Three tabs (arrow keys,
 * Home and End move between them); each panel keeps its state while another tab is shown.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useT, type MessageKey } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { useExcelImportStore } from './import-store';
import { useWorkspaceScopedStore } from '../../store/workspace-scoped';
import { MappingWizard } from './mapping/MappingWizard';

type Tab = 'import' | 'mapping' | 'export';
const TABS: readonly Tab[] = ['import', 'mapping', 'export'];
const TAB_KEYS: Record<Tab, MessageKey> = { import: 'excel.tab.import', mapping: 'excel.tab.mapping', export: 'excel.tab.export' };

export function ExcelArea() {
  return useWorkspaceScopedStore(useExcelImportStore) ? <ExcelPage /> : null;
}

function ExcelPage() {
  const t = useT();
  const [tab, setTab] = useState<Tab>('import');
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.indexOf(tab);
    let next: Tab | undefined;
    if (e.key === 'ArrowRight') next = TABS[(i + 1) % TABS.length];
    else if (e.key === 'ArrowLeft') next = TABS[(i - 1 + TABS.length) % TABS.length];
    else if (e.key === 'Home') next = TABS[0];
    else if (e.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    e.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="excel-page" data-testid="excel-page">
      <div className="page-head">
        <PageHeading>{t('excel.heading')}</PageHeading>
      </div>
      <p className="muted">{t('excel.intro')}</p>
      <div className="excel-tabs" role="tablist" aria-label={t('excel.tabs')} onKeyDown={onKey}>
        {TABS.map((k) => (
          <button
            key={k}
            ref={(el) => {
              refs.current[k] = el;
            }}
            type="button"
            role="tab"
            id={`excel-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`excel-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            className={`excel-tab${tab === k ? ' excel-tab-active' : ''}`}
            data-testid={`excel-tab-${k}`}
            onClick={() => setTab(k)}
          >
            {t(TAB_KEYS[k])}
          </button>
        ))}
      </div>
      {TABS.map((k) => (
        <div key={k} role="tabpanel" id={`excel-panel-${k}`} aria-labelledby={`excel-tab-${k}`} className="excel-panel" data-testid={`excel-panel-${k}`} hidden={tab !== k}>
          {k === 'import' ? <ImportPanel /> : null}
          {k === 'mapping' ? <MappingWizard /> : null}
          {k === 'export' ? <ExportPanel /> : null}
        </div>
      ))}
    </div>
  );
}
