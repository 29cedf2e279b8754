import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { ForgotSchema } from "~/auth/schema";
import { requestPasswordReset } from "~/auth/account.server";
import { clientIp } from "~/auth/guard.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("forgot.title");

// Public. The answer is the same whether or not the phone has an account.
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, ForgotSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  await requestPasswordReset(await getDb(), parsed.data.phone, clientIp(request), now());
  throw redirect(`/reset?sent=1`, { status: 303 });
}

export default function Forgot() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { register, onSubmit, errorOf } = useValidatedForm(ForgotSchema, actionData?.errors);
  return (
    <div className="card narrow">
      <h1>{t("forgot.title")}</h1>
      <p>{t("forgot.intro")}</p>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <Field label={t("login.phone")} {...register("phone")} error={errorOf("phone")} autoComplete="tel" inputMode="tel" />
        <div className="actions">
          <button type="submit" className="btn">
            {t("forgot.submit")}
          </button>
          <Link to="/login">{t("forgot.back")}</Link>
        </div>
      </Form>
    </div>
  );
}
