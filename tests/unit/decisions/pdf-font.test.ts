import fs from "node:fs";
import { describe, expect, it } from "vitest";
import * as fontkit from "fontkit";
import zh from "~/i18n/locales/zh-CN";
import en from "~/i18n/locales/en";
import { FONT_FILE, woffToSfnt } from "~/decisions/pdf-font.server";

type Tree = { [k: string]: string | Tree };
const strings = (t: Tree): string[] => Object.values(t).flatMap((v) => (typeof v === "string" ? [v] : strings(v)));

const woff = fs.readFileSync(FONT_FILE);
const sfnt = woffToSfnt(woff);
const font = fontkit.create(sfnt) as fontkit.Font;

describe("the vendored PDF font @decisions", () => {
  it("unwraps from WOFF to a TrueType font with the same glyphs and metrics", () => {
    const fromWoff = fontkit.create(woff) as fontkit.Font;
    expect(font.type).toBe("TTF");
    expect(font.numGlyphs).toBe(fromWoff.numGlyphs);
    for (const ch of ["业", "主", "A", "7", "²"]) {
      const cp = ch.codePointAt(0)!;
      expect(font.glyphForCodePoint(cp).id).toBe(fromWoff.glyphForCodePoint(cp).id);
      expect(font.glyphForCodePoint(cp).advanceWidth).toBe(fromWoff.glyphForCodePoint(cp).advanceWidth);
    }
  });

  it("refuses what is not WOFF 1", () => {
    expect(() => woffToSfnt(sfnt)).toThrow(/WOFF/);
  });

  // Every string the PDFs print comes from the decisions catalog: a character the font lacks would print as a blank box.
  it.each([
    ["zh-CN", zh],
    ["en", en],
  ])("has a glyph for every character of the %s decisions messages", (_l, catalog) => {
    const chars = new Set(strings((catalog as unknown as { decisions: Tree }).decisions).join("").replace(/\s/g, ""));
    const missing = [...chars].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
    expect(missing).toEqual([]);
  });
});
