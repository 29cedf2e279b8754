import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { LoginSchema } from "~/auth/schema";
import { login } from "~/auth/login.server";
import { clientIp, getActor, safeRedirect } from "~/auth/guard.server";
import { sessionCookieHeader } from "~/auth/session.server";
import { chosenPrefs, prefsCookieHeaders } from "~/i18n/i18n.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field, FormError } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, LoginSchema);
  if (!parsed.ok) return badRequest(parsed.errors, { phone: String(parsed.form.get("phone") ?? "") });
  const db = await getDb();
  const r = await login(
    db,
    { identifier: parsed.data.phone, password: parsed.data.password, ip: clientIp(request), chosen: await chosenPrefs(request) },
    now(),
  );
  if (!r.ok) {
    if (r.reason === "LOCKED") {
      return data(
        { ok: false as const, errors: { _form: "errors.loginLocked" }, values: { phone: parsed.data.phone }, retryAt: r.retryAt.toISOString() },
        { status: 429 },
      );
    }
    return badRequest({ _form: "errors.loginFailed" }, { phone: String(parsed.form.get("phone") ?? "") });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookieHeader(request, r.token));
  for (const c of await prefsCookieHeaders(request, { locale: r.user.locale, largeText: r.user.largeText })) headers.append("Set-Cookie", c);
  throw redirect(safeRedirect(parsed.data.next, "/"), { status: 303, headers });
}

export default function Login() {
  const { t, i18n } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const nav = useNavigation();
  const serverErrors = actionData && !actionData.ok ? actionData.errors : null;
  const { register, onSubmit, errorOf } = useValidatedForm(LoginSchema, serverErrors);
  const retryAt = actionData && "retryAt" in actionData ? actionData.retryAt : null;
  return (
    <div className="card narrow">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      {params.get("signup") ? <p className="alert ok" role="status">{t("signup.ready")}</p> : null}
      {params.get("reset") ? <p className="alert ok" role="status">{t("reset.done")}</p> : null}
      <FormError message={serverErrors?._form} />
      {retryAt ? <p className="alert info">{t("login.retryAt", { time: formatDateTime(retryAt, i18n.language as Locale) })}</p> : null}
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <Field
          label={t("login.phone")}
          hint={t("login.phoneHint")}
          {...register("phone")}
          error={errorOf("phone")}
          defaultValue={actionData?.values?.phone ?? ""}
          autoComplete="username"
          inputMode="tel"
        />
        <Field label={t("login.password")} type="password" {...register("password")} error={errorOf("password")} autoComplete="current-password" />
        <div className="actions">
          <button type="submit" className="btn" disabled={nav.state === "submitting"}>
            {t("login.submit")}
          </button>
          <Link to="/forgot">{t("login.forgot")}</Link>
          <Link to="/signup">{t("signup.link")}</Link>
        </div>
      </Form>
    </div>
  );
}
