import crypto from "node:crypto";
import { config, derivedKey } from "~/config.server";

/**
 * Personal fields at rest (security.md item 14): ID numbers are stored encrypted with AES-256-GCM under a key
 * derived from the master secret, tagged with the key id for rotation, plus a separate HMAC for exact lookups.
 * Format: `v1:<keyId>:<iv b64>:<tag b64>:<ciphertext b64>`.
 */
export function encryptField(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", derivedKey("field-encryption"), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", config().keyId, iv.toString("base64"), tag.toString("base64"), ct.toString("base64")].join(":");
}

export function decryptField(stored: string): string {
  const [v, keyId, iv, tag, ct] = stored.split(":");
  if (v !== "v1" || !iv || !tag || ct === undefined) throw new Error("not an encrypted field");
  if (keyId !== config().keyId) throw new Error(`field encrypted under key ${keyId}, which is not loaded`);
  const decipher = crypto.createDecipheriv("aes-256-gcm", derivedKey("field-encryption"), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
}

/** Deterministic HMAC for "find the owner with this ID number" without storing it in clear. */
export function lookupHmac(value: string): string {
  return crypto.createHmac("sha256", derivedKey("field-lookup")).update(value.trim().toUpperCase()).digest("hex");
}
