import ExcelJS from "exceljs";
import { IMPORT_COLUMNS } from "./columns";

/**
 * The import template: row 1 the Chinese headers, row 2 the English ones (both are recognised when the file
 * comes back, and row 2 is skipped), no example data (an example left in would be imported). The XLSX has every
 * column formatted as text, so "0301" and phone numbers keep their digits, drop-down lists for the fixed words,
 * and a second sheet "说明 notes" with what each column takes, in both languages.
 */
const NOTES: Record<(typeof IMPORT_COLUMNS)[number]["key"], [string, string]> = {
  building: ["楼栋名称，例如 1号楼；没有的楼栋会新建。", "Building name, e.g. 1号楼; a building not on record is created."],
  number: ["房号，同一楼栋内不能重复。", "Unit number, unique within its building."],
  kind: ["住宅、商铺或车位。", "dwelling, shop or parking."],
  area: ["专有部分面积，平方米，最多两位小数。", "Exclusive area in m², at most two decimals."],
  areaSource: ["不动产登记、测绘或购房合同。", "register, survey or contract."],
  owners: ["业主姓名；几位共有人用“、”或“;”分隔。开发商未售的房屋留空。", "Owner names; co-owners separated by \"、\" or \";\". Empty for the developer's unsold units."],
  phones: ["可选；11 位手机号，顺序与业主姓名相同，用同样的分隔符。", "Optional; mobile numbers in the same order as the names, same separators."],
  coOwned: ["是 或 否：列出的几位业主是否共有这套房屋（多位业主必须填“是”）。", "是/否 (yes/no): the listed owners co-own the unit (several names need 是)."],
  developerUnsold: ["是 或 否：开发商未售或未交付。", "是/否 (yes/no): unsold or undelivered by the developer."],
  validFrom: ["可选；产权起始日期，例如 2020-06-01；留空为导入当天。", "Optional; ownership start date, e.g. 2020-06-01; empty means the day of the import."],
};

const LISTS: Partial<Record<(typeof IMPORT_COLUMNS)[number]["key"], string>> = {
  kind: '"住宅,商铺,车位"',
  areaSource: '"不动产登记,测绘,购房合同"',
  coOwned: '"是,否"',
  developerUnsold: '"是,否"',
};

const TEMPLATE_ROWS = 5000;

export async function importTemplate(format: "xlsx" | "csv"): Promise<Response> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("房屋 units", { views: [{ state: "frozen", ySplit: 2 }] });
  ws.addRow(IMPORT_COLUMNS.map((c) => c.zh));
  ws.addRow(IMPORT_COLUMNS.map((c) => c.en));
  const headers = new Headers({ "Cache-Control": "no-store" });
  const name = "registry-import-template";
  headers.set("Content-Disposition", `attachment; filename="${name}.${format}"; filename*=UTF-8''${encodeURIComponent("房屋导入模板")}.${format}`);
  if (format === "csv") {
    headers.set("Content-Type", "text/csv; charset=utf-8");
    const buf = Buffer.from(await wb.csv.writeBuffer());
    // A BOM so that spreadsheet programs read the Chinese headers as UTF-8.
    return new Response(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]), { headers });
  }
  ws.getRow(1).font = { bold: true };
  ws.getRow(2).font = { italic: true, color: { argb: "FF57606A" } };
  IMPORT_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, c.zh.length * 2 + 4, c.en.length + 4);
    col.numFmt = "@";
    const list = LISTS[c.key];
    const letter = col.letter;
    if (list) {
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}3:${letter}${TEMPLATE_ROWS}`, {
        type: "list",
        allowBlank: true,
        formulae: [list],
        showErrorMessage: true,
      });
    }
  });
  const notes = wb.addWorksheet("说明 notes");
  notes.addRow(["列 column", "必填 required", "说明", "notes", "示例 example"]).font = { bold: true };
  for (const c of IMPORT_COLUMNS) notes.addRow([`${c.zh} / ${c.en}`, c.required ? "是 yes" : "否 no", NOTES[c.key][0], NOTES[c.key][1], c.example]);
  notes.addRow([]);
  notes.addRow(["第 1、2 行是表头，请从第 3 行开始填写，每套房屋一行。", "", "", "Rows 1–2 are headers; one unit per row from row 3."]);
  notes.addRow(["重复导入同一文件不会改变任何记录；已有业主不在文件中时，该行会被拒绝（请在房屋页面办理过户）。", "", "", "Importing the same file again changes nothing; a unit whose current owners are missing from the file is refused (record the transfer on the unit page)."]);
  notes.columns.forEach((col, i) => (col.width = [22, 12, 48, 56, 24][i]));
  headers.set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  return new Response(Buffer.from(await wb.xlsx.writeBuffer()), { headers });
}
