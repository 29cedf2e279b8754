/**
 * The registry import's rules, pure: headers → columns, rows → normalised rows or every problem, and what one
 * row means for a unit already on record. No database, no clock (the caller passes `today`).
 * Sources: SPC Interpretation on building-unit ownership Arts. 8–9 (exclusive parts, their area and owners);
 * docs/decisions/003-registry-import.md.
 */
import { normalisePhone } from "~/auth/rules";
import type { AREA_SOURCES, UNIT_KINDS } from "~db/schema/registry";
import { parseAreaText, type AreaProblem } from "../rules";
import { AREA_SOURCE_WORDS, IMPORT_COLUMNS, KIND_WORDS, LIST_SEPARATOR, NO_WORDS, YES_WORDS, type ImportColumn } from "./columns";

export type ImportCode =
  | "required"
  | "tooLong"
  | "unknownKind"
  | "areaFormat"
  | "areaDecimals"
  | "areaPositive"
  | "areaTooLarge"
  | "unknownAreaSource"
  | "duplicateUnit"
  | "ownersMissing"
  | "ownerRepeated"
  | "developerWithOwners"
  | "phoneInvalid"
  | "ownerPhoneCountMismatch"
  | "coOwnerMarker"
  | "yesNoInvalid"
  | "dateInvalid"
  | "dateInFuture"
  | "ownersDiffer"
  | "developerOnRecord";

/** One problem: the spreadsheet row number as the user sees it (1-based, headers included) and the column. */
export type ImportError = { row: number; column: ImportColumn; code: ImportCode; params?: Record<string, string | number> };

/** A row as read from the file: its spreadsheet row number and its cells as text. */
export type RawRow = { row: number; cells: Partial<Record<ImportColumn, string>> };

export type ImportOwner = { name: string; phone: string | null };

export type ImportRow = {
  row: number;
  building: string;
  number: string;
  kind: (typeof UNIT_KINDS)[number];
  /** Integer 0.01 m². */
  area: number;
  areaSource: (typeof AREA_SOURCES)[number];
  owners: ImportOwner[];
  developerUnsold: boolean;
  /** YYYY-MM-DD. */
  validFrom: string;
};

// ---------------------------------------------------------------------------------------------------------------
// Headers

function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\(.*$/, "")
    .replace(/[\s_\-/]+/g, "")
    .replace(/[*:：]$/, "");
}

const HEADER_NAMES = new Map<string, ImportColumn>();
for (const c of IMPORT_COLUMNS) {
  HEADER_NAMES.set(headerKey(c.zh), c.key);
  HEADER_NAMES.set(headerKey(c.en), c.key);
  HEADER_NAMES.set(headerKey(c.key), c.key);
}

/** Which column a header cell names, if any. "面积（平方米）", "面积", "area m2" and "Area" all name `area`. */
export function columnOfHeader(text: string): ImportColumn | null {
  return HEADER_NAMES.get(headerKey(text)) ?? null;
}

/**
 * Map a header row to column positions. Unknown headers are ignored; a required column that is missing, or a
 * column named twice, makes the file unusable.
 */
