/** Handlers of the risk-assessment channels (risk.*): each calls one method of the risk service. */
import type { Channel } from '../contract';
import type { Handlers } from '../handlers';
import type { Services } from '../../services/index';

type RiskChannel = Extract<Channel, `risk.${string}`>;

export function createRiskHandlers(s: Services): Pick<Handlers, RiskChannel> {
  return {
    'risk.project.list': () => s.risk.listProjects(),
    'risk.project.create': (i) => s.risk.createProject(i),
    'risk.project.get': (i) => s.risk.getProject(i.projectId),
    'risk.project.update': (i) => s.risk.updateProject(i),
    'risk.project.remove': (i) => s.risk.removeProject(i.projectId),
    'risk.scope.list': (i) => s.risk.scopeList(i),
    'risk.scope.set': (i) => s.risk.scopeSet(i),
    'risk.register.list': (i) => s.risk.registerList(i),
    'risk.register.save': (i) => s.risk.registerSave(i),
    'risk.register.remove': (i) => s.risk.registerRemove(i),
    'risk.checklist.get': (i) => s.risk.checklistGet(i.projectId),
    'risk.checklist.save': (i) => s.risk.checklistSave(i),
    'risk.checklist.importPack': (i) => s.risk.checklistImport(i),
    'risk.attachment.add': (i) => s.risk.attachmentAdd(i),
    'risk.attachment.save': (i) => s.risk.attachmentSave(i),
    'risk.attachment.remove': (i) => s.risk.attachmentRemove(i.attachmentId),
    'risk.risk.list': (i) => s.risk.riskList(i.projectId),
    'risk.risk.save': (i) => s.risk.riskSave(i),
    'risk.risk.remove': (i) => s.risk.riskRemove(i),
    'risk.heatmap': (i) => s.risk.heatmap(i.projectId),
    'risk.report.preview': (i) => s.risk.reportPreview(i.projectId),
    'risk.report.generate': (i) => s.risk.reportGenerate(i),
    'risk.report.generateForYear': (i) => s.risk.reportForYear(i),
  };
}
