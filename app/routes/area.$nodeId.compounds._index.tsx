import { now } from "~/clock.server";
import { shanghaiDay } from "~/platform/days";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { CompoundListSchema } from "~/registry/schema";
import { listCompounds } from "~/registry/list-compounds.server";
import { CompoundTable } from "~/registry/components/compound-table";
import { searchParamsObject } from "~/ui/list-params";

export const meta = titled("registry.compounds");

// The compounds of a city, district, street or community, for those who oversee them.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "area:view", ["city", "district", "street", "community"]);
  const p = CompoundListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows, total } = await listCompounds(await getDb(), node.path, p, shanghaiDay(now()));
  return { node: { id: node.id, name: node.name }, rows, total, params: p };
}

export default function Compounds() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>
        {t("registry.compounds")} · {d.node.name}
      </h1>
      <CompoundTable rows={d.rows} total={d.total} params={d.params} exportPath={`/area/${d.node.id}/compounds/export`} />
    </>
  );
}
