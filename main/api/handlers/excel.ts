/** Handlers of the Excel import and export channels: each calls the Excel service. */
import type { Channel } from '../contract';
import type { Handlers } from '../handlers';
import type { Services } from '../../services/index';

type ExcelChannel = Extract<Channel, `excel.${string}`>;

export function createExcelHandlers(s: Services): Pick<Handlers, ExcelChannel> {
  return {
    'excel.dryRun': (i) => s.excel.dryRun(i),
    'excel.commit': (i) => s.excel.commit(i),
    'excel.cancel': () => s.excel.cancel(),
    'excel.export': (i) => s.excel.export(i),
    'excel.exportFindings': (i) => s.excel.exportFindings(i),
  };
}
