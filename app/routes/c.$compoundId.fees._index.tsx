import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { FeesHomeSchema } from "~/fees/arrears-schema";
import { feesHome, feesViewer, reportAsOf } from "~/fees/home.server";
import { FeesHomeView } from "~/fees/components/feeshome-view";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("fees.arrears.home.title");

// The compound's fees home (fees:view): who collects, collection rates, arrears by age, links to the fee pages.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "fees:view", ["compound"]);
  const db = await getDb();
  const t = now();
  const p = FeesHomeSchema.parse(searchParamsObject(new URL(request.url)));
  const asOf = reportAsOf(p.asOf, t);
  const [viewer, home] = await Promise.all([feesViewer(db, actor, node, t), feesHome(db, node.id, asOf)]);
  return {
    node: { id: node.id, name: node.name },
    collector: viewer.collector ? { name: viewer.collector.name, kind: viewer.collector.kind } : null,
    collects: viewer.collects,
    asOf: asOf.day,
    today: reportAsOf(undefined, t).day,
    ...home,
  };
}

export default function FeesHomePage() {
  return <FeesHomeView d={useLoaderData<typeof loader>()} />;
}
