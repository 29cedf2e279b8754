import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { ResetSchema } from "~/auth/schema";
import { resetPassword } from "~/auth/account.server";
import { clientIp } from "~/auth/guard.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field, FormError } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("reset.title");

// Public: phone + the SMS code + a new password. Ends every session of the account.
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, ResetSchema);
  if (!parsed.ok) return badRequest(parsed.errors, { phone: String(parsed.form.get("phone") ?? "") });
  const r = await resetPassword(await getDb(), parsed.data, clientIp(request), now());
  if (!r.ok) return badRequest({ code: r.message }, { phone: parsed.data.phone });
  throw redirect(new URL(request.url).searchParams.get("signup") ? "/login?signup=1" : "/login?reset=1", { status: 303 });
}

export default function Reset() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { register, onSubmit, errorOf } = useValidatedForm(ResetSchema, actionData?.errors);
  return (
    <div className="card narrow">
      <h1>{params.get("signup") ? t("signup.confirmTitle") : t("reset.title")}</h1>
      {params.get("sent") ? <p className="alert info">{t("reset.sent")}</p> : null}
      <FormError message={actionData?.errors?._form} />
      <Form method="post" action={params.get("signup") ? "/reset?signup=1" : "/reset"} className="stack" noValidate onSubmit={onSubmit}>
        <Field label={t("login.phone")} hint={t("login.phoneHint")} {...register("phone")} error={errorOf("phone")} defaultValue={actionData?.values?.phone} autoComplete="username" inputMode="tel" />
        <Field label={t("reset.code")} {...register("code")} error={errorOf("code")} inputMode="numeric" autoComplete="one-time-code" />
        <Field label={t("account.newPassword")} hint={t("account.passwordRule")} type="password" {...register("newPassword")} error={errorOf("newPassword")} autoComplete="new-password" />
        <Field label={t("account.confirmPassword")} type="password" {...register("confirmPassword")} error={errorOf("confirmPassword")} autoComplete="new-password" />
        <div className="actions">
          <button type="submit" className="btn">
            {t("reset.submit")}
          </button>
          <Link to="/forgot">{t("reset.again")}</Link>
        </div>
      </Form>
    </div>
  );
}
