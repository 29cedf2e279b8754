import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireActor } from "~/auth/guard.server";
import { ChangePasswordSchema } from "~/auth/schema";
import { changePassword } from "~/auth/account.server";
import { sessionCookieHeader } from "~/auth/session.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("account.changePassword");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = await parseForm(request, ChangePasswordSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  const r = await changePassword(await getDb(), actor, parsed.data, now());
  if (!r.ok) return badRequest({ [r.field]: r.message });
  throw redirect("/account/password?done=1", { status: 303, headers: { "Set-Cookie": await sessionCookieHeader(request, r.token) } });
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { register, onSubmit, errorOf } = useValidatedForm(ChangePasswordSchema, actionData?.errors);
  return (
    <div className="card narrow">
      <h1>{t("account.changePassword")}</h1>
      {params.get("done") ? (
        <p className="alert ok" role="status">
          {t("account.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <Field label={t("account.currentPassword")} type="password" {...register("currentPassword")} error={errorOf("currentPassword")} autoComplete="current-password" />
        <Field label={t("account.newPassword")} hint={t("account.passwordRule")} type="password" {...register("newPassword")} error={errorOf("newPassword")} autoComplete="new-password" />
        <Field label={t("account.confirmPassword")} type="password" {...register("confirmPassword")} error={errorOf("confirmPassword")} autoComplete="new-password" />
        <button type="submit" className="btn">
          {t("account.save")}
        </button>
      </Form>
    </div>
  );
}
