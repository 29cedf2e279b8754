import crypto from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import type { Db } from "~db/client.server";
import { files } from "~db/schema";
import { newId } from "~/ids";
import { MAX_UPLOAD_BYTES, safeDisplayName, sniffFileType, type AllowedMime } from "./files";

export type CheckedFile = { displayName: string; mime: AllowedMime; data: Buffer };

/**
 * Read a multipart form with files: each part is limited before it is buffered; a file over the limit is a
 * form error, not a 500, and so is a body that is not multipart form data (a forged request). Text fields come
 * back as strings; `files` are those of the first file field, `byField` those of each field named.
 */
export async function parseUploadForm(
  request: Request,
  fileFields: string | readonly string[],
): Promise<{ ok: true; fields: Record<string, string>; files: File[]; byField: Record<string, File[]> } | { ok: false; error: string }> {
  const names = typeof fileFields === "string" ? [fileFields] : fileFields;
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
    const fields: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === "string") fields[k] = v;
    const byField = Object.fromEntries(names.map((n) => [n, form.getAll(n).filter((v): v is File => typeof v !== "string" && v.size > 0)]));
    return { ok: true, fields, files: byField[names[0]] ?? [], byField };
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return { ok: false, error: "errors.uploadTooLarge" };
    if (e instanceof TypeError) return { ok: false, error: "errors.invalid" };
    throw e;
  }
}

/** Check by magic bytes; photos are re-encoded, which drops EXIF (location) and other metadata. */
export async function checkFile(file: File): Promise<CheckedFile | { error: string }> {
  const raw = Buffer.from(await file.arrayBuffer());
  const mime = sniffFileType(raw);
  if (!mime) return { error: "errors.uploadType" };
  if (mime === "application/pdf") return { displayName: safeDisplayName(file.name), mime, data: raw };
  const { default: sharp } = await import("sharp");
  try {
    // rotate() applies the EXIF orientation first, then the output carries no metadata at all.
    const img = sharp(raw, { failOn: "error" }).rotate();
    const data = mime === "image/png" ? await img.png().toBuffer() : mime === "image/webp" ? await img.webp().toBuffer() : await img.jpeg({ quality: 85 }).toBuffer();
    return { displayName: safeDisplayName(file.name), mime, data };
  } catch {
    return { error: "errors.uploadType" };
  }
}

export async function storeFiles(db: Db, input: { compoundId: string; ownerKind: string; ownerId: string; createdBy: string | null }, list: CheckedFile[], now: Date) {
  if (!list.length) return [];
  const rows = list.map((f) => ({
    id: newId("fil"),
    compoundId: input.compoundId,
    ownerKind: input.ownerKind,
    ownerId: input.ownerId,
    displayName: f.displayName,
    mime: f.mime,
    size: f.data.length,
    sha256: crypto.createHash("sha256").update(f.data).digest("hex"),
    data: f.data,
    createdBy: input.createdBy,
    createdAt: now,
  }));
  await db.insert(files).values(rows);
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, mime: r.mime, size: r.size }));
}

export async function listFiles(db: Db, compoundId: string, ownerKind: string, ownerId: string) {
  return db
    .select({ id: files.id, displayName: files.displayName, mime: files.mime, size: files.size })
    .from(files)
    .where(and(eq(files.compoundId, compoundId), eq(files.ownerKind, ownerKind), eq(files.ownerId, ownerId)))
    .orderBy(asc(files.createdAt), asc(files.id));
}

export async function getFile(db: Db, compoundId: string, fileId: string) {
  return (await db.select().from(files).where(and(eq(files.id, fileId), eq(files.compoundId, compoundId))))[0] ?? null;
}

/** The download: served with its checked type (the server adds nosniff to every response), and as an attachment unless it is an image. */
export function fileResponse(f: { displayName: string; mime: string; data: Buffer }): Response {
  const disposition = f.mime.startsWith("image/") ? "inline" : "attachment";
  return new Response(new Uint8Array(f.data), {
    headers: {
      "Content-Type": f.mime,
      "Content-Length": String(f.data.length),
      "Content-Disposition": `${disposition}; filename="file"; filename*=UTF-8''${encodeURIComponent(f.displayName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
