/**
 * API contract for the inventory (systems, resources, items), grading and schemes.
 * Pure: zod schemas and types only, imported by main, preload and renderer.
 */
import { z } from 'zod';
import { LEVELS_43697, MLPS_LEVELS } from '../../domain/code-lists';
import type { Entry, InventorySystem, LevelSource, LevelState } from '../../domain/inventory';
import type { Contribution } from '../../domain/grading';
import type { SchemeDefinition } from '../../domain/scheme';

const out = <T>() => undefined as unknown as T;
const id = z.number().int().min(1);
const text = (max: number) => z.string().max(max);

/** Which entries a grid or a bulk action is about. All conditions must hold. */
export const entryFilterSchema = z.strictObject({
  systemId: id.optional(),
  resourceId: id.optional(),
  kind: z.enum(['resource', 'item']).optional(),
  /** '' matches entries without a level. */
  levels: z.array(z.enum([...LEVELS_43697, ''])).max(7).optional(),
  states: z.array(z.enum(['suggested', 'confirmed', ''])).max(3).optional(),
  /** Category code prefix: '2.01' matches 2.01, 2.01.003 … */
  categoryCode: text(40).optional(),
  personalInfo: z.enum(['pi', 'sensitive']).optional(),
  /** Level below the suggested level (降级). */
  lowering: z.boolean().optional(),
  /** Entries with at least one quality finding. */
  withFindings: z.boolean().optional(),
  /** Entries the bureau returned (退回) in the latest imported receipt that names them. */
  returned: z.boolean().optional(),
  /** Substring of 数据编号, names, code, description or category (Chinese works). */
  search: text(100).optional(),
  /** true: only deleted entries (to restore them). */
  deleted: z.boolean().optional(),
});
export type EntryFilter = z.infer<typeof entryFilterSchema>;

export const selectionSchema = z.union([
  z.strictObject({ ids: z.array(id).min(1).max(300_000) }),
  z.strictObject({ filter: entryFilterSchema }),
]);
export type Selection = z.infer<typeof selectionSchema>;

export const SORT_KEYS = ['dataId', 'resourceName', 'itemName', 'level', 'updatedAt'] as const;

const yesNo = z.enum(['', '是', '否']);
const count = z.number().int().min(0).max(1e13).nullable();

/** The editable sheet-2 fields; values are checked again by the service (code lists, formats). */
export const entryChangesSchema = z.strictObject({
  dataId: text(100).optional(),
  /** A resource's name; renaming a resource renames it on its items too. Refused on an item. */
  resourceName: text(200).optional(),
  itemName: text(200).optional(),
  itemCode: text(200).optional(),
  description: text(2000).optional(),
  industry: text(50).optional(),
  category1: text(100).optional(),
  category2: text(100).optional(),
  category3: text(100).optional(),
  category4: text(100).optional(),
  categoryCode: text(40).optional(),
  processingDegree: text(20).optional(),
  impactObjects: text(100).optional(),
  impactDegree: text(20).optional(),
  level: z.enum([...LEVELS_43697, '']).optional(),
  rationale: text(2000).optional(),
  isPersonalInfo: yesNo.optional(),
  isSensitivePersonalInfo: yesNo.optional(),
  recordCount: count.optional(),
  personCount: count.optional(),
  dataSource: text(20).optional(),
  storageLocation: text(20).optional(),
  sharing: text(20).optional(),
  openness: text(20).optional(),
  updateFrequency: text(20).optional(),
  ownerDepartment: text(100).optional(),
  ownerPerson: text(50).optional(),
  reviewedAt: text(20).optional(),
});
export type EntryChanges = z.infer<typeof entryChangesSchema>;

export interface TreeResource {
  id: number;
  dataId: string;
  name: string;
  level: Entry['level'];
  itemCount: number;
}
export interface TreeSystem extends InventorySystem {
  resources: TreeResource[];
}

export interface LevelHistoryEntry {
  at: string;
  actor: string;
  from: string;
  to: string;
  source: LevelSource;
  state: LevelState;
  reason: string;
}

export interface RecognizerHitView {
  recognizerId: string;
  basis: 'name' | 'sample';
  matched: number;
  total: number;
  at: string;
}

export interface EntryDetail {
  entry: Entry;
  /** Why the suggested level is what it is (matrix cell, category, rules, recognisers, roll-up). */
  explanation: { level: Entry['level']; contributions: Contribution[]; decisive: Contribution[] };
  history: LevelHistoryEntry[];
  recognizerHits: RecognizerHitView[];
  /** For a resource: its items' highest level and the aggregation rules that apply. */
  rollup?: { level: Entry['level']; contributions: Contribution[] } | undefined;
}

