import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { cellText, readImportFile, sniffFormat, zipUnpackedSize, MAX_UNPACKED_BYTES } from "~/registry/import/read-file.server";
import { importTemplate } from "~/registry/import/template.server";
import { IMPORT_COLUMNS, MAX_FILE_BYTES } from "~/registry/import/columns";

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEAD_ZH = IMPORT_COLUMNS.map((c) => c.zh).join(",");
const HEAD_EN = IMPORT_COLUMNS.map((c) => c.en).join(",");

async function xlsx(rows: ExcelJS.CellValue[][], sheets: string[] = ["data"]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const name of sheets) {
    const ws = wb.addWorksheet(name);
    if (name === sheets[sheets.length - 1]) for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("import file formats @registry", () => {
  it.each<[string, Uint8Array, "xlsx" | "csv" | null]>([
    ["a ZIP (XLSX)", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), "xlsx"],
    ["UTF-8 text", utf8("楼栋,房号\n1号楼,101\n"), "csv"],
    ["UTF-8 text with a BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("a,b")]), "csv"],
    ["PNG", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), null],
    ["PDF with binary", new Uint8Array([...utf8("%PDF-1.7\n"), 0xe2, 0xe3, 0xcf, 0xd3]), null],
    ["old .xls (OLE)", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), null],
    ["GBK text", new Uint8Array([0xc2, 0xa5, 0xb6, 0xb0, 0x2c, 0x31]), null],
    ["UTF-16 text (NUL bytes)", new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00]), null],
    ["nothing", new Uint8Array([]), null],
  ])("%s → %s", (_what, bytes, format) => {
    expect(sniffFormat(bytes)).toBe(format);
  });

  it("reads the unpacked size from a ZIP's central directory", async () => {
    const bytes = await xlsx([["楼栋"]]);
    const size = zipUnpackedSize(bytes)!;
    expect(size).toBeGreaterThan(bytes.length);
    expect(zipUnpackedSize(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toBeNull();
  });

  it("refuses a ZIP that declares more than it may unpack to (a ZIP bomb), before unpacking", async () => {
    const bytes = await xlsx([["楼栋"]]);
    const view = new DataView(bytes.buffer);
    // Patch the first central-directory entry's uncompressed size.
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x06054b50) {
        const cd = view.getUint32(i + 16, true);
        view.setUint32(cd + 24, MAX_UNPACKED_BYTES + 1, true);
        break;
      }
    }
    expect(await readImportFile(bytes)).toEqual({ ok: false, problem: { code: "unreadable" } });
  });

  it.each<[string, Uint8Array, string]>([
    ["a PNG", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "notSpreadsheet"],
    ["a ZIP that is not a workbook", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0]), "unreadable"],
    ["a CSV without the columns", utf8("name,phone\n张三,13812345678\n"), "missingColumns"],
    ["a CSV with headers only", utf8(`${HEAD_ZH}\n${HEAD_EN}\n`), "empty"],
    ["an empty CSV line", utf8("\n\n"), "empty"],
  ])("%s is refused: %s", async (_what, bytes, code) => {
    const r = await readImportFile(bytes);
    expect(r.ok ? null : r.problem.code).toBe(code);
  });

  it("a file over 20 MB is refused without reading it", async () => {
    const r = await readImportFile(new Uint8Array(MAX_FILE_BYTES + 1));
    expect(r).toEqual({ ok: false, problem: { code: "tooLarge" } });
  });

  it("names the missing columns", async () => {
    const r = await readImportFile(utf8("楼栋,房号,类型,面积\n1号楼,101,住宅,85\n"));
    expect(r).toEqual({ ok: false, problem: { code: "missingColumns", params: { columns: ["areaSource", "owners"], repeated: [] } } });
  });

  it("reads a CSV with a BOM, quotes, commas and newlines in cells, keeps every value as text, skips the English header row and blank lines", async () => {
    const csv = `\ufeff${HEAD_ZH}\n${HEAD_EN}\n1号楼,0301,住宅,85.20,不动产登记,"张建国,李秀英",13812345678;13912345678,是,否,2020-06-01\n,,,,,,,,,\n"2号""楼",101,商铺,12,测绘,"王
芳",,,,\n`;
    const r = await readImportFile(utf8(csv));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.format).toBe("csv");
    expect(r.rows).toEqual([
      { row: 3, cells: { building: "1号楼", number: "0301", kind: "住宅", area: "85.20", areaSource: "不动产登记", owners: "张建国,李秀英", phones: "13812345678;13912345678", coOwned: "是", developerUnsold: "否", validFrom: "2020-06-01" } },
      { row: 5, cells: { building: '2号"楼', number: "101", kind: "商铺", area: "12", areaSource: "测绘", owners: "王\n芳", phones: "", coOwned: "", developerUnsold: "", validFrom: "" } },
    ]);
  });

  it("reads an XLSX: numbers as written, dates as days, formulas by their result, rich text as its text", async () => {
    const bytes = await xlsx([
      IMPORT_COLUMNS.map((c) => c.zh),
      ["1号楼", 301, "住宅", 85.23, "不动产登记", { richText: [{ text: "张" }, { text: "建国" }] }, 13812345678, "否", "否", new Date(Date.UTC(2020, 5, 1))],
      ["1号楼", "302", "住宅", { formula: "80+5.5", result: 85.5 }, "测绘", "李秀英", null, null, null, null],
    ]);
    const r = await readImportFile(bytes);
    expect(r.ok && r.format).toBe("xlsx");
    expect(r.ok && r.rows.map((x) => x.cells)).toEqual([
      { building: "1号楼", number: "301", kind: "住宅", area: "85.23", areaSource: "不动产登记", owners: "张建国", phones: "13812345678", coOwned: "否", developerUnsold: "否", validFrom: "2020-06-01" },
      { building: "1号楼", number: "302", kind: "住宅", area: "85.5", areaSource: "测绘", owners: "李秀英", phones: "", coOwned: "", developerUnsold: "", validFrom: "" },
    ]);
  });

  it("uses the first sheet that has the columns (a notes sheet before it is skipped)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["请按模板填写"]);
    const ws = wb.addWorksheet("data");
    ws.addRow(IMPORT_COLUMNS.map((c) => c.en));
    ws.addRow(["A", "1", "dwelling", "50", "register", "x"]);
    const r = await readImportFile(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(r.ok && r.rows).toEqual([{ row: 2, cells: { building: "A", number: "1", kind: "dwelling", area: "50", areaSource: "register", owners: "x", phones: "", coOwned: "", developerUnsold: "", validFrom: "" } }]);
  });

  it.each<[ExcelJS.CellValue, string]>([
    [null, ""],
    ["x", "x"],
    [85.23, "85.23"],
    [true, "true"],
    [new Date(Date.UTC(2021, 0, 31)), "2021-01-31"],
    [{ text: "link", hyperlink: "https://example.com" }, "link"],
    [{ error: "#N/A" }, "#N/A"],
  ])("cell %j reads as %j", (v, text) => {
    expect(cellText(v)).toBe(text);
  });
});

describe("the import template @registry", () => {
  it.each(["xlsx", "csv"] as const)("the %s template reads back as headers without data", async (format) => {
    const res = await importTemplate(format);
    expect(res.headers.get("Content-Disposition")).toContain(`.${format}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(sniffFormat(bytes)).toBe(format);
    expect(await readImportFile(bytes)).toEqual({ ok: false, problem: { code: "empty" } });
  });

  it("the XLSX template filled in with a row imports that row; the CSV starts with a BOM", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await importTemplate("xlsx")).arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["房屋 units", "说明 notes"]);
    wb.worksheets[0].getRow(3).values = ["1号楼", "101", "住宅", "85.23", "不动产登记", "张建国"];
    const r = await readImportFile(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(r.ok && r.rows.map((x) => [x.row, x.cells.owners])).toEqual([[3, "张建国"]]);
    const csv = new Uint8Array(await (await importTemplate("csv")).arrayBuffer());
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
