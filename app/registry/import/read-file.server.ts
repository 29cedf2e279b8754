import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { IMPORT_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, type ImportColumn } from "./columns";
import { isHeaderRow, mapHeader, type RawRow } from "./rules";

/**
 * Reading an import file (security.md item 20): the format is decided by the bytes, never by the name or the
 * browser's content type — XLSX is a ZIP ("PK\x03\x04") whose members we size before unpacking, CSV must be
 * UTF-8 text (a BOM is allowed); anything else is refused. One library (exceljs) reads both formats.
 */
export type FileProblem =
  | { code: "tooLarge" }
  | { code: "notSpreadsheet" }
  | { code: "unreadable" }
  | { code: "empty" }
  | { code: "tooManyRows"; params: { max: number } }
  | { code: "missingColumns"; params: { columns: ImportColumn[]; repeated: ImportColumn[] } };

/** What a ZIP may unpack to: an XLSX of 50,000 rows is well under 100 MB; more is a ZIP bomb, not a registry. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export function sniffFormat(bytes: Uint8Array): "xlsx" | "csv" | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  if (bytes.length === 0 || bytes.includes(0)) return null;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "csv";
  } catch {
    return null;
  }
}

/**
 * The total unpacked size a ZIP's central directory declares, or null when the directory cannot be read (or
 * uses ZIP64, which no spreadsheet of our size needs).
 */
export function zipUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 22 + 65,535 bytes (the comment).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const size = view.getUint32(p + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}

/** A cell's value as the text the user sees: numbers as written, dates as YYYY-MM-DD, formulas by their result. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in v && typeof v.text === "string") return v.text;
    if ("error" in v) return String(v.error);
  }
  return "";
}

function rowCells(row: ExcelJS.Row): string[] {
  const values = row.values as ExcelJS.CellValue[];
  const out: string[] = [];
  for (let i = 1; i < values.length; i++) out.push(cellText(values[i]));
  return out;
}

/** The rows of the first worksheet whose first non-empty row names the columns. */
function sheetRows(wb: ExcelJS.Workbook): { ok: true; rows: RawRow[] } | { ok: false; problem: FileProblem } {
  let firstProblem: FileProblem | null = null;
  for (const ws of wb.worksheets) {
    if (ws.state && ws.state !== "visible") continue;
    let index: Partial<Record<ImportColumn, number>> | null = null;
    let headerRow = 0;
    let problem: FileProblem | null = null;
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (problem) return;
      const cells = rowCells(row);
      if (!cells.some((c) => c.trim())) return;
      if (!index) {
        const h = mapHeader(cells);
        if (!h.ok) {
          problem = { code: "missingColumns", params: { columns: h.missing, repeated: h.repeated } };
          return;
        }
        index = h.index;
        headerRow = rowNumber;
        return;
      }
      // The template's second header row (English names) is not data.
      if (rows.length === 0 && rowNumber === headerRow + 1 && isHeaderRow(cells)) return;
      const raw: RawRow = { row: rowNumber, cells: {} };
      for (const c of IMPORT_COLUMNS) {
        const i = index[c.key];
        if (i !== undefined) raw.cells[c.key] = cells[i] ?? "";
      }
      if (!Object.values(raw.cells).some((v) => v && v.trim())) return;
      if (rows.length >= MAX_ROWS) {
        problem = { code: "tooManyRows", params: { max: MAX_ROWS } };
        return;
      }
      rows.push(raw);
    });
    if (problem) {
      if ((problem as FileProblem).code === "tooManyRows") return { ok: false, problem };
      firstProblem ??= problem;
      continue;
    }
    if (!index) continue;
    return rows.length ? { ok: true, rows } : { ok: false, problem: { code: "empty" } };
  }
  return { ok: false, problem: firstProblem ?? { code: "empty" } };
}

/** Read an import file's bytes into raw rows, or say plainly what is wrong with the file. */
export async function readImportFile(bytes: Uint8Array): Promise<{ ok: true; format: "xlsx" | "csv"; rows: RawRow[] } | { ok: false; problem: FileProblem }> {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, problem: { code: "tooLarge" } };
  const format = sniffFormat(bytes);
  if (!format) return { ok: false, problem: { code: "notSpreadsheet" } };
  const wb = new ExcelJS.Workbook();
  try {
    if (format === "xlsx") {
      const unpacked = zipUnpackedSize(bytes);
      if (unpacked === null || unpacked > MAX_UNPACKED_BYTES) return { ok: false, problem: { code: "unreadable" } };
      await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
    } else {
      let text = new TextDecoder("utf-8").decode(bytes);
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      // Every value stays text: exceljs would otherwise turn "0301" into 301 and "2020-06-01" into a Date.
      await wb.csv.read(Readable.from([text]), { map: (v: string) => v } as never);
    }
  } catch {
    return { ok: false, problem: { code: "unreadable" } };
  }
  const r = sheetRows(wb);
  return r.ok ? { ok: true, format, rows: r.rows } : r;
}
