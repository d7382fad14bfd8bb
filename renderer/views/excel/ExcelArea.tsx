/**
 * The Excel area: import of the bureau template (preview, problems, confirm or cancel), import of
 * any other sheet through the column-mapping wizard, and the exports. Three tabs (arrow keys,
 * Home and End move between them); each panel keeps its state while another tab is shown.
 */
import { useState } from 'react';
import { useT, type MessageKey } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Tabs, tabPanelProps } from '../../components/Tabs';
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

  return (
    <div className="excel-page" data-testid="excel-page">
      <div className="page-head">
        <PageHeading>{t('excel.heading')}</PageHeading>
      </div>
      <p className="muted">{t('excel.intro')}</p>
      <Tabs tabs={TABS.map((k) => ({ key: k, label: t(TAB_KEYS[k]) }))} selected={tab} onSelect={setTab} label={t('excel.tabs')} idPrefix="excel" />
      {TABS.map((k) => (
        <div key={k} {...tabPanelProps('excel', k)} className="excel-panel" data-testid={`excel-panel-${k}`} hidden={tab !== k}>
          {k === 'import' ? <ImportPanel /> : null}
          {k === 'mapping' ? <MappingWizard /> : null}
          {k === 'export' ? <ExportPanel /> : null}
        </div>
      ))}
    </div>
  );
}
