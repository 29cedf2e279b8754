/**
 * Amounts on receipts (rules.md §4): the capital numerals (大写) following the People's Bank of China's rules for
 * filling in bills (正确填写票据和结算凭证的基本规定), and the figures. Pure, integers only.
 */

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
/** Within a four-digit section: units, 拾, 佰, 仟. */
const PLACES = ["", "拾", "佰", "仟"] as const;
/** Words are for amounts below 1 万亿元 (rules.md §4). */
export const WORDS_LIMIT_FEN = 100_000_000_000_000; // 10^12 元 = 10^14 fen

/**
 * An amount in capital numerals (rules.md §4; PBOC rules for bills, and where they allow a choice their
 * first-listed form): 整 after 元 when there are no 角/分, never after 角; 零 where 元 (or 万) is zero and a
 * lower unit is not — except a zero 万 digit before a non-zero 千 (107,000.53 → 壹拾万柒仟元零伍角叁分) — and for
 * zeros between digits, one 零 for a run; 壹拾, never a bare 拾. 0 → 零元整; below one yuan no 元 is written
 * (0.05 → 伍分). Returns the words only: the receipt prints 人民币 before them, and a credit note prints its
 * absolute amount under a 冲销 label, so negatives are refused, as are amounts of 1 万亿元 or more.
 */
export function amountInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError("amount in words: a whole number of fen ≥ 0");
  if (fen >= WORDS_LIMIT_FEN) throw new RangeError("amount in words: below 1 万亿元 only");
  const yuan = (fen - (fen % 100)) / 100;
  const jiao = ((fen % 100) - (fen % 10)) / 10;
  const fenDigit = fen % 10;
  if (fen === 0) return "零元整";

  let out = yuan > 0 ? `${yuanWords(yuan)}元` : "";
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) {
    // 元 digit zero before a non-zero 角 (1,680.32 → 捌拾元零叁角贰分).
    if (yuan > 0 && yuan % 10 === 0) out += "零";
    out += `${DIGITS[jiao]}角`;
  } else if (yuan > 0) {
    // 角 zero between 元 and a non-zero 分 (16,409.02 → 玖元零贰分).
    out += "零";
  }
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  return out;
}

/** The yuan part (> 0, < 10^12) in capital numerals, without 元. */
function yuanWords(yuan: number): string {
  const digits = String(yuan).padStart(12, "0");
  const digit = (p: number) => Number(digits[11 - p]); // p = 0 is the 元 digit, 4 the 万 digit, 8 the 亿 digit
  let out = "";
  let pendingZero = false;
  for (let p = 11; p >= 0; p--) {
    const d = digit(p);
    if (d !== 0) {
      if (pendingZero) out += "零";
      pendingZero = false;
      out += DIGITS[d] + PLACES[p % 4];
    } else if (out !== "") {
      pendingZero = true;
    }
    if (p === 8 || p === 4) {
      if (digit(p) + digit(p + 1) + digit(p + 2) + digit(p + 3) > 0) out += p === 8 ? "亿" : "万";
      // The exception of rules.md §4: no 零 for a zero 万 (or 亿) digit before a non-zero 千 (壹拾万柒仟).
      if (d === 0 && digit(p - 1) !== 0) pendingZero = false;
    }
  }
  return out;
}

/**
 * Integer fen as figures with two decimals, no floats: 12785 → "127.85"; with `thousands`, 123456789 →
 * "1,234,567.89" — the receipt's ¥ figures beside the words (rules.md §4). Negative amounts keep their sign ("-5.00").
 */
export function yuanText(fen: number, opts: { thousands?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError("a whole number of fen");
  const abs = Math.abs(fen);
  let whole = String((abs - (abs % 100)) / 100);
  if (opts.thousands) whole = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  return `${fen < 0 ? "-" : ""}${whole}.${String(abs % 100).padStart(2, "0")}`;
}
