import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import zh from "~/i18n/locales/zh-CN";
import en from "~/i18n/locales/en";
import { ROLES } from "~db/schema/auth";
import { areaNodes } from "~db/schema/platform";
import { auditLog } from "~db/schema/audit";

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]).sort();

const ZH = flatten(zh as unknown as Tree);
const EN = flatten(en as unknown as Tree);

describe("message catalogs zh-CN and en @platform", () => {
  it("are not trivially small", () => {
    expect(ZH.size).toBeGreaterThan(100);
  });

  it("have identical key sets", () => {
    const onlyZh = [...ZH.keys()].filter((k) => !EN.has(k));
    const onlyEn = [...EN.keys()].filter((k) => !ZH.has(k));
    expect({ onlyZh, onlyEn }).toEqual({ onlyZh: [], onlyEn: [] });
  });

  it.each([...ZH.keys()])("%s: a non-empty string in both, with the same placeholders", (key) => {
    const z = ZH.get(key);
    const e = EN.get(key);
    expect(typeof z).toBe("string");
    expect(typeof e).toBe("string");
    expect((z as string).trim()).not.toBe("");
    expect((e as string).trim()).not.toBe("");
    expect(placeholders(e as string)).toEqual(placeholders(z as string));
  });

  it.each([
    ["x {{a}} y {{ b }}", ["a", "b"]],
    ["none", []],
    ["{{ref}}", ["ref"]],
  ])("placeholder extraction from %j", (s, expected) => {
    expect(placeholders(s)).toEqual(expected);
  });
});

/** Every file under app/ that may call t() or carry an error key. */
function appSources(): { file: string; text: string }[] {
  const root = path.resolve(__dirname, "../../../app");
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.includes("locales"))
    .map((f) => ({ file: path.join("app", f), text: fs.readFileSync(path.join(root, f), "utf8") }));
}

/** t("a.b"), t('a.b') and t(`a.b`) with a literal key; template keys with ${…} are dynamic and skipped. */
const T_CALL = /\bt\(\s*(?:"([^"\n]+)"|'([^'\n]+)'|`([^`$\n]+)`)/g;
const ERROR_KEY = /["'`](errors\.[a-zA-Z]+)["'`]/g;

function usedKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(T_CALL)) keys.push(m[1] ?? m[2] ?? m[3]);
  for (const m of text.matchAll(ERROR_KEY)) keys.push(m[1]);
  return keys;
}

describe("keys used in the app exist in the zh-CN catalog @platform", () => {
  it.each<[string, string[]]>([
    [`t("nav.home")`, ["nav.home"]],
    [`{t('login.title')}`, ["login.title"]],
    ["t(`table.empty`)", ["table.empty"]],
    ["t(`roles.${r}`)", []],
    [`t("home.welcome", { name })`, ["home.welcome"]],
    [`z.string().min(1, "errors.required")`, ["errors.required"]],
    [`message: 'errors.codeInvalid' }`, ["errors.codeInvalid"]],
    [`const start = 3; format(x)`, []],
  ])("the scanner reads %s → %j", (src, expected) => {
    expect(usedKeys(src)).toEqual(expected);
  });

  const uses = appSources().flatMap(({ file, text }) => usedKeys(text).map((key) => ({ file, key })));
  const unique = [...new Map(uses.map((u) => [u.key, u])).values()];

  it("finds a realistic number of keys (the scan is not vacuous)", () => {
    expect(unique.length).toBeGreaterThan(60);
    expect(unique.some((u) => u.key.startsWith("errors."))).toBe(true);
  });

  it.each(unique.map((u) => [u.key, u.file]))("%s (first used in %s)", (key) => {
    expect(ZH.has(key), `missing key ${key}`).toBe(true);
    expect(typeof ZH.get(key)).toBe("string");
  });

  // Dynamic keys built from enums: every enum value must have its message.
  const dynamic: string[] = [
    ...ROLES.map((r) => `roles.${r}`),
    ...areaNodes.kind.enumValues.map((k) => `area.kind.${k}`),
    ...areaNodes.kind.enumValues.filter((k) => k !== "city").map((k) => `area.count.${k}`),
    ...auditLog.result.enumValues.map((r) => `audit.result.${r}`),
  ];
  it.each(dynamic)("dynamic key %s exists", (key) => {
    expect(typeof ZH.get(key)).toBe("string");
  });
});
