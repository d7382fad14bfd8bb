/**
 * Recognisers in the service layer: which pack a workspace uses (the built-in one, or the pack
 * the user imported: it replaces the built-in pack when it has the built-in pack's id, and
 * extends it otherwise, its recognisers first), field-name scans over a selection, sample scans
 * of one entry, the suggestion the stored results make, and accepting it.
 *
 * Everything here suggests; nothing changes an entry's flags or level on its own. Stored results
 * refresh the suggested levels through the inventory service (one audited, undoable regrade
 * batch); the officer's flags change only through `accept`, an ordinary undoable edit.
 *
 * Sample values are counted and dropped: they are never stored, logged or audited. Only the
 * counts (matched / total) are kept, and the audit entry records that a scan happened and its counts.
 */
import { canonicalJson } from '../domain/canonical-json';
import { DomainError } from '../domain/errors';
import {
  matchFieldName, parseRecognizerPack, sampleResultFromCounts, scanSamples, suggestFromHits, type NameHit, type PackProblem,
  type RecognizerPack, type SampleResult,
} from '../domain/recognizers';
import { sm3Hex } from '../crypto/sm3';
import type { EntryQueryFilter } from '../db/repos/inventory-repo';
import type { NameHitRow, StoredHit } from '../db/repos/recognizer-repo';
import type { Store } from '../db/store';
import type { RecognizerInfo, RecognizerLookup } from './grading-service';
import type { InventoryService } from './inventory-service';
import type { Session } from './session';

export interface RecognizerSummaryView {
  id: string;
  name: string;
  nameEn: string;
  personalInfo: boolean;
  sensitive: boolean;
  category?: string | undefined;
  level?: string | undefined;
  detector?: string | undefined;
}

export interface SampleScanView {
  recognizerId: string;
  matched: number;
  total: number;
  ratio: number;
  threshold: number;
  hit: boolean;
}

export interface SuggestionView {
  entryId: number;
  isPersonalInfo: boolean;
  isSensitivePersonalInfo: boolean;
  level?: string | undefined;
  reasons: { recognizerId: string; basis: 'name' | 'sample'; message_zh: string; message_en: string }[];
}

export type SelectionInput = { ids: readonly number[] } | { filter: EntryQueryFilter };

const packInvalid = (problems: PackProblem[]) =>
  new DomainError('RECOGNIZER_PACK_INVALID', '识别器包有错误，未导入', 'The recogniser pack has errors and was not imported', { problems });
const entryNotFound = (id: number) => new DomainError('ENTRY_NOT_FOUND', '找不到该条目（或已删除）', 'No such entry (or it is deleted)', { id });

/** The built-in pack with the user's pack over it (see the module doc). */
export function effectivePack(builtin: RecognizerPack, user: RecognizerPack | undefined): RecognizerPack {
  if (!user) return builtin;
  if (user.id === builtin.id) return user;
  const own = new Set(user.recognizers.map((r) => r.id));
  return { ...user, recognizers: [...user.recognizers, ...builtin.recognizers.filter((r) => !own.has(r.id))] };
}

