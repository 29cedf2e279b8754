import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titledBy } from "~/ui/meta";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { loadAreaPage } from "~/platform/area-page.server";
import { AreaView } from "~/platform/components/area-view";

export const meta = titledBy<{ node: { name: string } }>((d) => d?.node.name);

// Home of a district, street or community; the city lives at /city and a compound at /c/:compoundId.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.nodeId, "area:view", ["city", "district", "street", "community"]);
  if (node.kind === "city") throw redirect("/city");
  return loadAreaPage(await getDb(), actor, node);
}

export default function Area() {
  return <AreaView {...useLoaderData<typeof loader>()} />;
}
