/** Pure checks for uploads (security.md item 20). */
export type AllowedMime = "image/jpeg" | "image/png" | "image/webp" | "application/pdf";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The type by magic bytes, never by name or the browser's claim. Null when not allowed. */
export function sniffFileType(b: Uint8Array): AllowedMime | null {
  const at = (i: number, bytes: number[]) => bytes.every((x, k) => b[i + k] === x);
  if (b.length >= 3 && at(0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (b.length >= 8 && at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (b.length >= 12 && at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return "image/webp";
  if (b.length >= 5 && at(0, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  return null;
}

/** A display name that is safe to show and to put in a Content-Disposition header. */
export function safeDisplayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "").trim().slice(0, 120);
  return cleaned || "file";
}
