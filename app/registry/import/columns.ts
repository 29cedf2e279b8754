import type { AREA_SOURCES, UNIT_KINDS } from "~db/schema/registry";

/**
 * The import file's columns, one row per unit (docs/decisions/003-registry-import.md). Row 1 of the template
 * carries the Chinese headers, row 2 the English ones; a file may use either or both, in any order, and extra
 * columns are ignored. The values accept the Chinese words the template shows or their English equivalents.
 */
export const IMPORT_COLUMNS = [
  { key: "building", zh: "楼栋", en: "building", required: true, example: "1号楼" },
  { key: "number", zh: "房号", en: "unit number", required: true, example: "2单元301" },
  { key: "kind", zh: "类型", en: "kind", required: true, example: "住宅" },
  { key: "area", zh: "面积（平方米）", en: "area m2", required: true, example: "85.23" },
  { key: "areaSource", zh: "面积来源", en: "area source", required: true, example: "不动产登记" },
  { key: "owners", zh: "业主姓名", en: "owner names", required: true, example: "张建国、李秀英" },
  { key: "phones", zh: "业主手机", en: "owner phones", required: false, example: "13812345678、13912345678" },
  { key: "coOwned", zh: "共有", en: "co-owned", required: false, example: "是" },
  { key: "developerUnsold", zh: "开发商未售", en: "developer unsold", required: false, example: "否" },
  { key: "validFrom", zh: "产权起始日期", en: "owned from", required: false, example: "2020-06-01" },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]["key"];

export const KIND_WORDS: Record<string, (typeof UNIT_KINDS)[number]> = {
  住宅: "dwelling",
  商铺: "shop",
  车位: "parking",
  dwelling: "dwelling",
  shop: "shop",
  parking: "parking",
};

export const AREA_SOURCE_WORDS: Record<string, (typeof AREA_SOURCES)[number]> = {
  不动产登记: "register",
  测绘: "survey",
  购房合同: "contract",
  register: "register",
  survey: "survey",
  contract: "contract",
};

export const YES_WORDS = new Set(["是", "yes", "y", "true", "1"]);
export const NO_WORDS = new Set(["否", "no", "n", "false", "0"]);

/** Several owners (and their phones, in the same order) in one cell: "、", ";" or "；" (commas too). */
export const LIST_SEPARATOR = /[、;；,，]/;

/** The largest file we take (security.md item 20: the limit holds before the file is buffered). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** More rows than any compound has units; guards the server's memory and the report's size. */
export const MAX_ROWS = 50_000;
