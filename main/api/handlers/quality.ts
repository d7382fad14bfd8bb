/** Handlers of the quality, recogniser, identification, catalog and demo channels: each calls one service. */
import type { Channel } from '../contract';
import type { Handlers } from '../handlers';
import type { Services } from '../../services/index';
import type { schemesContract } from '../contract/schemes';

type QualityChannel = Exclude<Extract<Channel, `quality.${string}` | `recognizer.${string}` | `identification.${string}` | `catalog.${string}` | `demo.${string}`>, keyof typeof schemesContract>;

export function createQualityHandlers(s: Services): Pick<Handlers, QualityChannel> {
  return {
    'quality.summary': () => s.quality.summary(),
    'quality.findings': (i) => s.quality.findings(i),
    'quality.byResource': (i) => s.quality.byResource(i),
    'recognizer.list': () => s.recognizer.list(),
    'recognizer.scanNames': (i) => s.recognizer.scanNames(i.selection),
    'recognizer.scanSamples': (i) => s.recognizer.scanSamples(i.entryId, i.samples),
    'recognizer.suggestion': (i) => s.recognizer.suggestion(i.entryId),
    'recognizer.accept': (i) => s.recognizer.accept(i.entryId),
    'recognizer.importPack': (i) => s.recognizer.importPack(i.json),
    'identification.get': (i) => s.catalog.identificationGet(i.resourceId),
    'identification.save': (i) => s.catalog.identificationSave(i.resourceId, i.answers),
    'catalog.list': (i) => s.catalog.list(i),
    'catalog.get': (i) => s.catalog.get(i.resourceId),
    'catalog.save': (i) => s.catalog.save(i.resourceId, i.changes),
    'catalog.remove': (i) => s.catalog.remove(i.resourceId),
    'demo.generate': (i) => s.demo.generate(i),
  };
}
