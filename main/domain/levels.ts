/**
 * Level ordering. GB/T 43697: 核心 > 重要 > 一般4 > 3 > 2 > 1. A scheme may carry another level set
 * (GB/T 39725's 1–5) with an explicit mapping onto this one; comparisons always happen here.
 */
import { LEVELS_43697, type Level } from './code-lists';

const RANK: Record<Level, number> = {
  核心数据: 6,
  重要数据: 5,
  一般数据4级: 4,
  一般数据3级: 3,
  一般数据2级: 2,
  一般数据1级: 1,
};

export function isLevel(v: unknown): v is Level {
  return typeof v === 'string' && (LEVELS_43697 as readonly string[]).includes(v);
}

/** 1 (一般数据1级) … 6 (核心数据); 0 for no level. */
export function levelRank(l: Level | '' | null | undefined): number {
  return l ? RANK[l] : 0;
}

export function compareLevels(a: Level | '' | null | undefined, b: Level | '' | null | undefined): number {
  return levelRank(a) - levelRank(b);
}

export function maxLevel(levels: Iterable<Level | '' | null | undefined>): Level | undefined {
  let best: Level | undefined;
  for (const l of levels) if (l && levelRank(l) > levelRank(best)) best = l;
  return best;
}

/** 重要数据 and 核心数据 go into the important-data catalog (sheet 3). */
export function isImportant(l: Level | '' | null | undefined): boolean {
  return levelRank(l) >= RANK['重要数据'];
}
