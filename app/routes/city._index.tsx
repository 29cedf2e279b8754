import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~db/client.server";
import { requireCity } from "~/auth/guard.server";
import { loadAreaPage } from "~/platform/area-page.server";
import { AreaView } from "~/platform/components/area-view";

export const meta: MetaFunction = () => [{ title: "全市 · 共治 Gongzhi" }];

// The city administrator's home: the whole city.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, node } = await requireCity(request, "area:view");
  return loadAreaPage(await getDb(), actor, node);
}

export default function City() {
  return <AreaView {...useLoaderData<typeof loader>()} />;
}
