/**
 * The classification schemes (scheme.list / scheme.get), flattened for the category pickers:
 * choosing a category fills 行业领域, 一级…四级类别 and 分类编码 at once.
 */
import { useEffect, useState } from 'react';
import type { Client } from '../../../main/api/client';
import { flattenCategories, type FlatCategory } from '../../../main/domain/scheme';

export interface SchemeCategories {
  id: string;
  name: string;
  industry: string;
  categories: FlatCategory[];
}

export interface Schemes {
  list: SchemeCategories[];
  /** The scheme of an entry, or the first one. */
  forEntry(schemeId: string | undefined): SchemeCategories | undefined;
}

export function useSchemes(client: Client): Schemes {
  const [list, setList] = useState<SchemeCategories[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const r = await client.invoke('scheme.list', {});
      if (!r.ok || !live) return;
      const out: SchemeCategories[] = [];
      for (const s of r.value) {
        const d = await client.invoke('scheme.get', { id: s.id });
        if (!live) return;
        if (d.ok) out.push({ id: s.id, name: s.name, industry: d.value.definition.industry, categories: flattenCategories(d.value.definition) });
      }
      setList(out);
    })();
    return () => {
      live = false;
    };
  }, [client]);
  return { list, forEntry: (id) => list.find((s) => s.id === id) ?? list[0] };
}

/** The sheet-2 category fields a picked category sets. */
export function categoryFields(scheme: SchemeCategories, c: FlatCategory) {
  return {
    industry: scheme.industry,
    category1: c.path[0] ?? '',
    category2: c.path[1] ?? '',
    category3: c.path[2] ?? '',
    category4: c.path[3] ?? '',
    categoryCode: c.code,
  };
}
