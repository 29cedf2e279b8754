import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { SignupSchema } from "~/auth/schema";
import { startSignup } from "~/auth/account.server";
import { clientIp, getActor } from "~/auth/guard.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("signup.title");

// Public: a new owner signs up with their phone, confirmed by an SMS code on /reset?signup=1.
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, SignupSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  await startSignup(await getDb(), parsed.data, clientIp(request), now());
  throw redirect(`/reset?sent=1&signup=1`, { status: 303 });
}

export default function Signup() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { register, onSubmit, errorOf } = useValidatedForm(SignupSchema, actionData?.errors);
  return (
    <div className="card narrow">
      <h1>{t("signup.title")}</h1>
      <p>{t("signup.intro")}</p>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <Field label={t("account.name")} {...register("name")} error={errorOf("name")} autoComplete="name" />
        <Field label={t("login.phone")} {...register("phone")} error={errorOf("phone")} autoComplete="tel" inputMode="tel" />
        <div className="actions">
          <button type="submit" className="btn">
            {t("signup.submit")}
          </button>
          <Link to="/login">{t("forgot.back")}</Link>
        </div>
      </Form>
    </div>
  );
}
