import { describe, expect, it } from "vitest";
import { amountInWords, WORDS_LIMIT_FEN, yuanText } from "~/fees/words";

/** "1,680.32" → 168032 fen, from the text (no floats). */
const fenOf = (text: string) => {
  const [whole, frac] = text.replace(/,/g, "").split(".");
  return Number(whole) * 100 + Number(frac);
};

describe("amountInWords: the rules.md §4 table", () => {
  it.each([
    ["0.00", "零元整"],
    ["0.05", "伍分"],
    ["0.50", "伍角"],
    ["10.00", "壹拾元整"],
    ["127.80", "壹佰贰拾柒元捌角"],
    ["127.85", "壹佰贰拾柒元捌角伍分"],
    ["1,000.00", "壹仟元整"],
    ["1,005.00", "壹仟零伍元整"],
    ["1,680.32", "壹仟陆佰捌拾元零叁角贰分"],
    ["16,409.02", "壹万陆仟肆佰零玖元零贰分"],
    ["20,030.00", "贰万零叁拾元整"],
    ["100,005.06", "壹拾万零伍元零陆分"],
    ["107,000.53", "壹拾万柒仟元零伍角叁分"],
    ["1,010,000.00", "壹佰零壹万元整"],
    ["1,234,567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"],
    ["100,000,005.00", "壹亿零伍元整"],
  ])("%s → %s", (amount, words) => expect(amountInWords(fenOf(amount))).toBe(words));
});

describe("amountInWords: derived vectors", () => {
  it.each([
    // below one yuan: no 元, no leading 零
    ["0.01", "壹分"],
    ["0.55", "伍角伍分"],
    ["0.10", "壹角"],
    // 整 only after 元, never after 角
    ["1.00", "壹元整"],
    ["1.50", "壹元伍角"],
    ["1.55", "壹元伍角伍分"],
    // 角 zero before a non-zero 分 → 零 after 元 (PBOC: 325.04)
    ["1.05", "壹元零伍分"],
    ["325.04", "叁佰贰拾伍元零肆分"],
    ["20.02", "贰拾元零贰分"],
    // 元 digit zero before a non-zero 角 → 零 (the first-listed form); one 零 when 角 is zero too
    ["10.50", "壹拾元零伍角"],
    ["100.50", "壹佰元零伍角"],
    ["1,600.05", "壹仟陆佰元零伍分"],
    ["10.55", "壹拾元零伍角伍分"],
    // zeros between digits: one 零 for a run (PBOC: 1,409.50; 6,007.14)
    ["1,409.50", "壹仟肆佰零玖元伍角"],
    ["6,007.14", "陆仟零柒元壹角肆分"],
    ["101.00", "壹佰零壹元整"],
    ["11.00", "壹拾壹元整"],
    // 壹拾, never a bare 拾, at every section
    ["100,000.00", "壹拾万元整"],
    ["110,000.00", "壹拾壹万元整"],
    ["1,000,000,000.00", "壹拾亿元整"],
    // whole sections
    ["10,000.00", "壹万元整"],
    ["10,000,000.00", "壹仟万元整"],
    ["100,000,000.00", "壹亿元整"],
    ["100,000,000,000.00", "壹仟亿元整"],
    // 万 digit zero: 零 before a zero 千, none before a non-zero 千
    ["1,000,010.00", "壹佰万零壹拾元整"],
    ["1,000,100.00", "壹佰万零壹佰元整"],
    ["1,001,000.00", "壹佰万壹仟元整"],
    ["10,100.00", "壹万零壹佰元整"],
    ["11,000.00", "壹万壹仟元整"],
    // the same at 亿
    ["100,010,000.00", "壹亿零壹万元整"],
    ["1,010,000,000.00", "壹拾亿壹仟万元整"],
    ["1,000,100,000.00", "壹拾亿零壹拾万元整"],
    ["1,000,000,005.00", "壹拾亿零伍元整"],
    // a whole zero 万 section before a non-zero 千: the exception read literally (no 零)
    ["100,001,000.00", "壹亿壹仟元整"],
    ["100,000,100.00", "壹亿零壹佰元整"],
    // the largest amount allowed
    ["999,999,999,999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"],
  ])("%s → %s", (amount, words) => expect(amountInWords(fenOf(amount))).toBe(words));

  it("refuses negatives, fractions of a fen, and 1 万亿元 or more", () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
    expect(() => amountInWords(Number.NaN)).toThrow(RangeError);
    expect(() => amountInWords(WORDS_LIMIT_FEN)).toThrow(RangeError);
    expect(() => amountInWords(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(amountInWords(WORDS_LIMIT_FEN - 1)).toMatch(/^玖仟/);
  });
});

/** Read capital numerals back to fen — an independent check that the words say the amount. */
function readWords(words: string): number {
  const DIG = "零壹贰叁肆伍陆柒捌玖";
  const PLACE: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
  const body = words.replace(/整$/, "");
  const [yuanPart, rest] = body.includes("元") ? body.split("元") : ["", body];
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of yuanPart) {
    if (DIG.includes(ch)) digit = DIG.indexOf(ch);
    else if (ch in PLACE) {
      section += digit * PLACE[ch];
      digit = 0;
    } else if (ch === "万") {
      total += (section + digit) * 10_000;
      section = digit = 0;
    } else if (ch === "亿") {
      total = (total + section + digit) * 100_000_000;
      section = digit = 0;
    } else throw new Error(`unexpected ${ch} in ${words}`);
  }
  total += section + digit;
  const jiao = /([壹贰叁肆伍陆柒捌玖])角/.exec(rest)?.[1];
  const fen = /([壹贰叁肆伍陆柒捌玖])分/.exec(rest)?.[1];
  return total * 100 + (jiao ? DIG.indexOf(jiao) * 10 : 0) + (fen ? DIG.indexOf(fen) : 0);
}

