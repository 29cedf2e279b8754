import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titledBy } from "~/ui/meta";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { loadAreaPage } from "~/platform/area-page.server";
import { AreaView } from "~/platform/components/area-view";

export const meta = titledBy<{ node: { name: string } }>((d) => d?.node.name);

// Home of a district, street or community; the city lives at /city and a compound at /c/:compoundId.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.nodeId, "area:view", ["city", "district", "street", "community"]);
  if (node.kind === "city") throw redirect("/city");
  return {
    ...(await loadAreaPage(await getDb(), actor, node)),
    elections: {
      overview: can(actor.grants, "election:supervise", node.path),
      settings: node.kind === "street" && can(actor.grants, "election:configure", node.path),
    },
    expiringContracts: can(actor.grants, "contract:view", node.path),
    committees: can(actor.grants, "committee:supervise", node.path),
    fees: can(actor.grants, "fees:supervise", node.path),
  };
}

export default function Area() {
  const { elections, expiringContracts, committees, fees, ...d } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <AreaView {...d} />
      {elections.overview || elections.settings ? (
        <p className="actions">
          {elections.overview ? (
            <Link className="btn secondary" to={`/area/${d.node.id}/elections`}>
              {t("elections.overview.link")}
            </Link>
          ) : null}
          {committees ? (
            <Link className="btn secondary" to={`/area/${d.node.id}/committees`}>
              {t("committees.area.link")}
            </Link>
          ) : null}
          {fees ? (
            <Link className="btn secondary" to={`/area/${d.node.id}/fees`}>
              {t("fees.areaLink")}
            </Link>
          ) : null}
          {elections.settings ? (
            <Link className="btn secondary" to={`/area/${d.node.id}/vetting`}>
              {t("elections.settings.link")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {expiringContracts ? (
        <p className="actions">
          <Link className="btn secondary" to={`/area/${d.node.id}/contracts`}>
            {t("governance.contracts.link")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
