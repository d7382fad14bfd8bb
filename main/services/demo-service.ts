/**
 * A demo inventory in a fresh unit workspace: generateDemo's hospital (industry 卫生健康,
 * categories of the scheme in use for it, health.json by default), graded as it is written, in
 * batched transactions straight through the repositories, with one audit entry per batch holding
 * the batch's SM3 digest (never one per row). Deterministic for a seed: the same 数据编号,
 * fields and levels every time. The planted mistakes are written as an import would write them
 * (the officer's level, confirmed), so the quality check finds them.
 */
import type { Level } from '../domain/code-lists';
import { DomainError } from '../domain/errors';
import { flattenCategories } from '../domain/scheme';
import type { EntryFields, LevelSource, LevelState } from '../domain/inventory';
import { levelRank } from '../domain/levels';
import { sm3Hex } from '../crypto/sm3';
import { levelOfRank, type NewEntry } from '../db/repos/inventory-repo';
import { generateDemo, MISTAKES } from './demo/generate';
import { sourceOf, type CompiledScheme, type Grading } from './grading-service';
import type { InventoryService } from './inventory-service';
import type { Session } from './session';
import { wrongRole } from './errors';

export const DEMO_INDUSTRY = '卫生健康';
const BATCH_ROWS = 10_000;
/** Share of tables whose levels the officer has already confirmed (tables 0–6 of every 10). */
const CONFIRMED_TENTHS = 7;

export interface DemoResult {
  seed: number;
  systems: number;
  resources: number;
  items: number;
  mistakes: Record<string, number>;
  batches: number;
  schemeId: string;
  ms: number;
  regradeMs: number;
}

