/** How classification schemes are used by the inventory: entries per scheme version and per 行业领域 (live entries only). */
import type { Db } from '../connection';

export function createSchemeUsageRepo(db: Db) {
  const byVersion = db.prepare<[], { scheme_id: string; scheme_version: number | null; n: number }>(
    `SELECT scheme_id, scheme_version, count(*) AS n FROM entry WHERE deleted_at IS NULL AND scheme_id <> '' GROUP BY scheme_id, scheme_version`,
  );
  const byIndustry = db.prepare<[], { industry: string; n: number }>('SELECT industry, count(*) AS n FROM entry WHERE deleted_at IS NULL GROUP BY industry');
  return {
    /** Live entries stamped with each scheme version (the version they were graded under). */
    entriesByVersion(): { schemeId: string; version: number | null; entries: number }[] {
      return byVersion.all().map((r) => ({ schemeId: r.scheme_id, version: r.scheme_version, entries: r.n }));
    },
    /** Live entries per 行业领域 ('' for entries without one). */
    entriesByIndustry(): Map<string, number> {
      return new Map(byIndustry.all().map((r) => [r.industry, r.n]));
    },
  };
}

export type SchemeUsageRepo = ReturnType<typeof createSchemeUsageRepo>;
