import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { loadAreaPage } from "~/platform/area-page.server";
import { AreaView } from "~/platform/components/area-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.node.name ?? ""} · 共治 Gongzhi` }];

// Home of a district, street or community; the city lives at /city and a compound at /c/:compoundId.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.nodeId, "area:view", ["city", "district", "street", "community"]);
  if (node.kind === "city") throw redirect("/city");
  return loadAreaPage(await getDb(), actor, node);
}

export default function Area() {
  return <AreaView {...useLoaderData<typeof loader>()} />;
}