export function createDemoService(deps: { session: Session; actor: (operator: string) => string; now: () => Date; grading: Grading; inventory: () => InventoryService }) {
  return {
    /** Fill an empty unit workspace with a demo inventory of about `items` items. */
    generate(input: { items: number; seed: number }): DemoResult {
      const t0 = performance.now();
      const s = deps.session.requireOpen();
      const store = s.store;
      if (s.info.role !== 'unit') throw wrongRole('填报单位');
      if (store.inventory.nextId() !== 1 || store.inventory.listSystems().length > 0)
        throw new DomainError('DEMO_NEEDS_EMPTY', '示例数据只能写入空的工作区（清单中已有数据）', 'Demo data goes into an empty workspace only (the inventory already has data)');
      deps.grading.invalidate(store);
      const scheme = deps.grading.schemeFor(store, DEMO_INDUSTRY);
      if (!scheme) throw new DomainError('SCHEME_NOT_FOUND', '找不到卫生健康分类方案', 'No classification scheme for 卫生健康', { industry: DEMO_INDUSTRY });
      const now = deps.now();
      const at = now.toISOString();
      const actor = deps.actor(s.operator);
      const demo = generateDemo({ items: input.items, seed: input.seed, categories: flattenCategories(scheme.def), industry: DEMO_INDUSTRY, today: now });

      const systemIds = store.tx(() => demo.systems.map((sys) => store.inventory.insertSystem(sys.name, sys.mlpsLevel, at)));
      const grade = gradeMemo(deps.grading, scheme);

      // Resources in 数据编号 order, each followed by its items, and ids given in that order: every
      // index that ends in data_id, and the full-text index (by rowid), is then written by
      // appending, which makes a 200,000-row demo several times faster to write.
      const itemsOf: number[][] = demo.resources.map(() => []);
      demo.items.forEach((it, i) => itemsOf[it.resource]!.push(i));
      const order = demo.resources.map((_, r) => r).sort((a, b) => cmp(demo.resources[a]!.fields.dataId, demo.resources[b]!.fields.dataId));
      for (const list of itemsOf) list.sort((a, b) => cmp(demo.items[a]!.fields.dataId, demo.items[b]!.fields.dataId));
      const rows: NewEntry[] = [];
      let id = 0;
      const mistakes: Record<string, number> = Object.fromEntries(MISTAKES.map((m) => [m, 0]));
      order.forEach((r) => {
        const res = demo.resources[r]!;
        const confirmed = r % 10 < CONFIRMED_TENTHS;
        const resId = ++id;
        const items: NewEntry[] = [];
        let top = 0;
        for (const i of itemsOf[r]!) {
          const it = demo.items[i]!;
          if (it.mistake) mistakes[it.mistake] = (mistakes[it.mistake] ?? 0) + 1;
          const own = grade('item', it.fields);
          let level: Level | '';
          let levelSource: LevelSource | '';
          let levelState: LevelState | '';
          if (it.fields.level) {
            // A level written in the officer's sheet (a planted mistake): kept as imported.
            level = it.fields.level;
            levelSource = 'import';
            levelState = 'confirmed';
          } else {
            level = own.level;
            levelSource = own.level ? own.source : '';
            levelState = own.level ? (confirmed ? 'confirmed' : 'suggested') : '';
          }
          top = Math.max(top, levelRank(level));
          items.push(entryRow(it.fields, { id: ++id, kind: 'item', systemId: systemIds[res.system]!, resourceId: resId, level, levelSource, levelState, suggestedLevel: own.level, ownRank: own.rank, scheme, at }));
        }
        const own = grade('resource', res.fields);
        const rank = Math.max(own.rank, top);
        const suggested = levelOfRank(rank);
        rows.push(
          entryRow(res.fields, {
            id: resId, kind: 'resource', systemId: systemIds[res.system]!, resourceId: resId, level: suggested,
            levelSource: suggested ? (top > own.rank ? 'rollup' : own.source) : '', levelState: suggested ? (confirmed ? 'confirmed' : 'suggested') : '',
            suggestedLevel: suggested, ownRank: own.rank, scheme, at,
          }),
          ...items,
        );
      });

      // Batched writes, one audit entry per batch with the digest of what it wrote.
      let batches = 0;
      const digests: string[] = [];
      for (let i = 0; i < rows.length; i += BATCH_ROWS) {
        const batch = rows.slice(i, i + BATCH_ROWS);
        const digest = sm3Hex(JSON.stringify(batch));
        digests.push(digest);
        batches++;
        store.tx(() => {
          for (const e of batch) store.inventory.insert(e);
          store.audit.append({
            actor,
            action: 'demo.batch',
            entity: 'inventory',
            entityId: null,
            at,
            after: { batch: batches, rows: batch.length, firstDataId: batch[0]!.dataId, lastDataId: batch[batch.length - 1]!.dataId, digest },
          });
        });
      }
      const r0 = performance.now();
      deps.inventory().regrade();
      const regradeMs = Math.round(performance.now() - r0);
      const result: DemoResult = {
        seed: input.seed,
        systems: demo.systems.length,
        resources: demo.resources.length,
        items: demo.items.length,
        mistakes,
        batches,
        schemeId: scheme.id,
        ms: 0,
        regradeMs,
      };
      store.tx(() =>
        store.audit.append({
          actor,
          action: 'demo.generate',
          entity: 'inventory',
          entityId: null,
          after: { ...result, schemeVersion: scheme.version, digest: sm3Hex(digests.join('\n')) },
        }),
      );
      result.ms = Math.round(performance.now() - t0);
      return result;
    },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Own suggestions, memoised by the facts that decide them (a few hundred distinct ones). */
function gradeMemo(grading: Grading, scheme: CompiledScheme) {
  const memo = new Map<string, { level: Level | ''; rank: number; source: LevelSource }>();
  return (kind: 'resource' | 'item', f: EntryFields) => {
    const key = [kind, f.categoryCode, f.category1, f.category2, f.category3, f.category4, f.impactObjects, f.impactDegree, f.isPersonalInfo, f.isSensitivePersonalInfo, f.personCount ?? '', f.recordCount ?? ''].join('\u0001');
    let g = memo.get(key);
    if (!g) {
      const own = grading.ownSuggestion(scheme, { kind, ...f });
      g = { level: own.level ?? '', rank: levelRank(own.level), source: sourceOf(own) };
      memo.set(key, g);
    }
    return g;
  };
}

function entryRow(
  f: EntryFields,
  o: {
    id: number; kind: 'resource' | 'item'; systemId: number; resourceId: number; level: Level | ''; levelSource: LevelSource | ''; levelState: LevelState | '';
    suggestedLevel: Level | ''; ownRank: number; scheme: CompiledScheme; at: string;
  },
): NewEntry {
  return {
    id: o.id, kind: o.kind, systemId: o.systemId, resourceId: o.resourceId, dataId: f.dataId, resourceName: f.resourceName, itemName: f.itemName,
    itemCode: f.itemCode, description: f.description, industry: f.industry, category1: f.category1, category2: f.category2, category3: f.category3,
    category4: f.category4, categoryCode: f.categoryCode, processingDegree: f.processingDegree, impactObjects: f.impactObjects, impactDegree: f.impactDegree,
    level: o.level, rationale: f.rationale, isPersonalInfo: f.isPersonalInfo, isSensitivePersonalInfo: f.isSensitivePersonalInfo, recordCount: f.recordCount,
    personCount: f.personCount, dataSource: f.dataSource, storageLocation: f.storageLocation, sharing: f.sharing, openness: f.openness,
    updateFrequency: f.updateFrequency, ownerDepartment: f.ownerDepartment, ownerPerson: f.ownerPerson, reviewedAt: f.reviewedAt,
    suggestedLevel: o.suggestedLevel, levelSource: o.levelSource, levelState: o.levelState, schemeId: o.scheme.id, schemeVersion: o.scheme.version,
    ownRank: o.ownRank, createdAt: o.at, updatedAt: o.at,
  };
}