export function createRecognizerService(deps: {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  builtin: RecognizerPack;
  /** Set once the inventory service exists (it needs this service's lookup for grading). */
  inventory: () => InventoryService;
}) {
  /** The pack of each open store: read once, dropped when this service stores a new one (nothing else writes it). */
  const packs = new WeakMap<Store, RecognizerPack>();
  const infos = new WeakMap<RecognizerPack, Map<string, RecognizerInfo>>();

  function packOf(store: Store): RecognizerPack {
    const cached = packs.get(store);
    if (cached) return cached;
    const stored = store.recognizers.pack();
    let user: RecognizerPack | undefined;
    if (stored) {
      const parsed = parseRecognizerPack(JSON.parse(stored.json));
      // Checked when it was imported: failing here means the stored pack was altered.
      if (!parsed.ok) throw new Error(`stored recogniser pack ${stored.packId} is invalid: ${parsed.problems.map((p) => `${p.path} ${p.message_en}`).join('; ')}`);
      user = parsed.pack;
    }
    const pack = effectivePack(deps.builtin, user);
    packs.set(store, pack);
    return pack;
  }

  function infoOf(pack: RecognizerPack): Map<string, RecognizerInfo> {
    let m = infos.get(pack);
    if (!m) {
      m = new Map(pack.recognizers.map((r) => [r.id, { personalInfo: r.personalInfo, sensitive: r.sensitive, level: r.level, pack }]));
      infos.set(pack, m);
    }
    return m;
  }

  /** What grading knows of a recogniser: from the open workspace's pack (the built-in one otherwise). */
  const lookup: RecognizerLookup = (id) => {
    const st = deps.session.state;
    return infoOf(st.kind === 'open' ? packOf(st.store) : deps.builtin).get(id);
  };

  function liveEntry(store: Store, id: number) {
    const e = store.inventory.get(id);
    if (!e || e.deleted) throw entryNotFound(id);
    return e;
  }

  /** Stored results as the engine's hits: name hits with their score and words, samples re-judged against the pack. */
  function hitsOf(pack: RecognizerPack, stored: readonly StoredHit[]): (NameHit | SampleResult)[] {
    const out: (NameHit | SampleResult)[] = [];
    for (const h of stored) {
      if (h.basis === 'name') out.push({ recognizerId: h.recognizerId, basis: 'name', score: h.score, matched: h.terms, context: h.context });
      else {
        const r = sampleResultFromCounts(pack, h);
        if (r) out.push(r);
      }
    }
    return out;
  }

  function suggestionOf(store: Store, entryId: number): SuggestionView {
    const pack = packOf(store);
    const s = suggestFromHits(pack, hitsOf(pack, store.recognizers.hitsOf(entryId)));
    return { entryId, isPersonalInfo: s.isPersonalInfo, isSensitivePersonalInfo: s.isSensitivePersonalInfo, level: s.level, reasons: s.reasons };
  }

  return {
    lookup,

    /** The pack in use for the open workspace. */
    pack(): RecognizerPack {
      return packOf(deps.session.requireOpen().store);
    },

    list(): { packId: string; packName: string; recognizers: RecognizerSummaryView[] } {
      const pack = packOf(deps.session.requireOpen().store);
      const extended = pack.id !== deps.builtin.id && pack.recognizers.some((r) => r.id === deps.builtin.recognizers[0]?.id);
      return {
        packId: pack.id,
        packName: extended ? `${pack.name}（扩展：${deps.builtin.name}）` : pack.name,
        recognizers: pack.recognizers.map((r) => ({
          id: r.id,
          name: r.name,
          nameEn: r.nameEn,
          personalInfo: r.personalInfo,
          sensitive: r.sensitive,
          category: r.category,
          level: r.level,
          detector: r.detector?.name,
        })),
      };
    },

    /**
     * Match the field names (item name, code, description) of the selection's items; replace
     * their field-name hits in one transaction with its audit entry, and regrade them there.
     * Resource rows have no field name and are left out.
     */
    scanNames(selection: SelectionInput): { scanned: number; withHits: number } {
      const s = deps.session.requireOpen();
      const store = s.store;
      const pack = packOf(store);
      const ids = 'ids' in selection ? [...new Set(selection.ids)] : store.inventory.ids({ ...selection.filter, deleted: false });
      // Only the columns the matcher reads (live items, id order); an inventory repeats its field
      // names, so each distinct name, code and description is matched once.
      const items = store.inventory.itemFieldNames(ids);
      const at = deps.now().toISOString();
      const hits: NameHitRow[] = [];
      const withHit = new Set<number>();
      const byRecognizer: Record<string, number> = {};
      const matched = new Map<string, NameHit[]>();
      for (const [id, itemName, itemCode, description] of items) {
        const key = `${itemName}\u0000${itemCode}\u0000${description}`;
        let found = matched.get(key);
        if (!found) matched.set(key, (found = matchFieldName(pack, { itemName, itemCode, description })));
        for (const h of found) {
          hits.push({ entryId: id, recognizerId: h.recognizerId, score: h.score, terms: h.matched, context: h.context, at });
          withHit.add(id);
          byRecognizer[h.recognizerId] = (byRecognizer[h.recognizerId] ?? 0) + 1;
        }
      }
      const scannedIds = items.map((e) => e[0]);
      if (scannedIds.length === 0) return { scanned: 0, withHits: 0 };
      store.tx(() => {
        store.recognizers.replaceNameHits(scannedIds, hits);
        store.audit.append({
          actor: deps.actor(s.operator),
          action: 'recognizer.scanNames',
          entity: 'entry_selection',
          entityId: null,
          at,
          after: { pack: pack.id, packVersion: pack.version, scanned: scannedIds.length, withHits: withHit.size, hits: hits.length, byRecognizer },
        });
        deps.inventory().regradeEntries(scannedIds);
      });
      return { scanned: scannedIds.length, withHits: withHit.size };
    },

    /**
     * Count how many of the pasted values each relevant value detector accepts: the recognisers
     * of the entry's field-name hits (so context-only detectors run too), or every detector when
     * the name says nothing. The values are dropped here; the counts are stored and audited.
     */
    scanSamples(entryId: number, samples: readonly string[]): SampleScanView[] {
      const s = deps.session.requireOpen();
      const store = s.store;
      const pack = packOf(store);
      liveEntry(store, entryId);
      const named = store.recognizers.hitsOf(entryId).filter((h) => h.basis === 'name').map((h) => h.recognizerId);
      let results = named.length > 0 ? scanSamples(pack, named, samples) : [];
      if (results.length === 0) results = scanSamples(pack, undefined, samples);
      const at = deps.now().toISOString();
      const total = results[0]?.total ?? 0;
      const counts = total > 0 ? results.map((r) => ({ recognizerId: r.recognizerId, matched: r.matched, total: r.total, at })) : [];
      store.tx(() => {
        store.recognizers.replaceSampleCounts(entryId, counts);
        store.audit.append({
          actor: deps.actor(s.operator),
          action: 'recognizer.scanSamples',
          entity: 'entry',
          entityId: String(entryId),
          at,
          // The fact of the scan and its counts; never a value.
          after: {
            pack: pack.id,
            samples: samples.length,
            nonBlank: total,
            scope: named.length > 0 ? 'name-hits' : 'all',
            results: results.map((r) => ({ recognizerId: r.recognizerId, matched: r.matched, total: r.total, hit: r.hit })),
          },
        });
        deps.inventory().regradeEntries([entryId]);
      });
      return results.map((r) => ({ recognizerId: r.recognizerId, matched: r.matched, total: r.total, ratio: r.ratio, threshold: r.threshold, hit: r.hit }));
    },

    suggestion(entryId: number): SuggestionView {
      const { store } = deps.session.requireOpen();
      liveEntry(store, entryId);
      return suggestionOf(store, entryId);
    },

    /**
     * Apply the flags the recognisers suggest (是否个人信息, 是否敏感个人信息 set to 是; a flag
     * the recognisers do not raise is left as it is): one undoable edit through the inventory
     * service, which grades the entry as any edit does. Nothing to change: nothing is written.
     */
    accept(entryId: number): SuggestionView {
      const { store } = deps.session.requireOpen();
      const e = liveEntry(store, entryId);
      const sug = suggestionOf(store, entryId);
      const changes: { isPersonalInfo?: '是'; isSensitivePersonalInfo?: '是' } = {};
      if ((sug.isPersonalInfo || sug.isSensitivePersonalInfo) && e.isPersonalInfo !== '是') changes.isPersonalInfo = '是';
      if (sug.isSensitivePersonalInfo && e.isSensitivePersonalInfo !== '是') changes.isSensitivePersonalInfo = '是';
      if (Object.keys(changes).length === 0) return sug;
      const name = e.itemName || e.resourceName;
      deps.inventory().update(entryId, changes, {
        label: `采纳识别建议：“${name}”`,
        labelEn: `Accept the recognisers' suggestion for "${name}"`,
        action: 'recognizer.accept',
        audit: { recognizers: [...new Set(sug.reasons.map((r) => r.recognizerId))] },
      });
      return suggestionOf(store, entryId);
    },

    /**
     * A user's pack for this workspace, from its JSON text: checked by the same parser as the
     * built-in pack; it replaces the previously imported one. Entries with stored results are
     * regraded under the new pack in the same transaction.
     */
    importPack(json: string): { packId: string; count: number } {
      const s = deps.session.requireOpen();
      const store = s.store;
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch (e) {
        throw packInvalid([{ path: '', message_zh: `不是有效的 JSON：${(e as Error).message}`, message_en: `Not valid JSON: ${(e as Error).message}` }]);
      }
      const parsed = parseRecognizerPack(raw);
      if (!parsed.ok) throw packInvalid(parsed.problems);
      const pack = parsed.pack;
      const text = canonicalJson(pack);
      const digest = sm3Hex(text);
      const before = store.recognizers.pack();
      if (before?.digest === digest) return { packId: pack.id, count: pack.recognizers.length };
      const at = deps.now().toISOString();
      try {
        store.tx(() => {
          store.recognizers.putPack({ packId: pack.id, name: pack.name, version: pack.version, json: text, digest, importedAt: at });
          packs.delete(store);
          const mode = pack.id === deps.builtin.id ? 'replace' : 'extend';
          store.audit.append({
            actor: deps.actor(s.operator),
            action: 'recognizer.importPack',
            entity: 'recognizer_pack',
            entityId: pack.id,
            at,
            before: before ? { id: before.packId, version: before.version, digest: before.digest } : null,
            after: { id: pack.id, name: pack.name, version: pack.version, count: pack.recognizers.length, digest, mode },
          });
          // Entries with stored results are graded under the new pack.
          const withHits = [...store.inventory.hitsByEntry().keys()];
          if (withHits.length > 0) deps.inventory().regradeEntries(withHits);
        });
      } finally {
        // Read again from the database: the new pack if committed, the old one if rolled back.
        packs.delete(store);
      }
      return { packId: pack.id, count: pack.recognizers.length };
    },

    /** Drop the workspace's own pack and use the built-in one again (audited; entries with results regraded). */
    resetPack(): { packId: string; count: number; changed: boolean } {
      const s = deps.session.requireOpen();
      const store = s.store;
      const before = store.recognizers.pack();
      const result = { packId: deps.builtin.id, count: deps.builtin.recognizers.length };
      if (!before) return { ...result, changed: false };
      try {
        store.tx(() => {
          store.recognizers.clearPack();
          packs.delete(store);
          store.audit.append({
            actor: deps.actor(s.operator),
            action: 'recognizer.resetPack',
            entity: 'recognizer_pack',
            entityId: deps.builtin.id,
            at: deps.now().toISOString(),
            before: { id: before.packId, version: before.version, digest: before.digest },
            after: { id: deps.builtin.id, version: deps.builtin.version, builtin: true },
          });
          const withHits = [...store.inventory.hitsByEntry().keys()];
          if (withHits.length > 0) deps.inventory().regradeEntries(withHits);
        });
      } finally {
        packs.delete(store);
      }
      return { ...result, changed: true };
    },
  };
}

export type RecognizerService = ReturnType<typeof createRecognizerService>;
