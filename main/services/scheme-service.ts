/**
 * Classification schemes: the built-in ones (installed when a workspace is created or opened
 * without them), imports as new versions, activation of a version. Several schemes may serve one
 * 行业领域 (卫生健康 has two); one of them is in use for it: for the built-in ones the default
 * named in DEFAULT_SCHEME_FOR_INDUSTRY (卫生健康 → health.json, 政务 → the GB/T 43697 generic
 * scheme), installed first; otherwise the first installed or imported, until another is activated. Entries keep the scheme id and version they were graded under;
 * new grading uses the active version of the scheme in use for the entry's industry.
 */
import { canonicalJson } from '../domain/canonical-json';
import { DomainError } from '../domain/errors';
import { parseScheme, type SchemeDefinition, type SchemeProblem } from '../domain/scheme';
import { sm3Hex } from '../crypto/sm3';
import type { SchemeOrigin } from '../db/repos/scheme-repo';
import type { Store } from '../db/store';
import { BUILTIN_SCHEMES } from './builtin-resources';
import type { Grading } from './grading-service';
import type { Session } from './session';

export interface SchemeSummaryView {
  id: string;
  name: string;
  industry: string;
  activeVersion: number;
  /** The scheme that grades entries of its industry. */
  inUse: boolean;
  versions: { version: number; createdAt: string; origin: SchemeOrigin; digest: string }[];
}

export function schemeDigest(def: SchemeDefinition): string {
  return sm3Hex(canonicalJson(def));
}

const invalid = (problems: SchemeProblem[]) =>
  new DomainError('SCHEME_INVALID', '分类方案文件有错误，未导入', 'The classification scheme has errors and was not imported', { problems });

function summaries(store: Store, only?: string): SchemeSummaryView[] {
  const versions = store.schemes.versions(only);
  return store.schemes
    .list()
    .filter((s) => only === undefined || s.id === only)
    .map((s) => ({
      ...s,
      versions: versions.filter((v) => v.schemeId === s.id).map((v) => ({ version: v.version, createdAt: v.createdAt, origin: v.origin, digest: v.digest })),
    }));
}

/**
 * Install the built-in schemes that the workspace does not have yet (by id), as version 1.
 * Runs inside the caller's transaction; returns what was installed, for its audit entry.
 */
export function installBuiltinSchemes(store: Store, at: string): { id: string; version: number; digest: string }[] {
  const installed: { id: string; version: number; digest: string }[] = [];
  for (const def of BUILTIN_SCHEMES) {
    if (store.schemes.get(def.id)) continue;
    const digest = schemeDigest(def);
    store.schemes.insertScheme({ id: def.id, name: def.name, industry: def.industry, activeVersion: 1, inUse: store.schemes.inUseFor(def.industry) === undefined });
    store.schemes.insertVersion({ schemeId: def.id, version: 1, createdAt: at, origin: 'builtin', definitionJson: canonicalJson(def), digest });
    installed.push({ id: def.id, version: 1, digest });
  }
  return installed;
}

export function createSchemeService(deps: { session: Session; actor: (operator: string) => string; now: () => Date; grading: Grading }) {
  return {
    list(): SchemeSummaryView[] {
      return summaries(deps.session.requireOpen().store);
    },

    get(id: string, version?: number): { version: number; definition: SchemeDefinition } {
      const { store } = deps.session.requireOpen();
      const scheme = store.schemes.get(id);
      const v = version ?? scheme?.activeVersion;
      const json = scheme && v !== undefined ? store.schemes.definition(id, v) : undefined;
      if (!scheme || json === undefined)
        throw new DomainError('SCHEME_NOT_FOUND', '找不到该分类方案或版本', 'No such classification scheme or version', { id, version: version ?? null });
      return { version: v!, definition: JSON.parse(json) as SchemeDefinition };
    },

    /**
     * A scheme from its JSON text: a new scheme (version 1, active; in use when its industry has
     * no scheme yet), or a new version of an existing one (not active until activated). The same
     * definition again changes nothing.
     */
    import(json: string): SchemeSummaryView {
      const s = deps.session.requireOpen();
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch (e) {
        throw invalid([{ path: '', message_zh: `不是有效的 JSON：${(e as Error).message}`, message_en: `Not valid JSON: ${(e as Error).message}` }]);
      }
      const parsed = parseScheme(raw);
      if (!parsed.ok) throw invalid(parsed.problems);
      const def = parsed.scheme;
      const digest = schemeDigest(def);
      return s.store.tx(() => {
        const existing = s.store.schemes.get(def.id);
        const versions = existing ? s.store.schemes.versions(def.id) : [];
        if (versions.some((v) => v.digest === digest)) return summaries(s.store, def.id)[0]!;
        const at = deps.now().toISOString();
        const version = versions.reduce((m, v) => Math.max(m, v.version), 0) + 1;
        const inUse = !existing && s.store.schemes.inUseFor(def.industry) === undefined;
        if (!existing) s.store.schemes.insertScheme({ id: def.id, name: def.name, industry: def.industry, activeVersion: version, inUse });
        s.store.schemes.insertVersion({ schemeId: def.id, version, createdAt: at, origin: 'import', definitionJson: canonicalJson(def), digest });
        s.store.audit.append({
          actor: deps.actor(s.operator),
          action: 'scheme.import',
          entity: 'scheme',
          entityId: def.id,
          at,
          after: { id: def.id, name: def.name, industry: def.industry, version, digest, active: !existing, inUse },
        });
        deps.grading.invalidate(s.store);
        return summaries(s.store, def.id)[0]!;
      });
    },

    /** Make a version active, and the scheme the one in use for its industry. */
    activate(id: string, version: number): SchemeSummaryView {
      const s = deps.session.requireOpen();
      return s.store.tx(() => {
        const scheme = s.store.schemes.get(id);
        const json = scheme ? s.store.schemes.definition(id, version) : undefined;
        if (!scheme || json === undefined)
          throw new DomainError('SCHEME_NOT_FOUND', '找不到该分类方案或版本', 'No such classification scheme or version', { id, version });
        if (scheme.activeVersion === version && scheme.inUse) return summaries(s.store, id)[0]!;
        const def = JSON.parse(json) as SchemeDefinition;
        const at = deps.now().toISOString();
        const replaced = s.store.schemes.inUseFor(def.industry);
        s.store.schemes.activate(id, version, def.name, def.industry);
        s.store.audit.append({
          actor: deps.actor(s.operator),
          action: 'scheme.activate',
          entity: 'scheme',
          entityId: id,
          at,
          before: { version: scheme.activeVersion, inUse: scheme.inUse, industry: scheme.industry, schemeInUse: replaced ?? null },
          after: { version, inUse: true, industry: def.industry },
        });
        deps.grading.invalidate(s.store);
        return summaries(s.store, id)[0]!;
      });
    },
  };
}

export type SchemeService = ReturnType<typeof createSchemeService>;
