import { z } from "zod";
import { DateText } from "~/auth/schema";
import { listParamsSchema, optionalText } from "~/ui/list-params";

const dateText = DateText.optional().catch(undefined);

export const AUDIT_SORT_KEYS = ["at", "action", "actorName", "result"] as const;

export const AuditListSchema = listParamsSchema(AUDIT_SORT_KEYS, "at", "desc", {
  who: optionalText(60),
  what: optionalText(60),
  result: z.enum(["ok", "denied", "failed"]).optional().catch(undefined),
  from: dateText,
  to: dateText,
});
export type AuditListParams = z.output<typeof AuditListSchema>;
