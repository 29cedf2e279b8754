import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/guard.server";
import { maskPhone } from "~/auth/mask";
import { homeTargets } from "~/platform/home";

export const meta = titled("account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return {
    name: actor.user.name,
    phone: maskPhone(actor.user.phone),
    accountNo: actor.user.accountNo,
    homes: homeTargets(actor.grants),
  };
}

export default function Account() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("account.title")}</h1>
      <div className="card">
        <dl>
          <dt>{t("account.name")}</dt>
          <dd>{d.name}</dd>
          <dt>{t("login.phone")}</dt>
          <dd>{d.phone || "—"}</dd>
          {d.accountNo ? (
            <>
              <dt>{t("account.accountNo")}</dt>
              <dd>{d.accountNo}</dd>
            </>
          ) : null}
        </dl>
        <p>
          <Link to="/account/password" className="btn secondary">
            {t("account.changePassword")}
          </Link>
        </p>
      </div>
      <div className="card">
        <h2>{t("account.roles")}</h2>
        <ul className="plain">
          {d.homes.map((h) => (
            <li key={h.href}>
              <Link to={h.href}>{h.nodeName}</Link> — {h.roles.map((r) => t(`roles.${r}`)).join("、")}
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