export function mapHeader(cells: readonly string[]): { ok: true; index: Partial<Record<ImportColumn, number>> } | { ok: false; missing: ImportColumn[]; repeated: ImportColumn[] } {
  const index: Partial<Record<ImportColumn, number>> = {};
  const repeated: ImportColumn[] = [];
  cells.forEach((text, i) => {
    const key = columnOfHeader(text);
    if (!key) return;
    if (index[key] !== undefined) repeated.push(key);
    else index[key] = i;
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && index[c.key] === undefined).map((c) => c.key);
  if (missing.length || repeated.length) return { ok: false, missing, repeated };
  return { ok: true, index };
}

/** Whether a row is a second header row (the template's English names): every non-empty cell names a column. */
export function isHeaderRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return filled.length > 0 && filled.every((c) => columnOfHeader(c) !== null);
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** Building names and unit numbers are compared as written, after NFKC (full-width digits) and trimming. */
export function normaliseLabel(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ");
}

const AREA_CODES: Record<Exclude<AreaProblem, "EMPTY">, ImportCode> = {
  FORMAT: "areaFormat",
  DECIMALS: "areaDecimals",
  ZERO: "areaPositive",
  NEGATIVE: "areaPositive",
  TOO_LARGE: "areaTooLarge",
};

export function parseYesNo(text: string | undefined): boolean | undefined | "invalid" {
  const s = (text ?? "").normalize("NFKC").trim().toLowerCase();
  if (s === "") return undefined;
  if (YES_WORDS.has(s)) return true;
  if (NO_WORDS.has(s)) return false;
  return "invalid";
}

/** "2020-06-01", "2020/6/1", "2020.6.1" or "2020年6月1日" → "2020-06-01"; null when not a real calendar day. */
export function parseDateText(text: string): string | null {
  const s = text.normalize("NFKC").trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function splitList(text: string | undefined): string[] {
  return (text ?? "").split(LIST_SEPARATOR).map((s) => s.trim());
}

const MAX_LABEL = 30;
const MAX_NAME = 60;

// ---------------------------------------------------------------------------------------------------------------
// Rows

/** Validate one row. Returns the normalised row, or the row's problems (several columns may be wrong at once). */
export function validateRow(raw: RawRow, today: string): { ok: true; value: ImportRow } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const bad = (column: ImportColumn, code: ImportCode, params?: ImportError["params"]) => errors.push({ row: raw.row, column, code, ...(params ? { params } : {}) });
  const cell = (c: ImportColumn) => raw.cells[c] ?? "";

  const building = normaliseLabel(cell("building"));
  if (!building) bad("building", "required");
  else if ([...building].length > MAX_LABEL) bad("building", "tooLong");
  const number = normaliseLabel(cell("number"));
  if (!number) bad("number", "required");
  else if ([...number].length > MAX_LABEL) bad("number", "tooLong");

  const kindText = cell("kind").normalize("NFKC").trim();
  const kind = KIND_WORDS[kindText.toLowerCase()] ?? KIND_WORDS[kindText];
  if (!kindText) bad("kind", "required");
  else if (!kind) bad("kind", "unknownKind", { value: kindText });

  const areaResult = parseAreaText(cell("area"));
  if (!areaResult.ok) bad("area", areaResult.reason === "EMPTY" ? "required" : AREA_CODES[areaResult.reason]);

  const sourceText = cell("areaSource").normalize("NFKC").trim();
  const areaSource = AREA_SOURCE_WORDS[sourceText.toLowerCase()] ?? AREA_SOURCE_WORDS[sourceText];
  if (!sourceText) bad("areaSource", "required");
  else if (!areaSource) bad("areaSource", "unknownAreaSource", { value: sourceText });

  const developer = parseYesNo(cell("developerUnsold"));
  if (developer === "invalid") bad("developerUnsold", "yesNoInvalid");
  const coOwned = parseYesNo(cell("coOwned"));
  if (coOwned === "invalid") bad("coOwned", "yesNoInvalid");

  const names = splitList(cell("owners")).filter(Boolean);
  const phoneCells = splitList(cell("phones"));
  const anyPhone = phoneCells.some(Boolean);
  const owners: ImportOwner[] = [];
  if (developer === true) {
    if (names.length || anyPhone) bad("developerUnsold", "developerWithOwners");
    if (coOwned === true) bad("coOwned", "coOwnerMarker");
  } else if (names.length === 0) {
    bad("owners", "ownersMissing");
  } else {
    if (names.some((n) => [...n].length > MAX_NAME)) bad("owners", "tooLong");
    if (anyPhone && phoneCells.length !== names.length) bad("phones", "ownerPhoneCountMismatch", { names: names.length, phones: phoneCells.length });
    const phones = anyPhone && phoneCells.length === names.length ? phoneCells.map((p) => (p ? normalisePhone(p) : null)) : names.map(() => null);
    if (anyPhone && phoneCells.length === names.length && phoneCells.some((p, i) => p && !phones[i])) bad("phones", "phoneInvalid");
    const seen = new Set<string>();
    names.forEach((name, i) => {
      const key = `${name}\u0000${phones[i] ?? ""}`;
      if (seen.has(key)) bad("owners", "ownerRepeated", { name });
      seen.add(key);
      owners.push({ name, phone: phones[i] ?? null });
    });
    // 共有 says whether the listed owners share the unit: "是" needs two or more names, "否" (or blank) exactly one.
    if (coOwned !== "invalid" && (names.length > 1) !== (coOwned === true)) bad("coOwned", "coOwnerMarker", { names: names.length });
  }

  let validFrom = today;
  const dateText = cell("validFrom").trim();
  if (dateText) {
    const d = parseDateText(dateText);
    if (!d) bad("validFrom", "dateInvalid");
    else if (d > today) bad("validFrom", "dateInFuture");
    else validFrom = d;
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: { row: raw.row, building, number, kind: kind!, area: (areaResult as { value: number }).value, areaSource: areaSource!, owners, developerUnsold: developer === true, validFrom },
  };
}

export function unitKey(building: string, number: string): string {
  return `${building}\u0000${number}`;
}

/**
 * Validate a whole file: every row's problems, plus a unit listed twice (same building and number), reported on
 * each later row with the row it repeats. The file is usable only when there is no problem at all.
 */
export function validateImport(rows: readonly RawRow[], today: string): { ok: true; rows: ImportRow[] } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const good: ImportRow[] = [];
  const firstRow = new Map<string, number>();
  for (const raw of rows) {
    const r = validateRow(raw, today);
    const building = normaliseLabel(raw.cells.building ?? "");
    const number = normaliseLabel(raw.cells.number ?? "");
    const rowErrors = r.ok ? [] : r.errors;
    if (building && number) {
      const key = unitKey(building, number);
      const first = firstRow.get(key);
      if (first !== undefined) rowErrors.unshift({ row: raw.row, column: "number", code: "duplicateUnit", params: { firstRow: first } });
      else firstRow.set(key, raw.row);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (r.ok) good.push(r.value);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows: good };
}

// ---------------------------------------------------------------------------------------------------------------
// What a row means for the registry

/** A unit on record with its ownerships in force today. */
export type UnitOnRecord = {
  id: string;
  kind: ImportRow["kind"];
  areaCenti: number;
  areaSource: ImportRow["areaSource"];
  current: { ownerId: string | null; name: string | null; phone: string | null; developerUnsold: boolean }[];
};

export type UnitPlan =
  | { ok: false; error: ImportError }
  | {
      ok: true;
      /** The unit's own fields (kind, area, area source). */
      unit: "create" | "update" | "same";
      /** Owners to add to the unit (each gets an ownership from the row's date). */
      addOwners: ImportOwner[];
      addDeveloper: boolean;
    };

/** A listed owner is the one on record when the names are equal and, if the file gives a phone, the phones too. */
export function sameOwner(listed: ImportOwner, onRecord: { name: string | null; phone: string | null }): boolean {
  return onRecord.name === listed.name && (listed.phone === null || onRecord.phone === listed.phone);
}

/**
 * Compare a row with its unit on record. Nothing on record: create. Same kind, area and source: the unit is
 * unchanged, otherwise it is updated. Owners listed and already owning it today are unchanged; the others are
 * added. The import never ends or removes an ownership: when someone owns the unit today who is not in the file
 * (or the developer does, and the file names owners), that is a transfer for a person to record on the unit
 * page, so the row is refused with the names on record.
 */
export function planUnit(row: ImportRow, unit: UnitOnRecord | undefined): UnitPlan {
  if (!unit) return { ok: true, unit: "create", addOwners: row.owners, addDeveloper: row.developerUnsold };
  const same = unit.kind === row.kind && unit.areaCenti === row.area && unit.areaSource === row.areaSource;
  const people = unit.current.filter((c) => c.ownerId !== null);
  const developerNow = unit.current.some((c) => c.developerUnsold);
  const matched = new Set<number>();
  const found = new Set<ImportOwner>();
  // Owners with a phone first: they can match only one record, those without may match any of the same name.
  for (const o of [...row.owners.filter((x) => x.phone !== null), ...row.owners.filter((x) => x.phone === null)]) {
    const i = people.findIndex((c, j) => !matched.has(j) && sameOwner(o, c));
    if (i >= 0) {
      matched.add(i);
      found.add(o);
    }
  }
  const addOwners = row.owners.filter((o) => !found.has(o));
  const unlisted = people.filter((_, j) => !matched.has(j));
  if (unlisted.length) {
    const column = row.developerUnsold ? "developerUnsold" : "owners";
    return { ok: false, error: { row: row.row, column, code: "ownersDiffer", params: { onRecord: unlisted.map((p) => p.name ?? "").join("、") } } };
  }
  if (developerNow && !row.developerUnsold) return { ok: false, error: { row: row.row, column: "owners", code: "developerOnRecord" } };
  return { ok: true, unit: same ? "same" : "update", addOwners, addDeveloper: row.developerUnsold && !developerNow };
}

/** How a planned row counts in the outcome: a new unit, a unit with a change (its fields or an owner added), or nothing written. */
export function rowOutcome(plan: Extract<UnitPlan, { ok: true }>): "created" | "updated" | "unchanged" {
  if (plan.unit === "create") return "created";
  return plan.unit === "update" || plan.addOwners.length > 0 || plan.addDeveloper ? "updated" : "unchanged";
}
