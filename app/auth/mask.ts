/** Personal data is masked on screen unless the viewer needs it (security.md item 15). */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  if (phone.length <= 4) return "*".repeat(phone.length);
  // Short numbers (landlines): keep two digits at each end at most, never the middle.
  if (phone.length < 11) return `${phone.slice(0, 2)}${"*".repeat(phone.length - 4)}${phone.slice(-2)}`;
  return `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}`;
}

export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return "";
  if (id.length < 8) return "*".repeat(id.length);
  return `${id.slice(0, 3)}${"*".repeat(id.length - 7)}${id.slice(-4)}`;
}

const PHONE_FIELDS = new Set(["phone", "contactPhone", "mobile"]);
const ID_FIELDS = new Set(["idNumber", "idNo"]);
const SECRET_FIELDS = new Set(["password", "passwordHash", "secretHash", "codeHash", "token", "code"]);

/** Copy of a record for the audit log: phones and ID numbers masked as the UI shows them, secrets dropped. */
export function maskRecord<T extends Record<string, unknown>>(rec: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (SECRET_FIELDS.has(k)) continue;
    if (PHONE_FIELDS.has(k) && typeof v === "string") out[k] = maskPhone(v);
    else if (ID_FIELDS.has(k) && typeof v === "string") out[k] = maskIdNumber(v);
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}
