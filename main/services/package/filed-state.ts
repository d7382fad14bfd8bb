/**
 * The state of the last filed package, for the change report of the next (变更报送), read from
 * what the workspace keeps of it (filing_content: the filed data/*.json in a zip, or a whole bag).
 *
 * The inventory is compared as canonical JSON bytes before anything is parsed: both
 * data/inventory.json files (the filed one and the one being made) are canonical, so a row whose
 * bytes are the same in both is unchanged and is left out on both sides; only the rows that differ
 * (changed, added, removed: usually a few) are parsed and compared field by field. The report is
 * the same as from the whole parsed inventories, because unchanged rows add nothing to it; 100,000
 * rows are not decoded and parsed again for every change filing (≈ 0.8 s of CPU, and the memory).
 * Whenever the bytes are not laid out as expected, the whole file is parsed as before.
 */
import { ENTRY_RULES, PAYLOAD, type FiledState, type PackageEntry } from '../../domain/package/index';
import { readZipDirectory, readZipEntryAsync } from './zip';

/**
 * The filed payload files, by their path under the bag's base directory (or none if missing),
 * inflated on libuv's thread pool: a change filing starts this at once and reads it later.
 */
export async function filedFiles(zip: Buffer): Promise<Map<string, Buffer> | undefined> {
  const dir = readZipDirectory(zip);
  if (dir.problems.length > 0) return undefined;
  const names = [PAYLOAD.profile, PAYLOAD.inventory, PAYLOAD.catalog];
  const entries = names.map((name) => dir.entries.find((x) => x.name.endsWith(`/${name}`) && x.name.split('/').length === name.split('/').length + 1));
  if (entries.some((e) => !e)) return undefined;
  const read = await Promise.all(entries.map((e) => readZipEntryAsync(zip, e!)));
  const out = new Map<string, Buffer>();
  for (const [i, r] of read.entries()) {
    if ('problem' in r) return undefined;
    out.set(names[i]!, r.data);
  }
  return out;
}

/** Every inventory row starts with its first key in canonical order (a schema of fixed fields). */
const ROW_START = Buffer.from(`{"${Object.keys(ENTRY_RULES).sort()[0]}":`, 'utf8');
const ENTRIES_START = Buffer.from('{"entries":[', 'utf8');
const ENTRIES_END = Buffer.from('],"format":', 'utf8');
const DATA_ID = Buffer.from('"dataId":"', 'utf8');

interface Rows {
  /** Start and end (exclusive) of each row of `entries`. */
  starts: number[];
  ends: number[];
  /** Where `"format":…` starts (the rest of the object: format and systems). */
  tail: number;
}

/**
 * The rows of a canonical data/inventory.json, located without parsing: `{"entries":[row,row…],
 * "format":…,"systems":[…]}` where every row begins with ROW_START. Inside a JSON string a quote is
 * always escaped, so neither ROW_START nor ENTRIES_END can occur inside a value.
 */
function locateRows(buf: Buffer): Rows | undefined {
  if (buf.indexOf(ENTRIES_START) !== 0) return undefined;
  const starts: number[] = [];
  const ends: number[] = [];
  let p = ENTRIES_START.length;
  if (buf[p] === 0x5d /* ] */) return buf.indexOf(ENTRIES_END, p) === p ? { starts, ends, tail: p + 2 } : undefined;
  if (buf.indexOf(ROW_START, p) !== p) return undefined;
  const end = buf.indexOf(ENTRIES_END, p);
  if (end < 0) return undefined;
  while (p >= 0 && p < end) {
    starts.push(p);
    const next = buf.indexOf(ROW_START, p + ROW_START.length);
    const rowEnd = next < 0 || next > end ? end : next - 1;
    if (buf[rowEnd - 1] !== 0x7d /* } */ || (rowEnd !== end && buf[rowEnd] !== 0x2c) /* , */) return undefined;
    ends.push(rowEnd);
    p = next < 0 || next > end ? -1 : next;
  }
  return { starts, ends, tail: end + 2 };
}

/** The 数据编号 of a row, read from its bytes (undefined if it is escaped: then the row is parsed). */
function dataIdOf(buf: Buffer, start: number, end: number): string | undefined {
  const k = buf.indexOf(DATA_ID, start);
  if (k < 0 || k >= end) return undefined;
  const v = k + DATA_ID.length;
  const q = buf.indexOf(0x22, v);
  if (q < 0 || q >= end) return undefined;
  if (buf.subarray(v, q).includes(0x5c /* \ */)) return undefined;
  return buf.toString('utf8', v, q);
}