/** What undo or redo did: the batch's label in Chinese and in English, and how many entries it touched. */
export interface UndoStep {
  label: string;
  label_en: string;
  count: number;
}

export interface UndoState {
  undo: string | null;
  redo: string | null;
  undo_en: string | null;
  redo_en: string | null;
}

export interface BatchResult {
  batchId: number | null;
  count: number;
}

export interface SchemeSummary {
  id: string;
  name: string;
  industry: string;
  activeVersion: number;
  /** The scheme used for entries of its 行业领域 (one per industry). */
  inUse: boolean;
  versions: { version: number; createdAt: string; origin: 'builtin' | 'import' | 'edit'; digest: string }[];
}

export const inventoryContract = {
  'inventory.tree': { input: z.strictObject({}), output: out<TreeSystem[]>(), activity: true },
  'inventory.query': {
    input: z.strictObject({
      filter: entryFilterSchema.default({}),
      sort: z.enum(SORT_KEYS).default('dataId'),
      desc: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: out<{ total: number; rows: Entry[] }>(),
    activity: true,
  },
  'inventory.get': { input: z.strictObject({ id }), output: out<EntryDetail>(), activity: true },
  'inventory.createSystem': {
    input: z.strictObject({ name: text(200).min(1), mlpsLevel: z.enum([...MLPS_LEVELS, '']).default('') }),
    output: out<InventorySystem>(),
    activity: true,
  },
  'inventory.updateSystem': {
    input: z.strictObject({ id, name: text(200).min(1).optional(), mlpsLevel: z.enum([...MLPS_LEVELS, '']).optional() }),
    output: out<InventorySystem>(),
    activity: true,
  },
  'inventory.createResource': {
    input: z.strictObject({ systemId: id, dataId: text(100).min(1), resourceName: text(200).min(1), changes: entryChangesSchema.default({}) }),
    output: out<Entry>(),
    activity: true,
  },
  'inventory.createItem': {
    input: z.strictObject({ resourceId: id, dataId: text(100).min(1), itemName: text(200).min(1), changes: entryChangesSchema.default({}) }),
    output: out<Entry>(),
    activity: true,
  },
  /** One entry: refused with LOWERING_NEEDS_RATIONALE when the level goes below the suggestion without a 定级理由. */
  'inventory.update': { input: z.strictObject({ id, changes: entryChangesSchema }), output: out<EntryDetail>(), activity: true },
  'inventory.bulkUpdate': { input: z.strictObject({ selection: selectionSchema, changes: entryChangesSchema }), output: out<BatchResult>(), activity: true },
  /** Accept the suggested level (or confirm the level already set) for the selection. */
  'inventory.confirmLevels': { input: z.strictObject({ selection: selectionSchema }), output: out<BatchResult>(), activity: true },
  'inventory.delete': { input: z.strictObject({ selection: selectionSchema }), output: out<BatchResult>(), activity: true },
  'inventory.restore': { input: z.strictObject({ selection: selectionSchema }), output: out<BatchResult>(), activity: true },
  'inventory.undo': { input: z.strictObject({}), output: out<UndoStep | null>(), activity: true },
  'inventory.redo': { input: z.strictObject({}), output: out<UndoStep | null>(), activity: true },
  /** The labels of what undo and redo would do (Chinese, and English in undo_en / redo_en). */
  'inventory.undoState': { input: z.strictObject({}), output: out<UndoState>(), activity: false },
  /** Recompute suggestions of all entries and the roll-up of all resources. */
  'inventory.regrade': { input: z.strictObject({}), output: out<{ entries: number; resourcesRaised: number; ms: number }>(), activity: true },
  'scheme.list': { input: z.strictObject({}), output: out<SchemeSummary[]>(), activity: true },
  'scheme.get': {
    input: z.strictObject({ id: text(60), version: z.number().int().min(1).optional() }),
    output: out<{ version: number; definition: SchemeDefinition }>(),
    activity: true,
  },
  /** Import or edit: a new version of a scheme from its JSON text; refused with SCHEME_INVALID and the problems. */
  'scheme.import': { input: z.strictObject({ json: z.string().min(2).max(5_000_000) }), output: out<SchemeSummary>(), activity: true },
  'scheme.activate': { input: z.strictObject({ id: text(60), version: z.number().int().min(1) }), output: out<SchemeSummary>(), activity: true },
} as const;
