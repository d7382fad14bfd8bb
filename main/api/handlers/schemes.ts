/** Handlers of the classification-rules channels: each calls the scheme-file service. */
import type { Handlers } from '../handlers';
import type { Services } from '../../services/index';
import type { schemesContract } from '../contract/schemes';

type SchemesChannel = keyof typeof schemesContract;

export function createSchemesHandlers(s: Services): Pick<Handlers, SchemesChannel> {
  return {
    'scheme.overview': () => s.schemeFiles.overview(),
    'scheme.previewFile': (i) => s.schemeFiles.preview(i.path),
    'scheme.importFile': (i) => s.schemeFiles.importFile(i.path),
    'scheme.export': (i) => s.schemeFiles.export(i),
    'scheme.activationPreview': (i) => s.schemeFiles.activationPreview(i.id, i.version),
    'scheme.activateAndRegrade': (i) => s.schemeFiles.activate(i.id, i.version),
    'recognizer.pack': () => s.schemeFiles.packView(),
    'recognizer.importPackFile': (i) => s.schemeFiles.importPackFile(i.path),
    'recognizer.resetPack': () => s.schemeFiles.resetPack(),
    'recognizer.fileColumns': (i) => s.schemeFiles.fileColumns(i.path),
    'recognizer.scanSampleFile': (i) => s.schemeFiles.scanSampleFile(i),
  };
}
