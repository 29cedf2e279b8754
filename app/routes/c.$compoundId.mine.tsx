import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { compoundContacts, myUnits } from "~/registry/claims.server";
import { formatArea, shanghaiDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("mine.title");

// An owner's own units (co-owners masked) and who to contact about the compound.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "compound:view", ["compound"]);
  const db = await getDb();
  const t = now();
  const [units, contacts] = await Promise.all([myUnits(db, actor.user.id, node.id, shanghaiDate(t)), compoundContacts(db, node.path, t)]);
  return { node: { id: node.id, name: node.name }, units, contacts };
}

export default function Mine() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>{t("mine.title")}</h1>
      <div className="card">
        {d.units.length ? (
          <ul className="plain">
            {d.units.map((u) => (
              <li key={u.unitId}>
                <strong>
                  {u.building} {u.number}
                </strong>{" "}
                · {t(`registry.kinds.${u.kind}`)} · {formatArea(u.area, locale)}
                {u.coOwners.length ? <div className="muted">{t("mine.coOwners", { names: u.coOwners.join("、") })}</div> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {t("mine.none")} <Link to="/claims">{t("claims.claimUnit")}</Link>
          </p>
        )}
      </div>
      <div className="card">
        <h2>{t("mine.contacts")}</h2>
        <ul className="plain">
          {d.contacts.map((c, i) => (
            <li key={i}>
              {t(`roles.${c.role}`)} · {c.name} · {c.node}
              {c.phone ? (
                <>
                  {" "}
                  · <a href={`tel:${c.phone}`}>{c.phone}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
