import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { requireCity } from "~/auth/guard.server";
import { loadAreaPage } from "~/platform/area-page.server";
import { AreaView } from "~/platform/components/area-view";

export const meta = titled("nav.home");

// The city administrator's home: the whole city.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, node } = await requireCity(request, "area:view");
  return loadAreaPage(await getDb(), actor, node);
}

export default function City() {
  const { t } = useTranslation();
  return (
    <>
      <AreaView {...useLoaderData<typeof loader>()} />
      <p className="actions">
        <Link className="btn secondary" to="/city/party-orgs">
          {t("party.title")}
        </Link>
        <Link className="btn secondary" to="/city/calendar">
          {t("calendar.title")}
        </Link>
      </p>
    </>
  );
}
