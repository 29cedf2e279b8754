import ExcelJS from "exceljs";

/** CSV and XLSX exports of a list, through one maintained library (exceljs) for both formats. */
export type ExportColumn<T> = { header: string; value: (row: T) => string | number | null };

export const EXPORT_MAX_ROWS = 100_000;

export async function exportResponse<T>(
  format: "csv" | "xlsx",
  filename: string,
  columns: ExportColumn<T>[],
  rows: T[],
): Promise<Response> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("export");
  ws.addRow(columns.map((c) => c.header));
  for (const r of rows) ws.addRow(columns.map((c) => neutralise(c.value(r))));
  const headers = new Headers({
    "Cache-Control": "no-store",
    "Content-Disposition": `attachment; filename="${filename}.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}.${format}`,
  });
  if (format === "csv") {
    const buf = Buffer.from(await wb.csv.writeBuffer());
    headers.set("Content-Type", "text/csv; charset=utf-8");
    // A BOM so that spreadsheet programs read the Chinese text as UTF-8.
    return new Response(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]), { headers });
  }
  headers.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  return new Response(Buffer.from(await wb.xlsx.writeBuffer()), { headers });
}

/** Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection). */
function neutralise(v: string | number | null): string | number | null {
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}