describe("amountInWords: properties over seeded random amounts", () => {
  // mulberry32: a small seeded PRNG, so a failure reproduces.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random = rng(20250301);
  // Amounts with many zeros stress the 零 rules: each digit is zero with probability ½.
  const amounts = Array.from({ length: 3000 }, () => {
    const len = 1 + Math.floor(random() * 14);
    let s = "";
    for (let i = 0; i < len; i++) s += random() < 0.5 ? "0" : String(1 + Math.floor(random() * 9));
    return Number(s);
  });

  it("reads back to the same amount", () => {
    for (const fen of amounts) expect(readWords(amountInWords(fen)), `${fen}`).toBe(fen);
  });

  it("besides 零元整: never two 零 in a row, never 零 before a unit word or at the end, 整 exactly when there are no 角/分, 拾 always after a digit", () => {
    for (const fen of amounts) {
      if (fen === 0) continue; // 零元整, the one amount written with 零 alone
      const w = amountInWords(fen);
      expect(w, `${fen}`).not.toMatch(/零零|零[拾佰仟万亿元角分]|零$|(^|[^壹贰叁肆伍陆柒捌玖])拾|角整|分整/);
      expect(w.endsWith("整"), `${fen}`).toBe(fen % 100 === 0);
      if (fen > 0 && fen < 100) expect(w).not.toMatch(/^零|元/);
    }
  });
});

describe("yuanText", () => {
  it.each([
    [0, "0.00"],
    [5, "0.05"],
    [50, "0.50"],
    [12785, "127.85"],
    [100, "1.00"],
    [123456789, "1234567.89"],
    [-500, "-5.00"],
    [-5, "-0.05"],
  ])("%i fen → %s", (fen, text) => expect(yuanText(fen)).toBe(text));

  it.each([
    [0, "0.00"],
    [99999, "999.99"],
    [100000, "1,000.00"],
    [123456789, "1,234,567.89"],
    [100000000000, "1,000,000,000.00"],
    [-123456789, "-1,234,567.89"],
    [Number.MAX_SAFE_INTEGER, "90,071,992,547,409.91"],
  ])("%i fen with thousands → %s", (fen, text) => expect(yuanText(fen, { thousands: true })).toBe(text));

  it("refuses fractions of a fen", () => {
    expect(() => yuanText(1.5)).toThrow(RangeError);
    expect(() => yuanText(Number.NaN)).toThrow(RangeError);
  });
});
