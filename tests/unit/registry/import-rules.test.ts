import { describe, expect, it } from "vitest";
import {
  columnOfHeader,
  isHeaderRow,
  mapHeader,
  parseDateText,
  parseYesNo,
  planUnit,
  rowOutcome,
  validateImport,
  validateRow,
  type ImportRow,
  type RawRow,
  type UnitOnRecord,
} from "~/registry/import/rules";
import { IMPORT_COLUMNS, type ImportColumn } from "~/registry/import/columns";

const TODAY = "2026-03-02";
const base: Partial<Record<ImportColumn, string>> = {
  building: "1号楼",
  number: "1单元101",
  kind: "住宅",
  area: "85.23",
  areaSource: "不动产登记",
  owners: "张建国",
  phones: "13812345678",
  coOwned: "否",
  developerUnsold: "否",
  validFrom: "2020-06-01",
};
const raw = (cells: Partial<Record<ImportColumn, string>>, row = 3): RawRow => ({ row, cells: { ...base, ...cells } });
const codes = (cells: Partial<Record<ImportColumn, string>>) => {
  const r = validateRow(raw(cells), TODAY);
  return r.ok ? [] : r.errors.map((e) => `${e.column}:${e.code}`);
};

describe("import headers @registry", () => {
  it.each([
    ["楼栋", "building"],
    ["building", "building"],
    ["Building", "building"],
    ["房号", "number"],
    ["unit number", "number"],
    ["Unit_Number", "number"],
    ["面积（平方米）", "area"],
    ["面积", "area"],
    ["面积(m²)", "area"],
    ["area m2", "area"],
    ["面积来源", "areaSource"],
    ["area source", "areaSource"],
    ["业主姓名", "owners"],
    ["业主手机", "phones"],
    ["共有", "coOwned"],
    ["co-owned", "coOwned"],
    ["开发商未售", "developerUnsold"],
    ["产权起始日期", "validFrom"],
    ["owned from", "validFrom"],
    [" 类型 ", "kind"],
    ["备注", null],
    ["", null],
  ])("%j names %j", (text, key) => {
    expect(columnOfHeader(text)).toBe(key);
  });

  it("maps the template's headers in any order and ignores unknown columns", () => {
    const cells = ["备注", ...IMPORT_COLUMNS.map((c) => c.zh).reverse()];
    const h = mapHeader(cells);
    expect(h.ok).toBe(true);
    if (h.ok) {
      expect(h.index.building).toBe(IMPORT_COLUMNS.length);
      expect(h.index.validFrom).toBe(1);
    }
  });

  it("refuses a header without the required columns, or with a column twice", () => {
    expect(mapHeader(["楼栋", "房号", "类型"])).toEqual({ ok: false, missing: ["area", "areaSource", "owners"], repeated: [] });
    const twice = mapHeader([...IMPORT_COLUMNS.map((c) => c.zh), "building"]);
    expect(twice).toEqual({ ok: false, missing: [], repeated: ["building"] });
  });

  it("optional columns may be left out", () => {
    expect(mapHeader(["楼栋", "房号", "类型", "面积", "面积来源", "业主姓名"]).ok).toBe(true);
  });

  it("recognises the template's English header row, and not a data row", () => {
    expect(isHeaderRow(IMPORT_COLUMNS.map((c) => c.en))).toBe(true);
    expect(isHeaderRow(["1号楼", "101", "住宅"])).toBe(false);
    expect(isHeaderRow(["", ""])).toBe(false);
  });
});

describe("import values @registry", () => {
  it.each([
    ["是", true],
    ["否", false],
    ["YES", true],
    ["n", false],
    ["1", true],
    ["0", false],
    ["", undefined],
    ["  ", undefined],
    ["也许", "invalid"],
  ])("yes/no %j → %j", (text, v) => {
    expect(parseYesNo(text)).toBe(v);
  });

  it.each([
    ["2020-06-01", "2020-06-01"],
    ["2020/6/1", "2020-06-01"],
    ["2020.06.01", "2020-06-01"],
    ["2020年6月1日", "2020-06-01"],
    ["２０２０－０６－０１", "2020-06-01"],
    ["2024-02-29", "2024-02-29"],
    ["2023-02-29", null],
    ["2020-13-01", null],
    ["2020-00-10", null],
    ["2020-06-31", null],
    ["1899-12-31", null],
    ["20200601", null],
    ["06/01/2020", null],
    ["next week", null],
  ])("date %j → %j", (text, v) => {
    expect(parseDateText(text)).toBe(v);
  });
});

