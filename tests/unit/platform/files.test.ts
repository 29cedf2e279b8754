import { describe, expect, it } from "vitest";
import { safeDisplayName, sniffFileType } from "~/platform/files";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("upload checks (security.md item 20) @platform", () => {
  it.each([
    [bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0), "image/jpeg"],
    [bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), "image/png"],
    [bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50), "image/webp"],
    [new TextEncoder().encode("%PDF-1.7\n"), "application/pdf"],
  ])("recognises %#", (b, mime) => {
    expect(sniffFileType(b)).toBe(mime);
  });
  it.each([
    ["html", new TextEncoder().encode("<html><script>alert(1)</script>")],
    ["svg", new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>")],
    ["exe", bytes(0x4d, 0x5a, 0x90, 0)],
    ["riff wav", bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45)],
    ["truncated jpeg", bytes(0xff, 0xd8)],
    ["empty", bytes()],
    ["pdf-like text", new TextEncoder().encode("%PD")],
  ])("refuses %s", (_n, b) => {
    expect(sniffFileType(b)).toBeNull();
  });
  it.each([
    ["照片.jpg", "照片.jpg"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\a\\b.pdf", "b.pdf"],
    ['a"b<c>.pdf', "abc.pdf"],
    ["", "file"],
    ["\u0000\u0001", "file"],
  ])("display name %j → %j", (input, out) => {
    expect(safeDisplayName(input)).toBe(out);
  });
});
