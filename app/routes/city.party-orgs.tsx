import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireCity } from "~/auth/guard.server";
import { listPartyOrgs } from "~/registry/party-orgs.server";

export const meta = titled("party.title");

// The Party organisations that vet committee candidates (联审), and what each covers.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCity(request, "area:view");
  return { orgs: await listPartyOrgs(await getDb(), now()) };
}

export default function PartyOrgs() {
  const { orgs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("party.title")}</h1>
      <p className="muted">{t("party.intro")}</p>
      <div className="table-wrap" role="region" aria-label={t("party.title")} tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("party.name")}</th>
              <th scope="col">{t("party.kind")}</th>
              <th scope="col">{t("party.parent")}</th>
              <th scope="col">{t("party.covers")}</th>
              <th scope="col">{t("party.reviewers")}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{t(`party.kinds.${o.kind}`)}</td>
                <td>{o.parent ?? "—"}</td>
                <td>{o.nodes.join("、")}</td>
                <td>{o.reviewers.join("、") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