describe("import rows @registry", () => {
  it("a good row is normalised: area in 0.01 m², words to enums, phones to 11 digits", () => {
    const r = validateRow(raw({ kind: "商铺", areaSource: "测绘", phones: "+86 138-1234-5678", area: "1,234.5" }), TODAY);
    expect(r).toEqual({
      ok: true,
      value: { row: 3, building: "1号楼", number: "1单元101", kind: "shop", area: 123450, areaSource: "survey", owners: [{ name: "张建国", phone: "13812345678" }], developerUnsold: false, validFrom: "2020-06-01" },
    });
  });

  it("English words are accepted; blanks in optional columns take their defaults (today, not co-owned, not developer)", () => {
    const r = validateRow({ row: 9, cells: { building: " 2号楼 ", number: "３０１", kind: "Parking", area: "12.5", areaSource: "contract", owners: "李秀英" } }, TODAY);
    expect(r).toEqual({
      ok: true,
      value: { row: 9, building: "2号楼", number: "301", kind: "parking", area: 1250, areaSource: "contract", owners: [{ name: "李秀英", phone: null }], developerUnsold: false, validFrom: TODAY },
    });
  });

  it("co-owners: names and phones split on 、 ; ； , and kept in order; a gap means no phone", () => {
    const r = validateRow(raw({ owners: "张建国、李秀英；王芳", phones: "13812345678;;13912345678", coOwned: "是" }), TODAY);
    expect(r.ok && r.value.owners).toEqual([
      { name: "张建国", phone: "13812345678" },
      { name: "李秀英", phone: null },
      { name: "王芳", phone: "13912345678" },
    ]);
  });

  it("a developer-unsold unit has no owners", () => {
    const r = validateRow(raw({ owners: "", phones: "", developerUnsold: "是" }), TODAY);
    expect(r.ok && r.value).toMatchObject({ owners: [], developerUnsold: true });
  });

  it.each<[Partial<Record<ImportColumn, string>>, string[]]>([
    [{ area: "85.234" }, ["area:areaDecimals"]],
    [{ area: "abc" }, ["area:areaFormat"]],
    [{ area: "85,23" }, ["area:areaFormat"]],
    [{ area: "0" }, ["area:areaPositive"]],
    [{ area: "-3" }, ["area:areaPositive"]],
    [{ area: "100000.01" }, ["area:areaTooLarge"]],
    [{ area: "" }, ["area:required"]],
    [{ kind: "别墅" }, ["kind:unknownKind"]],
    [{ kind: "" }, ["kind:required"]],
    [{ areaSource: "估算" }, ["areaSource:unknownAreaSource"]],
    [{ areaSource: "" }, ["areaSource:required"]],
    [{ building: "" }, ["building:required"]],
    [{ number: "  " }, ["number:required"]],
    [{ number: "x".repeat(31) }, ["number:tooLong"]],
    [{ building: "楼".repeat(31) }, ["building:tooLong"]],
    [{ owners: "名".repeat(61) }, ["owners:tooLong"]],
    [{ phones: "12345" }, ["phones:phoneInvalid"]],
    [{ phones: "1381234567" }, ["phones:phoneInvalid"]],
    [{ owners: "", phones: "" }, ["owners:ownersMissing"]],
    [{ owners: " 、 ", phones: "" }, ["owners:ownersMissing"]],
    [{ owners: "张建国、李秀英", phones: "13812345678", coOwned: "是" }, ["phones:ownerPhoneCountMismatch"]],
    [{ owners: "张建国", phones: "13812345678、13912345678" }, ["phones:ownerPhoneCountMismatch"]],
    [{ owners: "张建国、李秀英", phones: "", coOwned: "否" }, ["coOwned:coOwnerMarker"]],
    [{ owners: "张建国、李秀英", phones: "", coOwned: "" }, ["coOwned:coOwnerMarker"]],
    [{ owners: "张建国", coOwned: "是" }, ["coOwned:coOwnerMarker"]],
    [{ owners: "张建国、张建国", phones: "", coOwned: "是" }, ["owners:ownerRepeated"]],
    [{ coOwned: "也许" }, ["coOwned:yesNoInvalid"]],
    [{ developerUnsold: "x" }, ["developerUnsold:yesNoInvalid"]],
    [{ developerUnsold: "是" }, ["developerUnsold:developerWithOwners"]],
    [{ developerUnsold: "是", owners: "", phones: "13812345678" }, ["developerUnsold:developerWithOwners"]],
    [{ developerUnsold: "是", owners: "", phones: "", coOwned: "是" }, ["coOwned:coOwnerMarker"]],
    [{ validFrom: "2020-02-30" }, ["validFrom:dateInvalid"]],
    [{ validFrom: "2026-03-03" }, ["validFrom:dateInFuture"]],
    [{ area: "0", kind: "x", phones: "1" }, ["kind:unknownKind", "area:areaPositive", "phones:phoneInvalid"]],
  ])("%j → %j", (cells, expected) => {
    expect(codes(cells)).toEqual(expected);
  });

  it("today itself is a valid start date", () => {
    expect(codes({ validFrom: TODAY })).toEqual([]);
  });
});

