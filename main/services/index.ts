/** The service container: one per backend (one per app window, or one per CLI run). */
import os from 'node:os';
import { createAuditService } from './audit-service';
import { BUILTIN_FACTORS, BUILTIN_QUALITY_SETTINGS, BUILTIN_RECOGNIZER_PACK } from './builtin-resources';
import { createCatalogService } from './catalog-service';
import { createDemoService } from './demo-service';
import { createExcelService } from './excel-service';
import { createMappingService } from './excel/mapping-service';
import { createFilesService } from './files-service';
import { createGrading, type RecognizerLookup } from './grading-service';
import { createInventoryService, type InventoryService } from './inventory-service';
import { createQualityService, localDate } from './quality-service';
import { createRecognizerService } from './recognizer-service';
import { createProfileService } from './profile-service';
import { createRecentList } from './recent';
import { createSchemeService, installBuiltinSchemes } from './scheme-service';
import { createSchemeFileService } from './scheme-file-service';
import { bureauTemplateContributor, createKeyService, createPackageService } from './package/index';
import { createBureauService, createReceiptService } from './bureau/index';
import { createSession } from './session';
import { createWorkspaceService } from './workspace-service';
import { createRiskService } from './risk/risk-service';
import { createChromiumPdf } from './risk/pdf-chromium';
import type { HtmlToPdf } from './risk/pdf-port';
import { LATEST_VERSION } from '../db/migrations/index';

export interface ServiceOptions {
  appVersion: string;
  /** Where app-level files (recent workspaces) live; never inside a workspace. */
  configDir: string;
  now?: () => Date;
  osUser?: string;
  /** What grading knows of each recogniser; by default, the open workspace's recogniser pack (the built-in one unless the user imported one). */
  recognizers?: RecognizerLookup;
  /** How the risk report is printed to PDF; default: a Chromium found on this computer (Electron passes its own). */
  htmlToPdf?: HtmlToPdf;
  /** The payload worker script (dist/main/payload-worker.cjs), for packages built in parallel; without it, in one thread. */
  payloadWorker?: string;
}

function currentOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function createServices(opts: ServiceOptions) {
  const now = opts.now ?? (() => new Date());
  const session = createSession(() => now().getTime());
  const workspace = createWorkspaceService({
    session,
    recent: createRecentList(opts.configDir),
    appVersion: opts.appVersion,
    osUser: opts.osUser ?? currentOsUser(),
    now,
    provision: (store, at) => {
      const installed = installBuiltinSchemes(store, at);
      return installed.length > 0 ? { builtinSchemes: installed } : undefined;
    },
  });
  // The recogniser service grades through the inventory service, whose grading looks recognisers up in it.
  const late: { inventory?: InventoryService } = {};
  const inventoryOf = () => late.inventory!;
  const recognizer = createRecognizerService({ session, actor: workspace.actorOf, now, builtin: BUILTIN_RECOGNIZER_PACK, inventory: inventoryOf });
  const grading = createGrading({ recognizers: opts.recognizers ?? recognizer.lookup });
  const inventory = (late.inventory = createInventoryService({ session, actor: workspace.actorOf, now, grading }));
  const keys = createKeyService({ session, actor: workspace.actorOf, now });
  const quality = createQualityService({ session, now, settings: BUILTIN_QUALITY_SETTINGS });
  return {
    /** The schema version this build writes (the number of migrations). */
    schemaVersion: LATEST_VERSION,
    session,
    workspace,
    profile: createProfileService({ session, actor: workspace.actorOf, now }),
    audit: createAuditService({ session }),
    grading,
    inventory,
    scheme: createSchemeService({ session, actor: workspace.actorOf, now, grading }),
    keys,
    packages: createPackageService({ session, actor: workspace.actorOf, now, appVersion: opts.appVersion, keys, contributors: [bureauTemplateContributor(opts.appVersion)], payloadWorker: opts.payloadWorker }),
    recognizer,
    quality,
    catalog: createCatalogService({ session, actor: workspace.actorOf, now, factors: BUILTIN_FACTORS, settings: BUILTIN_QUALITY_SETTINGS, today: () => localDate(now()) }),
    demo: createDemoService({ session, actor: workspace.actorOf, now, grading, inventory: inventoryOf }),
    excel: createExcelService({ session, actor: workspace.actorOf, now, grading, inventory: inventoryOf, quality: () => quality, appVersion: opts.appVersion }),
    mapping: createMappingService({ session, actor: workspace.actorOf, now, grading, inventory: inventoryOf, recognizers: () => recognizer.pack() }),
    files: createFilesService(),
    risk: createRiskService({ session, actor: workspace.actorOf, now, htmlToPdf: opts.htmlToPdf ?? createChromiumPdf() }),
    schemeFiles: createSchemeFileService({ session, actor: workspace.actorOf, now, appVersion: opts.appVersion, scheme: createSchemeService({ session, actor: workspace.actorOf, now, grading }), recognizer, inventory: inventoryOf, builtinPack: BUILTIN_RECOGNIZER_PACK, grading }),
    bureau: createBureauService({ session, actor: workspace.actorOf, now, appVersion: opts.appVersion, keys }),
    receipts: createReceiptService({ session, actor: workspace.actorOf, now, keys }),
    dispose() {
      session.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
