import { data } from "@remix-run/node";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** Parse a submitted form with a zod schema. Messages are i18n keys; the first per field is kept. */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<({ ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors }) & { form: FormData; values: Record<string, string> }> {
  const form = await request.formData();
  const values = formValues(form);
  return { ...parseObject(schema, values, form), values };
}

/** The text fields of a form (the last value of a repeated name), as the schemas and re-filled forms take them. */
export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}

export function parseObject<S extends z.ZodType>(
  schema: S,
  obj: unknown,
  form: FormData = new FormData(),
): { ok: true; data: z.output<S>; form: FormData } | { ok: false; errors: FieldErrors; form: FormData } {
  const r = schema.safeParse(obj);
  if (r.success) return { ok: true, data: r.data, form };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    // Zod's built-in messages (e.g. a wrong type from a forged field) are not i18n keys: show a generic one.
    errors[key] ??= issue.message.includes(".") && !issue.message.includes(" ") ? issue.message : "errors.invalid";
  }
  return { ok: false, errors, form };
}

/** The answer to a form with errors: 400, the field errors, nothing written. */
export function badRequest(errors: FieldErrors, values?: Record<string, string>) {
  return data({ ok: false as const, errors, values: values ?? {} }, { status: 400 });
}
