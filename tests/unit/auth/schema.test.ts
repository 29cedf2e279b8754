import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  ChangePasswordSchema,
  CreateUserSchema,
  ForgotSchema,
  GrantSchema,
  LoginSchema,
  ResetSchema,
  UserListSchema,
} from "~/auth/schema";

type Issue = { path: PropertyKey[]; message: string };
function issues(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return (r.error!.issues as Issue[]).map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}
const GOOD_PW = "correct horse battery";
/** Like toMatchObject, but `undefined` in `expected` also matches an absent key. */
function expectFields(actual: unknown, expected: Record<string, unknown>) {
  const a = actual as Record<string, unknown>;
  for (const [k, v] of Object.entries(expected)) expect(a[k], k).toEqual(v);
}

describe("LoginSchema @platform", () => {
  it.each<[string, string]>([
    ["13800000001", "13800000001"],
    ["138 0000 0001", "13800000001"],
    ["  138 0000 0001  ", "13800000001"],
    ["+86 138-0000-0001", "13800000001"],
    ["8613800000001", "13800000001"],
    // Account numbers: letters, digits, dashes; 4–32; upper-cased.
    ["ab12", "AB12"],
    ["gz-000123", "GZ-000123"],
    ["GZ-000123", "GZ-000123"],
    ["  gz-000123 ", "GZ-000123"],
    ["a".repeat(32), "A".repeat(32)],
  ])("login id %j → %j", (phone, expected) => {
    const r = LoginSchema.safeParse({ phone, password: "x" });
    expect(r.success).toBe(true);
    expect(r.data!.phone).toBe(expected);
  });

  it.each<[string, string]>([
    ["abc", "errors.loginIdInvalid"],
    ["a b c d", "errors.loginIdInvalid"],
    ["张三丰三", "errors.loginIdInvalid"],
    ["gz_0001", "errors.loginIdInvalid"],
    ["a".repeat(33), "errors.loginIdInvalid"],
    ["", "errors.required"],
    ["    ", "errors.required"],
  ])("login id %j → %s", (phone, message) => {
    expect(issues(LoginSchema, { phone, password: "x" })).toEqual([{ path: "phone", message }]);
  });

  it.each<[string, unknown, string]>([
    ["empty password", "", "errors.required"],
    ["1025-character password", "p".repeat(1025), "errors.passwordTooLong"],
  ])("%s → %s", (_label, password, message) => {
    expect(issues(LoginSchema, { phone: "13800000001", password })).toEqual([{ path: "password", message }]);
  });

  it("accepts a 1024-character password (login does not apply the new-password policy)", () => {
    expect(LoginSchema.safeParse({ phone: "13800000001", password: "p".repeat(1024) }).success).toBe(true);
  });

  it("keeps next", () => {
    expect(LoginSchema.parse({ phone: "13800000001", password: "x", next: "/c/cp_1" }).next).toBe("/c/cp_1");
  });
});

describe("ChangePasswordSchema @platform", () => {
  it("accepts matching good passwords", () => {
    expect(ChangePasswordSchema.safeParse({ currentPassword: "old", newPassword: GOOD_PW, confirmPassword: GOOD_PW }).success).toBe(true);
  });

  it.each<[string, Record<string, string>, { path: string; message: string }[]]>([
    [
      "mismatch",
      { currentPassword: "old", newPassword: GOOD_PW, confirmPassword: GOOD_PW + "!" },
      [{ path: "confirmPassword", message: "errors.passwordMismatch" }],
    ],
    [
      "too short",
      { currentPassword: "old", newPassword: "short", confirmPassword: "short" },
      [{ path: "newPassword", message: "errors.passwordTooShort" }],
    ],
    [
      "7 Chinese characters is too short",
      { currentPassword: "old", newPassword: "我的密码很安全", confirmPassword: "我的密码很安全" },
      [{ path: "newPassword", message: "errors.passwordTooShort" }],
    ],
    [
      "too long",
      { currentPassword: "old", newPassword: "y".repeat(129), confirmPassword: "y".repeat(129) },
      [{ path: "newPassword", message: "errors.passwordTooLong" }],
    ],
    [
      "too common",
      { currentPassword: "old", newPassword: "Password1", confirmPassword: "Password1" },
      [{ path: "newPassword", message: "errors.passwordTooCommon" }],
    ],
    [
      "current password missing",
      { currentPassword: "", newPassword: GOOD_PW, confirmPassword: GOOD_PW },
      [{ path: "currentPassword", message: "errors.required" }],
    ],
  ])("%s", (_label, input, expected) => {
    expect(issues(ChangePasswordSchema, input)).toEqual(expected);
  });
});

