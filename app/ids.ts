import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** Random text id with a readable prefix: `usr_k3j…` (80 random bits). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  return `${prefix}_${encodeBase32LowerCaseNoPadding(bytes)}`;
}
