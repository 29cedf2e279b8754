import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger, scrub } from "~/platform/log.server";

describe("scrub @platform", () => {
  it.each<[string, string, string]>([
    ["a mobile alone", "13812345678", "138****5678"],
    ["a mobile inside text", "user 13812345678 failed", "user 138****5678 failed"],
    ["a mobile after a letter", "tel:13812345678;", "tel:138****5678;"],
    ["a mobile next to Chinese text", "手机13812345678登录失败", "手机138****5678登录失败"],
    ["two mobiles", "13812345678,19987654321", "138****5678,199****4321"],
    ["a 12-digit run is not a mobile", "138123456789", "138123456789"],
    ["a 10-digit run is not a mobile", "1381234567", "1381234567"],
    ["an 11-digit number not starting 13-19", "12812345678", "12812345678"],
    ["an order number is left alone", "order 20250502011403", "order 20250502011403"],
    ["an 18-digit ID number", "id 110101199001011234 ok", "id 110***********1234 ok"],
    ["an ID number ending in X", "id=11010119900101123X", "id=110***********123X"],
    ["an ID number ending in lower-case x", "11010119900101123x", "110***********123x"],
    ["a 19-digit run is not an ID number", "1101011990010112345", "1101011990010112345"],
    ["a 17-digit run is not an ID number", "11010119900101123", "11010119900101123"],
    ["a session cookie", "cookie: gz_session=abc.def123; lang=en", "cookie: gz_session=[redacted]; lang=en"],
    ["a session cookie at the end", "gz_session=sess_1.s3cr3t", "gz_session=[redacted]"],
    ["another cookie is kept", "lang=zh-CN", "lang=zh-CN"],
    ["nothing to scrub", "database ready", "database ready"],
    ["empty", "", ""],
  ])("%s", (_label, input, expected) => {
    expect(scrub(input)).toBe(expected);
  });
});

describe("createLogger redaction @platform", () => {
  let out: string;
  let stream: Writable;
  beforeEach(() => {
    // The test environment defaults the level to "warn"; log everything so info lines are really written.
    vi.stubEnv("GONGZHI_LOG_LEVEL", "trace");
    out = "";
    stream = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const lines = () => out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);

  it("logs a password field and a phone in the message without either (security.md item 18)", () => {
    const log = createLogger(stream);
    log.info({ password: "secret123" }, "user 13812345678 failed");
    expect(out).not.toBe("");
    expect(out).not.toContain("secret123");
    expect(out).not.toContain("13812345678");
    const [line] = lines();
    expect(line.password).toBe("[redacted]");
    expect(line.msg).toBe("user 138****5678 failed");
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["password", { password: "secret123" }, "secret123"],
    ["newPassword", { newPassword: "n3w-pass-phrase" }, "n3w-pass-phrase"],
    ["currentPassword", { currentPassword: "old-pass-phrase" }, "old-pass-phrase"],
    ["token", { token: "sess_1.tok3n" }, "sess_1.tok3n"],
    ["code", { code: "493817" }, "493817"],
    ["cookie", { cookie: "gz_session=abc" }, "abc"],
    ["authorization", { authorization: "Bearer xyz-123" }, "xyz-123"],
    ["secretKey", { secretKey: "ab".repeat(32) }, "ab".repeat(32)],
    ["idNumber", { idNumber: "110101199001011234" }, "110101199001011234"],
    ["nested password", { body: { password: "secret123" } }, "secret123"],
    ["nested token", { session: { token: "sess_1.tok3n" } }, "sess_1.tok3n"],
    ["request cookie header", { headers: { cookie: "gz_session=abc.def" } }, "abc.def"],
    ["nested request cookie header", { req: { headers: { cookie: "gz_session=abc.def" } } }, "abc.def"],
    ["a phone field", { phone: "13812345678" }, "13812345678"],
    ["an error message string", { err: "lookup failed for 13812345678" }, "13812345678"],
  ])("redacts %s", (_label, obj, secret) => {
    const log = createLogger(stream);
    log.warn(obj, "event");
    expect(out).toContain('"msg":"event"');
    expect(out).not.toContain(secret);
  });

  it.each<[string, (l: ReturnType<typeof createLogger>) => void, string]>([
    ["a format argument", (l) => l.info("login %s failed", "13812345678"), "login 138****5678 failed"],
    ["an ID number in the message", (l) => l.info("id 11010119900101123X rejected"), "id 110***********123X rejected"],
    ["a cookie in the message", (l) => l.info("cookie gz_session=abc.def seen"), "cookie gz_session=[redacted] seen"],
  ])("scrubs %s", (_label, write, expectedMsg) => {
    write(createLogger(stream));
    expect(lines()[0].msg).toBe(expectedMsg);
  });

  it("keeps ordinary fields", () => {
    createLogger(stream).info({ mode: "demo", ms: 12 }, "database ready");
    expect(lines()[0]).toMatchObject({ level: 30, mode: "demo", ms: 12, msg: "database ready" });
  });
});
