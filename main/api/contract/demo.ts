/**
 * API contract for the demo inventory (for demonstrations, tests and benchmarks): generated into
 * an empty unit workspace. Pure: zod schemas and types only.
 */
import { z } from 'zod';

const out = <T>() => undefined as unknown as T;

export interface DemoResult {
  seed: number;
  systems: number;
  resources: number;
  items: number;
  /** Planted mistakes by kind (missing-owner, lowering-without-rationale, …). */
  mistakes: Record<string, number>;
  /** Write transactions (one audit entry each, with the batch's SM3 digest). */
  batches: number;
  /** The classification scheme the demo is classified under (the one in use for 卫生健康). */
  schemeId: string;
  ms: number;
  regradeMs: number;
}

export const demoContract = {
  /** Fill an empty unit workspace with a deterministic hospital-like inventory (refused with DEMO_NEEDS_EMPTY otherwise). */
  'demo.generate': {
    input: z.strictObject({ items: z.number().int().min(1).max(1_000_000), seed: z.number().int().min(0).max(0xffff_ffff).default(1) }),
    output: out<DemoResult>(),
    activity: true,
  },
} as const;
