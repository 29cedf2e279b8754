import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireAnywhere } from "~/auth/guard.server";
import { GrantIdSchema, GrantSchema, RevealSchema } from "~/auth/schema";
import { addGrant, endGrant, getUserInScope, manageableUser, revealPhone, setUserDisabled } from "~/auth/users.server";
import { can } from "~/auth/permissions";
import { confirmReauth, issueResetCodeInPerson } from "~/auth/account.server";
import { grantFormOptions } from "~/auth/admin-page.server";
import { maskPhone } from "~/auth/mask";
import { grantInForce, isReauthFresh } from "~/auth/rules";
import { badRequest, parseForm, parseObject } from "~/ui/form.server";
import { Field } from "~/ui/field";
import { GrantFields } from "~/auth/components/grant-fields";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("users.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "user:manage");
  const db = await getDb();
  const found = await getUserInScope(db, actor, params.userId ?? "");
  if (!found) throw notFound();
  const t = now();
  return {
    user: { id: found.user.id, name: found.user.name, phone: maskPhone(found.user.phone), accountNo: found.user.accountNo, disabled: !!found.user.disabledAt },
    manageable: !!(await manageableUser(db, actor, found.user.id, t)),
    // Only the grants inside the actor's own scope are shown.
    grants: found.grants.filter((g) => g.nodePath && can(actor.grants, "user:manage", g.nodePath)).map((g) => ({
      id: g.grant.id,
      role: g.grant.role,
      nodeName: g.nodeName,
      nodeKind: g.nodeKind,
      validFrom: g.grant.validFrom.toISOString(),
      validTo: g.grant.validTo?.toISOString() ?? null,
      inForce: grantInForce(g.grant, t),
    })),
    reauthFresh: isReauthFresh(actor.session.reauthAt, t),
    self: found.user.id === actor.user.id,
    ...(await grantFormOptions(db, actor)),
  };
}

