/** Handlers of the bureau (intake, review, receipts, district) and unit receipt channels: each calls one service. */
import type { Channel } from '../contract';
import type { Handlers } from '../handlers';
import type { Services } from '../../services/index';

type BureauChannel = Extract<Channel, `bureau.${string}` | `receipt.${string}`>;

export function createBureauHandlers(s: Services): Pick<Handlers, BureauChannel> {
  const b = () => s.bureau;
  return {
    'bureau.units': () => b().units(),
    'bureau.unitSave': (i) => b().unitSave(i),
    'bureau.keyAdd': (i) => b().keyAdd(i),
    'bureau.keyRetire': (i) => b().keyRetire(i.fingerprint),
    'bureau.rotations': (i) => b().rotations(i.pendingOnly),
    'bureau.rotationApply': (i) => b().rotationApply(i),
    'bureau.intake': (i) => b().intake(i.paths),
    'bureau.intakeStart': (i) => b().intakeStart(i.paths),
    'bureau.intakeProgress': (i) => b().intakeProgress(i.jobId),
    'bureau.intakeCancel': (i) => b().intakeCancel(i.jobId),
    'bureau.registerFromPackage': (i) => b().registerFromPackage(i),
    'bureau.filings': (i) => b().filings(i),
    'bureau.review': (i) => b().review(i.filingId),
    'bureau.diff': (i) => b().diff(i),
    'bureau.entries': (i) => b().entries(i),
    'bureau.findings': (i) => b().findings(i),
    'bureau.decideEntries': (i) => b().decideEntries(i),
    'bureau.clearDecisions': (i) => b().clearDecisions(i),
    'bureau.decideFiling': (i) => b().decideFiling(i),
    'bureau.receipt': (i) => b().receipt(i),
    'bureau.district': (i) => b().district(i.asOf),
    'bureau.catalog': (i) => b().catalog(i),
    'bureau.catalogExport': (i) => b().catalogExport(i),
    'bureau.overdue': (i) => b().overdue(i.asOf),
    'receipt.import': (i) => s.receipts.importReceipt(i.path),
    'receipt.list': () => s.receipts.list(),
    'receipt.entryStatuses': (i) => s.receipts.entryStatuses(i),
  };
}
