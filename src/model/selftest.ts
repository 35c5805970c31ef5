import { z } from 'zod';

/** How a figure's value reads (a share as a percentage, grade points, milliseconds, yes/no, tokens). */
export const FigureUnit = z.enum(['share', 'points', 'ms', 'bool', 'tokens']);
export type FigureUnit = z.infer<typeof FigureUnit>;

/**
 * The part of a stored selftest report (selftest_runs.result_json) a later run compares with:
 * each figure's value. The rest of the report is kept as it was written.
 */
export const StoredSelftestResult = z.looseObject({
  checks: z.array(
    z.looseObject({
      figure: z.string(),
      value: z.union([z.number(), z.boolean(), z.null()]),
      unit: FigureUnit,
    }),
  ),
});
export type StoredSelftestResult = z.infer<typeof StoredSelftestResult>;

/** One stored selftest run, as a later run reads it back. */
export interface PreviousSelftestRun {
  createdAt: string;
  modelDigest: string | null;
  judgeDigest: string | null;
  checks: { figure: string; value: number | boolean | null; unit: FigureUnit }[];
  verdict: string;
}
