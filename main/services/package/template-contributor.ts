/**
 * data/备案清单.xlsx: the bureau-template workbook (单位信息, 数据分类分级清单, 重要数据目录) of the
 * same state as the package's JSON, made by the Excel export in memory. The manifests, the
 * Payload-Oxum and the signature cover it like every payload file. The profile it shows carries
 * the package's filing kind and date, as data/profile.json does.
 */
import { FILING_KIND_LABELS, PAYLOAD_BUREAU_TEMPLATE_XLSX, chinaDate } from '../../domain/package/index';
import { buildExport, catalogInOrder, entriesInOrder } from '../excel/export-build';
import { xlsxBytes } from '../excel/xlsx-write';
import type { PayloadContributor } from './package-service';

/** zlib level inside the workbook (the package zip stores the workbook as it is). */
const XLSX_LEVEL = 1;

export function bureauTemplateContributor(appVersion: string): PayloadContributor {
  return ({ state, kind, createdAt }) => {
    const { profile, entries, catalog } = state.store.tx(() => ({
      profile: state.store.profile.get().profile,
      entries: entriesInOrder(state.store),
      catalog: catalogInOrder(state.store),
    }));
    const model = buildExport({
      profile: { ...profile, filingKind: FILING_KIND_LABELS[kind].zh, filingDate: chinaDate(createdAt) },
      entries,
      catalog,
      catalogOnly: false,
      now: new Date(createdAt),
      appVersion,
      workspaceName: state.info.name,
    });
    return [{ path: PAYLOAD_BUREAU_TEMPLATE_XLSX, bytes: xlsxBytes(model.sheets, model.props, XLSX_LEVEL) }];
  };
}