describe("import files @registry", () => {
  it("lists every bad row, and a unit listed twice on each later row with the first row", () => {
    const rows: RawRow[] = [
      raw({}, 3),
      raw({ number: "1单元102", area: "85.234" }, 4),
      raw({}, 5),
      raw({ number: "１单元101 " }, 6),
      raw({ number: "1单元103", kind: "别墅", phones: "138" }, 7),
    ];
    const r = validateImport(rows, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column, e.code, e.params])).toEqual([
      [4, "area", "areaDecimals", undefined],
      [5, "number", "duplicateUnit", { firstRow: 3 }],
      [6, "number", "duplicateUnit", { firstRow: 3 }],
      [7, "kind", "unknownKind", { value: "别墅" }],
      [7, "phones", "phoneInvalid", undefined],
    ]);
  });

  it("the same number in two buildings is two units", () => {
    const r = validateImport([raw({}, 3), raw({ building: "2号楼" }, 4)], TODAY);
    expect(r.ok && r.rows.length).toBe(2);
  });

  it("a clean file gives its rows in file order", () => {
    const r = validateImport([raw({ number: "b" }, 3), raw({ number: "a" }, 4)], TODAY);
    expect(r.ok && r.rows.map((x) => x.number)).toEqual(["b", "a"]);
  });
});

describe("what a row means for a unit on record @registry", () => {
  const row: ImportRow = {
    row: 3,
    building: "1号楼",
    number: "101",
    kind: "dwelling",
    area: 8523,
    areaSource: "register",
    owners: [{ name: "张建国", phone: "13812345678" }],
    developerUnsold: false,
    validFrom: "2020-06-01",
  };
  const unit = (current: UnitOnRecord["current"], fields: Partial<UnitOnRecord> = {}): UnitOnRecord => ({ id: "u1", kind: "dwelling", areaCenti: 8523, areaSource: "register", current, ...fields });
  const zhang = { ownerId: "o1", name: "张建国", phone: "13812345678", developerUnsold: false };

  it("no unit on record: create it with its owners", () => {
    const p = planUnit(row, undefined);
    expect(p).toEqual({ ok: true, unit: "create", addOwners: row.owners, addDeveloper: false });
    expect(p.ok && rowOutcome(p)).toBe("created");
  });

  it("the same unit with the same owner: nothing to write (a re-import)", () => {
    const p = planUnit(row, unit([zhang]));
    expect(p).toEqual({ ok: true, unit: "same", addOwners: [], addDeveloper: false });
    expect(p.ok && rowOutcome(p)).toBe("unchanged");
  });

  it("an owner matches by name when the file gives no phone", () => {
    expect(planUnit({ ...row, owners: [{ name: "张建国", phone: null }] }, unit([zhang]))).toMatchObject({ ok: true, unit: "same", addOwners: [] });
  });

  it.each<[Partial<UnitOnRecord>]>([[{ areaCenti: 8600 }], [{ kind: "shop" }], [{ areaSource: "survey" }]])("a different %j is an update", (fields) => {
    const p = planUnit(row, unit([zhang], fields));
    expect(p).toMatchObject({ ok: true, unit: "update", addOwners: [] });
    expect(p.ok && rowOutcome(p)).toBe("updated");
  });

  it("a unit on record without owners gets the listed ones (the row counts as updated)", () => {
    const p = planUnit(row, unit([]));
    expect(p).toEqual({ ok: true, unit: "same", addOwners: row.owners, addDeveloper: false });
    expect(p.ok && rowOutcome(p)).toBe("updated");
  });

  it("a new co-owner next to the one on record is added", () => {
    const p = planUnit({ ...row, owners: [...row.owners, { name: "李秀英", phone: null }] }, unit([zhang]));
    expect(p).toMatchObject({ ok: true, unit: "same", addOwners: [{ name: "李秀英", phone: null }] });
  });

  it("someone on record today who is not in the file: refused, never ended or removed", () => {
    expect(planUnit({ ...row, owners: [{ name: "王芳", phone: null }] }, unit([zhang]))).toEqual({
      ok: false,
      error: { row: 3, column: "owners", code: "ownersDiffer", params: { onRecord: "张建国" } },
    });
    // The same name with another phone is another person.
    expect(planUnit({ ...row, owners: [{ name: "张建国", phone: "13900000000" }] }, unit([zhang]))).toMatchObject({ ok: false, error: { code: "ownersDiffer" } });
  });

  it("the developer on record and owners in the file: refused (a sale is recorded on the unit page)", () => {
    expect(planUnit(row, unit([{ ownerId: null, name: null, phone: null, developerUnsold: true }]))).toEqual({ ok: false, error: { row: 3, column: "owners", code: "developerOnRecord" } });
  });

  it("developer-unsold rows: added once, then unchanged; refused where a person owns the unit", () => {
    const dev = { ...row, owners: [], developerUnsold: true };
    expect(planUnit(dev, unit([]))).toEqual({ ok: true, unit: "same", addOwners: [], addDeveloper: true });
    expect(planUnit(dev, unit([{ ownerId: null, name: null, phone: null, developerUnsold: true }]))).toEqual({ ok: true, unit: "same", addOwners: [], addDeveloper: false });
    expect(planUnit(dev, unit([zhang]))).toMatchObject({ ok: false, error: { column: "developerUnsold", code: "ownersDiffer" } });
  });

  it("two owners on record with the same name are matched one to one", () => {
    const twin = { ...zhang, ownerId: "o2", phone: null };
    const both = { ...row, owners: [{ name: "张建国", phone: null }, { name: "张建国", phone: "13812345678" }] };
    expect(planUnit(both, unit([zhang, twin]))).toMatchObject({ ok: true, addOwners: [] });
  });
});
