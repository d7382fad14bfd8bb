/**
 * data/备案清单.xlsx: the bureau-template workbook (单位信息, 数据分类分级清单, 重要数据目录) of the
 * same state as the package's JSON — made from the very rows read for data/*.json (one read, in
 * one transaction), in memory: no temporary file, so no unencrypted copy of the inventory touches
 * the disk, even for a sealed package. The manifests, the Payload-Oxum and the signature cover it
 * like every payload file. The profile it shows carries the package's filing kind and date, as
 * data/profile.json does. Its parts are those `excel.export` writes for the same state and time.
 */
import { PAYLOAD_BUREAU_TEMPLATE_XLSX } from '../../domain/package/index';
import { buildExport } from '../excel/export-build';
import { xlsxBytes } from '../excel/xlsx-write';
import type { PayloadContributor } from './package-service';

/** zlib level inside the workbook (the package zip stores the workbook as it is). */
export const XLSX_LEVEL = 1;

export function bureauTemplateContributor(appVersion: string): PayloadContributor {
  return ({ state, createdAt, content }) => {
    const model = buildExport({
      profile: content.profile,
      entries: content.entries,
      catalog: content.sheetCatalog,
      catalogOnly: false,
      now: new Date(createdAt),
      appVersion,
      workspaceName: state.info.name,
    });
    return [{ path: PAYLOAD_BUREAU_TEMPLATE_XLSX, bytes: xlsxBytes(model.sheets, model.props, XLSX_LEVEL) }];
  };
}
