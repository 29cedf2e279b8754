import { describe, expect, it } from "vitest";
import { maskIdNumber, maskPhone, maskRecord } from "~/auth/mask";

describe("maskPhone @platform", () => {
  it.each<[string | null | undefined, string]>([
    ["13812345678", "138****5678"],
    ["19900000000", "199****0000"],
    [null, ""],
    [undefined, ""],
    ["", ""],
    ["1", "*"],
    ["1234", "****"],
    ["123456", "12**56"],
    ["6512345", "65***45"],
    ["12345678", "12****78"],
    ["010-12345678", "010*****5678"],
  ])("%j → %j", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it.each(["13812345678", "010-12345678", "123456", "12345678"])("never reveals the whole of %j", (p) => {
    expect(maskPhone(p)).not.toBe(p);
    expect(maskPhone(p)).toHaveLength(p.length);
  });
});

describe("maskIdNumber @platform", () => {
  it.each<[string | null | undefined, string]>([
    ["110101199001011234", "110***********1234"],
    ["11010119900101123X", "110***********123X"],
    ["110101900101123", "110********1123"], // 15-digit first-generation ID
    [null, ""],
    [undefined, ""],
    ["", ""],
    ["1234567", "*******"],
    ["12345678", "123*5678"],
  ])("%j → %j", (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it.each(["110101199001011234", "11010119900101123X", "1234567", "12345678"])("never reveals the whole of %j", (id) => {
    expect(maskIdNumber(id)).not.toBe(id);
    expect(maskIdNumber(id)).toHaveLength(id.length);
  });
});

describe("maskRecord @platform", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["phone", { phone: "13812345678" }, { phone: "138****5678" }],
    ["contactPhone", { contactPhone: "13812345678" }, { contactPhone: "138****5678" }],
    ["mobile", { mobile: "13812345678" }, { mobile: "138****5678" }],
    ["idNumber", { idNumber: "110101199001011234" }, { idNumber: "110***********1234" }],
    ["idNo", { idNo: "11010119900101123X" }, { idNo: "110***********123X" }],
    ["null phone kept", { phone: null }, { phone: null }],
    ["Date → ISO", { createdAt: new Date("2025-05-02T01:14:03.000Z") }, { createdAt: "2025-05-02T01:14:03.000Z" }],
    ["other values untouched", { name: "张三", n: 3, ok: true, none: null }, { name: "张三", n: 3, ok: true, none: null }],
    ["empty", {}, {}],
  ])("%s", (_label, input, expected) => {
    expect(maskRecord(input)).toEqual(expected);
  });

  it.each(["password", "passwordHash", "secretHash", "codeHash", "token", "code"])("drops %s", (field) => {
    const out = maskRecord({ id: "u1", [field]: "s3cret-value" });
    expect(out).toEqual({ id: "u1" });
    expect(field in out).toBe(false);
    expect(JSON.stringify(out)).not.toContain("s3cret-value");
  });

  it("masks a full user row as the audit log would store it", () => {
    const row = {
      id: "usr_1",
      name: "李四",
      phone: "13812345678",
      idNumber: "110101199001011234",
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$abc$def",
      createdAt: new Date("2025-01-01T00:00:00Z"),
      disabledAt: null,
    };
    const out = maskRecord(row);
    expect(out).toEqual({
      id: "usr_1",
      name: "李四",
      phone: "138****5678",
      idNumber: "110***********1234",
      createdAt: "2025-01-01T00:00:00.000Z",
      disabledAt: null,
    });
    const json = JSON.stringify(out);
    expect(json).not.toContain("13812345678");
    expect(json).not.toContain("110101199001011234");
    expect(json).not.toContain("argon2");
    // The input is not modified.
    expect(row.phone).toBe("13812345678");
    expect(row.createdAt).toBeInstanceOf(Date);
  });
});
