import { describe, expect, it } from "vitest";
import {
  checkPassword,
  GRANTABLE_BY,
  grantInForce,
  isReauthFresh,
  loginBlockedUntil,
  normalisePhone,
  PASSWORD_MAX,
  PASSWORD_MIN,
  REAUTH_MS,
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
  SESSION_TOUCH_MS,
  sessionState,
} from "~/auth/rules";
import { ROLES, type Role } from "~db/schema/auth";

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms);
const T0 = Date.UTC(2025, 4, 2, 1, 14, 3); // any fixed instant

describe("policy constants @platform", () => {
  it.each([
    ["PASSWORD_MIN", PASSWORD_MIN, 8],
    ["PASSWORD_MAX", PASSWORD_MAX, 128],
    ["SESSION_IDLE_MS", SESSION_IDLE_MS, 7 * DAY],
    ["SESSION_MAX_MS", SESSION_MAX_MS, 30 * DAY],
    ["SESSION_TOUCH_MS", SESSION_TOUCH_MS, MIN],
    ["REAUTH_MS", REAUTH_MS, 10 * MIN],
  ])("%s is %d", (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe("checkPassword @platform", () => {
  it.each<[string, string, ReturnType<typeof checkPassword>]>([
    ["empty", "", "TOO_SHORT"],
    ["7 ASCII chars", "abcdefg", "TOO_SHORT"],
    ["8 ASCII chars", "abcdefgh", null],
    ["7 Chinese chars (21 UTF-8 bytes, 7 code points)", "我的密码很安全", "TOO_SHORT"],
    ["8 Chinese chars", "我的密码非常安全", null],
    // Emoji outside the BMP are 2 UTF-16 units each: 4 emoji = 8 units but 4 code points.
    ["4 astral emoji (8 UTF-16 units)", "😀😁😂🤣", "TOO_SHORT"],
    ["7 astral emoji (14 UTF-16 units)", "😀😁😂🤣😃😄😅", "TOO_SHORT"],
    ["8 astral emoji", "😀😁😂🤣😃😄😅😆", null],
    ["7 spaces + 1 letter", "       x", null],
    ["64 chars", "x".repeat(64), null],
    ["128 chars", "y".repeat(128), null],
    ["129 chars", "y".repeat(129), "TOO_LONG"],
    ["128 Chinese chars", "汉".repeat(128), null],
    ["129 Chinese chars", "汉".repeat(129), "TOO_LONG"],
    ["127 letters + 1 astral emoji (129 UTF-16 units, 128 code points)", "z".repeat(127) + "😀", null],
    ["a passphrase with no composition", "correct horse battery staple", null],
    ["all digits, not common", "90817263", null],
  ])("%s → %s", (_label, pw, expected) => {
    expect(checkPassword(pw)).toBe(expected);
  });

  it.each([
    "Password1",
    "PASSWORD1",
    "password",
    "12345678",
    "123456789",
    "woaini1314",
    "WoAiNi1314",
    "Qwerty123",
    "P@ssw0rd",
    "88888888",
    "iloveyou",
    "Gongzhi123",
    "ADMINISTRATOR",
  ])("common password %j → TOO_COMMON", (pw) => {
    expect(checkPassword(pw)).toBe("TOO_COMMON");
  });

  it.each([
    ["too short wins over common (a 6-char common password)", "123456", "TOO_SHORT"],
    ["common with trailing char is not common", "password12", null],
    ["common with a leading space is not common", " password", null],
  ])("%s", (_label, pw, expected) => {
    expect(checkPassword(pw)).toBe(expected);
  });
});

describe("loginBlockedUntil @platform", () => {
  const WINDOW = 15 * MIN;
  const MAX = 5;
  const now = at(T0);
  const ago = (ms: number) => at(T0 - ms);

  it.each<[string, Date[], Date | null]>([
    ["no failures", [], null],
    ["4 failures in the window", [ago(1 * MIN), ago(2 * MIN), ago(3 * MIN), ago(4 * MIN)], null],
    [
      "5 failures in the window → 5th-most-recent + window",
      [ago(1 * MIN), ago(2 * MIN), ago(3 * MIN), ago(4 * MIN), ago(5 * MIN)],
      at(T0 - 5 * MIN + WINDOW),
    ],
    [
      "5 failures given out of order",
      [ago(3 * MIN), ago(5 * MIN), ago(1 * MIN), ago(4 * MIN), ago(2 * MIN)],
      at(T0 - 5 * MIN + WINDOW),
    ],
    [
      "6 failures → the 5th most recent, not the oldest, sets the time",
      [ago(1 * MIN), ago(2 * MIN), ago(3 * MIN), ago(4 * MIN), ago(5 * MIN), ago(10 * MIN)],
      at(T0 - 5 * MIN + WINDOW),
    ],
    [
      "5 failures all at now",
      [now, now, now, now, now],
      at(T0 + WINDOW),
    ],
    [
      "4 recent + 1 older than the window → ignored",
      [ago(1 * MIN), ago(2 * MIN), ago(3 * MIN), ago(4 * MIN), ago(WINDOW + 1)],
      null,
    ],
    [
      "4 recent + 1 exactly at now - window → outside the window",
      [ago(1 * MIN), ago(2 * MIN), ago(3 * MIN), ago(4 * MIN), ago(WINDOW)],
      null,
    ],
    [
      "4 recent + 1 at now - window + 1 ms → inside, blocked for 1 ms",
      [ago(1 * MIN), ago(2 * MIN), ago(3 * MIN), ago(4 * MIN), ago(WINDOW - 1)],
      at(T0 + 1),
    ],
    [
      "4 recent + 1 in the future → ignored",
      [ago(1 * MIN), ago(2 * MIN), ago(3 * MIN), ago(4 * MIN), at(T0 + 1)],
      null,
    ],
    [
      "5 failures in the future → ignored",
      [at(T0 + 1), at(T0 + 2), at(T0 + 3), at(T0 + 4), at(T0 + 5)],
      null,
    ],
    [
      "10 failures all older than the window",
      Array.from({ length: 10 }, (_, i) => ago(WINDOW + i * MIN)),
      null,
    ],
  ])("%s", (_label, failures, expected) => {
    expect(loginBlockedUntil(failures, now, MAX, WINDOW)).toEqual(expected);
  });

  it("the block ends exactly when the 5th-most-recent failure leaves the window", () => {
    const failures = [ago(1 * MIN), ago(2 * MIN), ago(3 * MIN), ago(4 * MIN), ago(5 * MIN)];
    const until = loginBlockedUntil(failures, now, MAX, WINDOW)!;
    expect(until).not.toBeNull();
    expect(loginBlockedUntil(failures, at(until.getTime() - 1), MAX, WINDOW)).toEqual(until);
    expect(loginBlockedUntil(failures, until, MAX, WINDOW)).toBeNull();
  });

  it.each([
    [1, 1, true],
    [1, 0, false],
    [3, 3, true],
    [3, 2, false],
  ])("max=%d with %d failures → blocked=%s", (max, count, blocked) => {
    const failures = Array.from({ length: count }, (_, i) => ago((i + 1) * 1000));
    expect(loginBlockedUntil(failures, now, max, WINDOW) !== null).toBe(blocked);
  });

  it("does not mutate its input", () => {
    const failures = [ago(5 * MIN), ago(1 * MIN), ago(3 * MIN), ago(2 * MIN), ago(4 * MIN)];
    const copy = failures.map((d) => d.getTime());
    loginBlockedUntil(failures, now, MAX, WINDOW);
    expect(failures.map((d) => d.getTime())).toEqual(copy);
  });
});

describe("sessionState @platform", () => {
  const created = T0;
  it.each<[string, number, number, ReturnType<typeof sessionState>]>([
    // [label, lastSeen offset from created, now offset from created, expected]
    ["just created", 0, 0, "valid"],
    ["1 ms before the touch threshold", 0, SESSION_TOUCH_MS - 1, "valid"],
    ["exactly at the touch threshold", 0, SESSION_TOUCH_MS, "valid-touch"],
    ["1 ms before idle expiry", 0, SESSION_IDLE_MS - 1, "valid-touch"],
    ["exactly at idle expiry", 0, SESSION_IDLE_MS, "expired"],
    ["1 ms after idle expiry", 0, SESSION_IDLE_MS + 1, "expired"],
    ["recently seen, well within both limits", 5 * DAY, 5 * DAY + 1000, "valid"],
    ["seen 6 days ago after 20 days of use", 20 * DAY, 26 * DAY, "valid-touch"],
    ["active all along, 1 ms before the absolute cap", SESSION_MAX_MS - 1000, SESSION_MAX_MS - 1, "valid"],
    ["active all along, exactly at the absolute cap", SESSION_MAX_MS - 1000, SESSION_MAX_MS, "expired"],
    ["active all along, past the absolute cap", SESSION_MAX_MS, SESSION_MAX_MS + 1, "expired"],
  ])("%s → %s", (_label, seenOffset, nowOffset, expected) => {
    expect(
      sessionState({ createdAt: at(created), lastSeenAt: at(created + seenOffset) }, at(created + nowOffset)),
    ).toBe(expected);
  });
});

describe("isReauthFresh @platform", () => {
  it.each<[string, Date | null, boolean]>([
    ["never re-authenticated", null, false],
    ["just now", at(T0), true],
    ["1 ms before expiry", at(T0 - REAUTH_MS + 1), true],
    ["exactly at expiry", at(T0 - REAUTH_MS), false],
    ["long ago", at(T0 - DAY), false],
    ["1 ms in the future (clock skew) → not fresh", at(T0 + 1), false],
    ["far in the future → not fresh", at(T0 + DAY), false],
  ])("%s → %s", (_label, reauthAt, expected) => {
    expect(isReauthFresh(reauthAt, at(T0))).toBe(expected);
  });
});

describe("grantInForce @platform", () => {
  const from = T0;
  const to = T0 + 30 * DAY;
  it.each<[string, number | null, number, boolean]>([
    ["1 ms before validFrom", to, from - 1, false],
    ["at validFrom", to, from, true],
    ["between", to, from + DAY, true],
    ["1 ms before validTo", to, to - 1, true],
    ["at validTo", to, to, false],
    ["after validTo", to, to + 1, false],
    ["open-ended, at validFrom", null, from, true],
    ["open-ended, far future", null, from + 10_000 * DAY, true],
    ["open-ended, before validFrom", null, from - 1, false],
    ["empty grant (validTo = validFrom)", from, from, false],
  ])("%s → %s", (_label, validTo, now, expected) => {
    expect(grantInForce({ validFrom: at(from), validTo: validTo === null ? null : at(validTo) }, at(now))).toBe(expected);
  });
});

describe("normalisePhone @platform", () => {
  it.each<[string, string | null]>([
    ["13800000001", "13800000001"],
    ["138 0000 0001", "13800000001"],
    ["+8613800000001", "13800000001"],
    ["8613800000001", "13800000001"],
    ["+86 138 0000 0001", "13800000001"],
    ["86-138-0000-0001", "13800000001"],
    ["138-0000-0001", "13800000001"],
    ["(138) 0000-0001", "13800000001"],
    ["  13800000001  ", "13800000001"],
    ["\t13800000001\n", "13800000001"],
    ["19912345678", "19912345678"],
    ["13012345678", "13012345678"],
    // Invalid
    ["", null],
    ["   ", null],
    ["12800000001", null],
    ["10800000001", null],
    ["23800000001", null],
    ["1380000000", null],
    ["138000000012", null],
    ["+86138000000012", null],
    ["+8612800000001", null],
    ["008613800000001", null],
    ["+85213800000001", null],
    ["1380000000a", null],
    ["138.0000.0001", null],
    ["１３８０００００００１", null],
    ["+86", null],
  ])("%j → %j", (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });
});

describe("GRANTABLE_BY @platform", () => {
  it("has an entry for every role, and only roles", () => {
    expect(Object.keys(GRANTABLE_BY).sort()).toEqual([...ROLES].sort());
    for (const granted of Object.values(GRANTABLE_BY)) for (const r of granted) expect(ROLES).toContain(r);
  });

  // An independent statement of the policy: who may hand out what.
  const EXPECTED: Record<Role, Role[]> = {
    city_admin: [...ROLES],
    street_officer: ["community_worker", "party_reviewer", "prep_group_member", "committee_member", "property_staff", "owner", "resident"],
    community_worker: ["owner", "resident"],
    party_reviewer: [],
    prep_group_member: [],
    committee_member: [],
    property_staff: [],
    owner: [],
    resident: [],
  };
  const pairs = ROLES.flatMap((granter) => ROLES.map((target) => [granter, target, EXPECTED[granter].includes(target)] as const));

  it.each(pairs)("%s may grant %s → %s", (granter, target, allowed) => {
    expect(GRANTABLE_BY[granter].includes(target)).toBe(allowed);
  });

  it.each(ROLES.filter((r) => r !== "city_admin"))("%s cannot grant city_admin (no escalation to the top)", (r) => {
    expect(GRANTABLE_BY[r]).not.toContain("city_admin");
  });

  it.each(ROLES.filter((r) => r !== "city_admin"))("%s cannot grant its own role", (r) => {
    expect(GRANTABLE_BY[r]).not.toContain(r);
  });
});
