import { z } from "zod";

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/**
 * One schema for paging, sorting and filtering of every server list (style.md habit 11): sort keys are an
 * allow-list; filters are named by the caller. Unknown or malformed values fall back to defaults, never 500.
 */
export function listParamsSchema<const K extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortKeys: K,
  defaultSort: K[number],
  defaultDir: "asc" | "desc",
  filters: F,
) {
  return z.object({
    page: z.coerce.number().int().min(1).max(100_000).catch(1),
    size: z.coerce
      .number()
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
      .catch(25),
    sort: z.enum(sortKeys).catch(defaultSort),
    dir: z.enum(["asc", "desc"]).catch(defaultDir),
    format: z.enum(["csv", "xlsx"]).optional().catch(undefined),
    ...filters,
  });
}

export function searchParamsObject(url: URL): Record<string, string> {
  const o: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== "") o[k] = v;
  return o;
}

/** Filters as optional trimmed text that treats "" as absent. */
export const optionalText = (max = 100) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined));
