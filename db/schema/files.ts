import { customType, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { areaNodes } from "./platform";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Uploaded files (notice attachments now; repair photos, ballot scans and invoices later), kept in the database
 * so app servers stay stateless. Checked by magic bytes, renamed by the server, photos re-encoded without EXIF.
 */
export const files = pgTable(
  "files",
  {
    id: text("id").primaryKey(),
    compoundId: text("compound_id").notNull().references(() => areaNodes.id, { onDelete: "restrict" }),
    /** What the file belongs to, e.g. ("notice", "ntc_…"). */
    ownerKind: text("owner_kind").notNull(),
    ownerId: text("owner_id").notNull(),
    /** The uploader's file name, for display only (never used as a path). */
    displayName: text("display_name").notNull(),
    mime: text("mime", { enum: ["image/jpeg", "image/png", "image/webp", "application/pdf"] }).notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [index("files_owner_idx").on(t.ownerKind, t.ownerId), index("files_compound_idx").on(t.compoundId)],
);