const parseRow = (buf: Buffer, start: number, end: number) => JSON.parse(buf.toString('utf8', start, end)) as PackageEntry;

/**
 * The rows of the two inventories that differ: the filed rows changed or removed, and the current
 * rows changed or added. Undefined if either file is not laid out as expected.
 */
function differingRows(before: Buffer, now: Buffer, current: readonly PackageEntry[]): { previous: PackageEntry[]; current: PackageEntry[]; tail: number } | undefined {
  const a = locateRows(before);
  const b = locateRows(now);
  if (!a || !b || b.starts.length !== current.length) return undefined;
  // 数据编号 → filed row, built only when a row is not where it was (rows are in the same order in both).
  let filed: Map<string, number> | undefined;
  const filedIndex = (): Map<string, number> | undefined => {
    if (filed) return filed;
    const m = new Map<string, number>();
    for (let i = 0; i < a.starts.length; i++) {
      const id = dataIdOf(before, a.starts[i]!, a.ends[i]!) ?? parseRow(before, a.starts[i]!, a.ends[i]!).dataId;
      if (m.has(id)) return undefined;
      m.set(id, i);
    }
    return (filed = m);
  };
  // `now` was written from `current`, row by row: checked at both ends (a mismatch means a bug; then everything is parsed).
  for (const i of current.length > 0 ? [0, current.length - 1] : []) {
    const id = dataIdOf(now, b.starts[i]!, b.ends[i]!) ?? parseRow(now, b.starts[i]!, b.ends[i]!).dataId;
    if (id !== current[i]!.dataId) return undefined;
  }
  const same = new Uint8Array(a.starts.length);
  const changed: PackageEntry[] = [];
  let next = 0; // the filed row expected at this place
  for (let i = 0; i < current.length; i++) {
    const row = current[i]!;
    const s = b.starts[i]!;
    const e = b.ends[i]!;
    // Equal bytes are an equal row, and so the same 数据编号.
    if (next < a.starts.length && before.compare(now, s, e, a.starts[next]!, a.ends[next]!) === 0) {
      same[next++] = 1;
      continue;
    }
    const index = filedIndex();
    if (!index) return undefined;
    const j = index.get(row.dataId);
    if (j !== undefined) next = j + 1;
    if (j !== undefined && before.compare(now, s, e, a.starts[j]!, a.ends[j]!) === 0) same[j] = 1;
    else changed.push(row);
  }
  const previous: PackageEntry[] = [];
  for (let j = 0; j < a.starts.length; j++) if (!same[j]) previous.push(parseRow(before, a.starts[j]!, a.ends[j]!));
  return { previous, current: changed, tail: a.tail };
}

/**
 * The filed state to compare with (from filedFiles), and the current entries to compare it with. With `inventory`
 * (the canonical data/inventory.json being made, of `entries`), rows identical in both are left
 * out of both; without it, or when the bytes are not as expected, everything is parsed.
 */
export function filedStateFor(
  files: ReadonlyMap<string, Buffer>,
  current: { entries: readonly PackageEntry[]; inventory?: Buffer },
): { before: FiledState; entries: readonly PackageEntry[] } {
  const json = (name: string) => JSON.parse(files.get(name)!.toString('utf8')) as Record<string, unknown>;
  const profile = json(PAYLOAD.profile) as { profile: Record<string, unknown> };
  const catalog = json(PAYLOAD.catalog) as { entries: FiledState['catalog'] };
  const inv = files.get(PAYLOAD.inventory)!;
  const base = { profile: profile.profile, catalog: catalog.entries };
  if (current.inventory) {
    const diff = differingRows(inv, current.inventory, current.entries);
    if (diff) {
      const rest = JSON.parse(`{${inv.toString('utf8', diff.tail)}`) as { systems: FiledState['systems'] };
      return { before: { ...base, systems: rest.systems, entries: diff.previous }, entries: diff.current };
    }
  }
  const whole = JSON.parse(inv.toString('utf8')) as { systems: FiledState['systems']; entries: FiledState['entries'] };
  return { before: { ...base, systems: whole.systems, entries: whole.entries }, entries: current.entries };
}
