import { z } from "zod";
import { checkPassword, normalisePhone } from "./rules";
import { listParamsSchema, optionalText } from "~/ui/list-params";

/** zod schemas shared by the forms and the actions. Messages are i18n keys (app/i18n/locales). */
export const LoginIdentifier = z
  .string()
  .trim()
  .min(1, "errors.required")
  .max(32, "errors.loginIdInvalid")
  .transform((v, ctx) => {
    const phone = normalisePhone(v);
    if (phone) return phone;
    // Account numbers for people who share a family phone (registry issue): letters, digits and dashes.
    if (/^[A-Za-z0-9-]{4,32}$/.test(v)) return v.toUpperCase();
    ctx.addIssue({ code: "custom", message: "errors.loginIdInvalid" });
    return z.NEVER;
  });

export const Phone = z
  .string()
  .trim()
  .min(1, "errors.required")
  .transform((v, ctx) => {
    const p = normalisePhone(v);
    if (!p) {
      ctx.addIssue({ code: "custom", message: "errors.phoneInvalid" });
      return z.NEVER;
    }
    return p;
  });

export const NewPassword = z.string().superRefine((v, ctx) => {
  const problem = checkPassword(v);
  if (problem === "TOO_SHORT") ctx.addIssue({ code: "custom", message: "errors.passwordTooShort" });
  if (problem === "TOO_LONG") ctx.addIssue({ code: "custom", message: "errors.passwordTooLong" });
  if (problem === "TOO_COMMON") ctx.addIssue({ code: "custom", message: "errors.passwordTooCommon" });
});

export const LoginSchema = z.object({
  phone: LoginIdentifier,
  password: z.string().min(1, "errors.required").max(1024, "errors.passwordTooLong"),
  next: z.string().optional(),
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "errors.required").max(1024),
    newPassword: NewPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" });

export const ForgotSchema = z.object({ phone: Phone });

export const ResetSchema = z
  .object({
    /** A phone, or the account number of someone without a phone of their own. */
    phone: LoginIdentifier,
    code: z.string().trim().regex(/^\d{6}$/, "errors.codeInvalid"),
    newPassword: NewPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "errors.passwordMismatch" });

export const ReauthSchema = z.object({ password: z.string().min(1, "errors.required").max(1024) });

export const PrefsSchema = z.object({
  locale: z.enum(["zh-CN", "en"]).optional(),
  largeText: z.enum(["on", "off"]).optional(),
  next: z.string().optional(),
});

const RoleEnum = z.enum(
  ["city_admin", "street_officer", "community_worker", "party_reviewer", "prep_group_member", "committee_member", "property_staff", "owner", "resident"],
  { error: "errors.roleInvalid" },
);
/** A real calendar date written YYYY-MM-DD (2025-02-30 and 2025-13-45 are refused). */
export const DateText = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "errors.dateInvalid", abort: true })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "errors.dateInvalid");
const OptionalDateText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(DateText.optional());

export const GrantSchema = z
  .object({
    role: RoleEnum,
    nodeId: z.string().trim().min(1, "errors.required").max(64),
    validFrom: OptionalDateText,
    validTo: OptionalDateText,
  })
  .refine((v) => !v.validFrom || !v.validTo || v.validTo > v.validFrom, { path: ["validTo"], message: "errors.validToBeforeFrom" });

export const CreateUserSchema = z
  .object({
    name: z.string().trim().min(1, "errors.required").max(60, "errors.tooLong"),
    /** "on" for someone without a phone of their own: they get an account number instead. */
    noPhone: z.enum(["on"]).optional(),
    phone: z.string().optional(),
  })
  .transform((v, ctx) => {
    if (v.noPhone) return { name: v.name, phone: null };
    const p = Phone.safeParse(v.phone ?? "");
    if (!p.success) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: p.error.issues[0].message });
      return z.NEVER;
    }
    return { name: v.name, phone: p.data };
  })
  .and(GrantSchema);

export const RevealSchema = z.object({ password: z.string().max(1024).optional() });
export const GrantIdSchema = z.object({ grantId: z.string().min(1).max(64) });

export const USER_SORT_KEYS = ["name", "createdAt"] as const;
export const UserListSchema = listParamsSchema(USER_SORT_KEYS, "createdAt", "desc", {
  q: optionalText(60),
  role: RoleEnum.optional().catch(undefined),
});
export type UserListParams = z.output<typeof UserListSchema>;

export const SignupSchema = z.object({
  name: z.string().trim().min(1, "errors.required").max(60, "errors.tooLong"),
  phone: Phone,
});
