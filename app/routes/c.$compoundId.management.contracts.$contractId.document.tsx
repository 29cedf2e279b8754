import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { contractDocument } from "~/governance/contracts.server";
import { fileResponse } from "~/platform/files.server";

// The signed document of a service contract, for those who may read the contract in full.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "contract:view", ["compound"]);
  const f = await contractDocument(await getDb(), node.id, params.contractId ?? "");
  if (!f) throw notFound();
  return fileResponse(f);
}
