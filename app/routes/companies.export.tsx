import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireAnywhere } from "~/auth/guard.server";
import { CompanyListSchema } from "~/governance/company-schema";
import { listCompanies } from "~/governance/companies.server";
import { shanghaiIso } from "~/i18n/format";
import { shanghaiDay } from "~/platform/days";
import { exportResponse } from "~/ui/export.server";
import { searchParamsObject } from "~/ui/list-params";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnywhere(request, "company:view");
  const p = CompanyListSchema.parse(searchParamsObject(new URL(request.url)));
  const { rows } = await listCompanies(await getDb(), p, shanghaiDay(now()), { all: true });
  return exportResponse(p.format ?? "csv", "property-companies", [
    { header: "id", value: (r) => r.id },
    { header: "name", value: (r) => r.name },
    { header: "credit_code", value: (r) => r.creditCode },
    { header: "contact_name", value: (r) => r.contactName },
    { header: "contact_phone", value: (r) => r.contactPhone },
    { header: "has_party_org", value: (r) => (r.hasPartyOrg ? "yes" : "no") },
    { header: "party_org", value: (r) => r.partyOrgName },
    { header: "compounds_served_now", value: (r) => r.servingNow },
    { header: "registered_at", value: (r) => shanghaiIso(new Date(r.createdAt)) },
  ], rows);
}