describe("ResetSchema and ForgotSchema @platform", () => {
  it("normalises the phone and accepts a 6-digit code", () => {
    expect(
      ResetSchema.parse({ phone: "+86 138 0000 0001", code: " 012345 ", newPassword: GOOD_PW, confirmPassword: GOOD_PW }),
    ).toMatchObject({ phone: "13800000001", code: "012345" });
  });

  it.each(["12345", "1234567", "abcdef", ""])("code %j → errors.codeInvalid", (code) => {
    expect(issues(ResetSchema, { phone: "13800000001", code, newPassword: GOOD_PW, confirmPassword: GOOD_PW })).toEqual([
      { path: "code", message: "errors.codeInvalid" },
    ]);
  });

  it.each<[string, string]>([
    ["12800000001", "errors.phoneInvalid"],
    ["gz-0001", "errors.phoneInvalid"],
    ["", "errors.required"],
  ])("forgot phone %j → %s", (phone, message) => {
    expect(issues(ForgotSchema, { phone })).toEqual([{ path: "phone", message }]);
  });
});

describe("GrantSchema @platform", () => {
  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    ["no dates", { role: "owner", nodeId: "cp_1" }, { role: "owner", nodeId: "cp_1", validFrom: undefined, validTo: undefined }],
    ["empty dates mean absent", { role: "owner", nodeId: "cp_1", validFrom: "", validTo: "  " }, { validFrom: undefined, validTo: undefined }],
    ["from only", { role: "owner", nodeId: "cp_1", validFrom: "2025-05-01" }, { validFrom: "2025-05-01", validTo: undefined }],
    ["to only", { role: "owner", nodeId: "cp_1", validTo: "2025-05-01" }, { validFrom: undefined, validTo: "2025-05-01" }],
    ["to after from", { role: "resident", nodeId: " cp_1 ", validFrom: "2025-05-01", validTo: "2025-05-02" }, { nodeId: "cp_1", validTo: "2025-05-02" }],
    ["across a year", { role: "owner", nodeId: "cp_1", validFrom: "2024-12-31", validTo: "2025-01-01" }, { validFrom: "2024-12-31" }],
  ])("accepts %s", (_label, input, expected) => {
    const r = GrantSchema.safeParse(input);
    expect(r.success).toBe(true);
    expectFields(r.data, expected);
  });

  it.each<[string, Record<string, string>, { path: string; message: string }[]]>([
    [
      "validTo before validFrom",
      { role: "owner", nodeId: "cp_1", validFrom: "2025-05-02", validTo: "2025-05-01" },
      [{ path: "validTo", message: "errors.validToBeforeFrom" }],
    ],
    [
      "validTo equal to validFrom",
      { role: "owner", nodeId: "cp_1", validFrom: "2025-05-02", validTo: "2025-05-02" },
      [{ path: "validTo", message: "errors.validToBeforeFrom" }],
    ],
    [
      "validTo a year earlier",
      { role: "owner", nodeId: "cp_1", validFrom: "2025-01-01", validTo: "2024-12-31" },
      [{ path: "validTo", message: "errors.validToBeforeFrom" }],
    ],
    ["unknown role", { role: "superuser", nodeId: "cp_1" }, [{ path: "role", message: "errors.roleInvalid" }]],
    ["missing node", { role: "owner", nodeId: " " }, [{ path: "nodeId", message: "errors.required" }]],
    ["date in another format", { role: "owner", nodeId: "cp_1", validFrom: "2025/05/01" }, [{ path: "validFrom", message: "errors.dateInvalid" }]],
    ["date text", { role: "owner", nodeId: "cp_1", validTo: "tomorrow" }, [{ path: "validTo", message: "errors.dateInvalid" }]],
  ])("refuses %s", (_label, input, expected) => {
    expect(issues(GrantSchema, input)).toEqual(expected);
  });
});

describe("CreateUserSchema @platform", () => {
  it("normalises the phone and keeps the grant", () => {
    expect(CreateUserSchema.parse({ name: " 王五 ", phone: "138 0000 0001", role: "owner", nodeId: "cp_1" })).toMatchObject({
      name: "王五",
      phone: "13800000001",
      role: "owner",
      nodeId: "cp_1",
    });
  });

  it.each<[string, Record<string, string>, string, string]>([
    ["empty name", { name: " ", phone: "13800000001", role: "owner", nodeId: "cp_1" }, "name", "errors.required"],
    ["61-char name", { name: "名".repeat(61), phone: "13800000001", role: "owner", nodeId: "cp_1" }, "name", "errors.tooLong"],
    ["bad phone", { name: "王五", phone: "1380000000", role: "owner", nodeId: "cp_1" }, "phone", "errors.phoneInvalid"],
  ])("refuses %s", (_label, input, path, message) => {
    expect(issues(CreateUserSchema, input)).toContainEqual({ path, message });
  });
});

describe("UserListSchema @platform", () => {
  it.each<[Record<string, string>, Record<string, unknown>]>([
    [{}, { page: 1, size: 25, sort: "createdAt", dir: "desc", q: undefined, role: undefined }],
    [{ sort: "name", dir: "asc", role: "owner", q: " 张 " }, { sort: "name", dir: "asc", role: "owner", q: "张" }],
    [{ sort: "passwordHash", role: "root" }, { sort: "createdAt", role: undefined }],
  ])("%j → %j", (input, expected) => {
    expectFields(UserListSchema.parse(input), expected);
  });
});
