/**
 * The vendored CJK font of the printed PDFs (./fonts/README.md) and the one step that makes it fast to embed.
 */
import path from "node:path";
import zlib from "node:zlib";

/** Resolved from the working directory, like the migrations folder: the server always runs from the repo root. */
export const FONT_FILE = path.resolve(process.cwd(), "app/decisions/fonts/noto-sans-sc-chinese-simplified-400-normal.woff");

/**
 * WOFF 1 → the plain sfnt (TrueType) it wraps: each table zlib-inflated back in place. fontkit can read WOFF
 * itself, but inflates the 2.5 MB glyph table in JavaScript for every document (seconds per PDF); inflating it
 * once here makes a PDF take tens of milliseconds.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") throw new Error("not a WOFF 1 font");
  const flavor = woff.readUInt32BE(4);
  const n = woff.readUInt16BE(12);
  const tables = Array.from({ length: n }, (_, i) => {
    const o = 44 + i * 20;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((k) => woff.readUInt32BE(o + k));
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? zlib.inflateSync(raw) : raw;
    if (data.length !== origLength) throw new Error("bad WOFF table length");
    return { tag, checksum, data };
  });
  const pad4 = (x: number) => (x + 3) & ~3;
  const out = Buffer.alloc(12 + 16 * n + tables.reduce((s, t) => s + pad4(t.data.length), 0));
  const searchRange = 2 ** Math.floor(Math.log2(n)) * 16;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(n, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(Math.log2(searchRange / 16), 8);
  out.writeUInt16BE(n * 16 - searchRange, 10);
  let at = 12 + 16 * n;
  tables.forEach((t, i) => {
    const o = 12 + 16 * i;
    out.writeUInt32BE(t.tag, o);
    out.writeUInt32BE(t.checksum, o + 4);
    out.writeUInt32BE(at, o + 8);
    out.writeUInt32BE(t.data.length, o + 12);
    t.data.copy(out, at);
    at += pad4(t.data.length);
  });
  return out;
}