const Intent = z.object({ intent: z.enum(["grant", "end", "reveal", "disable", "enable", "issueCode"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAnywhere(request, "user:manage");
  const db = await getDb();
  const userId = params.userId ?? "";
  if (!(await getUserInScope(db, actor, userId))) throw notFound();
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) return badRequest(parsed.errors);
  const fields = parsed.values;
  const t = now();
  switch (parsed.data.intent) {
    case "grant": {
      const g = parseObject(GrantSchema, fields);
      if (!g.ok) return badRequest(g.errors);
      const r = await addGrant(db, actor, userId, g.data, t);
      if (!r) throw notFound();
      if (!r.ok) return badRequest(r.errors);
      throw redirect(`/admin/users/${userId}?granted=1`, { status: 303 });
    }
    case "end": {
      const g = parseObject(GrantIdSchema, fields);
      if (!g.ok || !(await endGrant(db, actor, userId, g.data.grantId, t))) throw notFound();
      throw redirect(`/admin/users/${userId}`, { status: 303 });
    }
    case "reveal": {
      const g = parseObject(RevealSchema, fields);
      if (!g.ok) return badRequest(g.errors);
      const r = await revealPhone(db, actor, userId, g.data.password, t);
      if (!r) throw notFound();
      if (!r.ok) return badRequest(r.errors);
      return data({ ok: true as const, revealed: r.phone, errors: undefined });
    }
    case "issueCode": {
      const found = await manageableUser(db, actor, userId, t);
      if (!found) throw notFound();
      // Handing out a code that takes over an account needs the staff member's own password again (item 6).
      const g = parseObject(RevealSchema, fields);
      if (!g.ok) return badRequest(g.errors);
      if (!(await confirmReauth(db, actor, g.data.password, t))) return badRequest({ codePassword: g.data.password ? "errors.currentPasswordWrong" : "errors.reauthRequired" });
      const path = found.grants.find((x) => x.nodePath)?.nodePath ?? null;
      const code = await issueResetCodeInPerson(db, actor, userId, path, t);
      return data({ ok: true as const, issuedCode: code, errors: undefined });
    }
    case "disable":
    case "enable": {
      if (!(await setUserDisabled(db, actor, userId, parsed.data.intent === "disable", t))) throw notFound();
      throw redirect(`/admin/users/${userId}`, { status: 303 });
    }
  }
}

export default function UserDetail() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const errors = actionData && !actionData.ok ? actionData.errors : undefined;
  const revealed = actionData && actionData.ok && "revealed" in actionData ? actionData.revealed : null;
  const issuedCode = actionData && actionData.ok && "issuedCode" in actionData ? actionData.issuedCode : null;
  return (
    <>
      <p>
        <Link to="/admin/users">{t("users.back")}</Link>
      </p>
      <h1>{d.user.name}</h1>
      {params.get("created") ? <p className="alert ok" role="status">{t("users.created")}</p> : null}
      {params.get("granted") ? <p className="alert ok" role="status">{t("users.granted")}</p> : null}
      <div className="card">
        <dl>
          <dt>{t("login.phone")}</dt>
          <dd>
            {revealed ?? (d.user.phone || "—")}
          </dd>
          {d.user.accountNo ? (
            <>
              <dt>{t("account.accountNo")}</dt>
              <dd>{d.user.accountNo}</dd>
            </>
          ) : null}
          <dt>{t("users.status")}</dt>
          <dd>{d.user.disabled ? t("users.disabled") : t("users.active")}</dd>
        </dl>
        {!revealed && d.user.phone && d.manageable ? (
          <Form method="post" className="stack" aria-label={t("users.reveal")}>
            <input type="hidden" name="intent" value="reveal" />
            <Field label={t("users.reauthPassword")} hint={t("users.reauthHint")} id="reveal-password" name="password" type="password" autoComplete="current-password" error={errors?.password} />
            <div>
              <button type="submit" className="btn secondary">
                {t("users.reveal")}
              </button>
            </div>
          </Form>
        ) : null}
        {issuedCode ? (
          <div className="alert info" role="status">
            <p>{t("users.codeIssued", { login: d.user.accountNo ?? d.user.phone })}</p>
            <p className="stat">{issuedCode}</p>
          </div>
        ) : (
          d.manageable ? (
            <Form method="post" className="stack" style={{ marginTop: "1rem" }} aria-label={t("users.issueCode")}>
              <input type="hidden" name="intent" value="issueCode" />
              <Field label={t("users.reauthPassword")} id="code-password" name="password" type="password" autoComplete="current-password" error={errors?.codePassword} />
              <div>
                <button type="submit" className="btn secondary">
                  {t("users.issueCode")}
                </button>
              </div>
            </Form>
          ) : null
        )}
        {!d.self && d.manageable ? (
          <Form method="post" className="actions" style={{ marginTop: "1rem" }}>
            <input type="hidden" name="intent" value={d.user.disabled ? "enable" : "disable"} />
            <button type="submit" className="btn secondary">
              {d.user.disabled ? t("users.enable") : t("users.disable")}
            </button>
          </Form>
        ) : null}
      </div>
      <div className="card">
        <h2>{t("users.grants")}</h2>
        <ul className="plain">
          {d.grants.map((g) => (
            <li key={g.id}>
              <strong>{t(`roles.${g.role}`)}</strong> · {g.nodeName} · {formatDate(g.validFrom, locale)} — {g.validTo ? formatDate(g.validTo, locale) : t("users.noEnd")}{" "}
              <span className="tag">{g.inForce ? t("users.inForce") : t("users.notInForce")}</span>
              {g.inForce ? (
                <Form method="post" style={{ display: "inline", marginLeft: ".5rem" }}>
                  <input type="hidden" name="intent" value="end" />
                  <input type="hidden" name="grantId" value={g.id} />
                  <button type="submit" className="btn small secondary" aria-label={t("users.endGrantFor", { role: t(`roles.${g.role}`), scope: g.nodeName })}>
                    {t("users.endGrant")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      <div className="card">
        <h2>{t("users.addGrant")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="grant" />
          <GrantFields roles={d.roles} nodes={d.nodes} partyOrgs={d.partyOrgs} errors={errors} />
          <button type="submit" className="btn">
            {t("users.addGrant")}
          </button>
        </Form>
      </div>
    </>
  );
}
