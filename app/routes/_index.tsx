import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireActor } from "~/auth/guard.server";
import { homeTargets } from "~/platform/home";

// Every role lands on the home page of its scope; someone with several scopes chooses.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const homes = homeTargets(actor.grants);
  if (homes.length === 1) throw redirect(homes[0].href);
  return { homes, name: actor.user.name };
}

export default function Home() {
  const { homes, name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("home.welcome", { name })}</h1>
      {homes.length === 0 ? (
        <div className="card">
          <p>{t("home.noScopes")}</p>
          <p>
            <Link className="btn" to="/claims">
              {t("claims.claimUnit")}
            </Link>
          </p>
        </div>
      ) : (
        <div className="card">
          <h2>{t("home.choose")}</h2>
          <ul className="plain">
            {homes.map((h) => (
              <li key={h.href}>
                <Link to={h.href}>{h.nodeName}</Link>{" "}
                <span className="muted">
                  {t(`area.kind.${h.nodeKind}`)} · {h.roles.map((r) => t(`roles.${r}`)).join("、")}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
