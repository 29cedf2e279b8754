import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireAnywhere } from "~/auth/guard.server";
import { maskPhone } from "~/auth/mask";
import { CompanyUpdateSchema } from "~/governance/company-schema";
import { getCompany, partyOrgOptions, updateCompany } from "~/governance/companies.server";
import { CompanyForm } from "~/governance/components/company-form";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("governance.companies.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAnywhere(request, "company:manage");
  const db = await getDb();
  const c = await getCompany(db, params.companyId ?? "");
  if (!c) throw notFound();
  return {
    company: { id: c.id, name: c.name },
    maskedPhone: maskPhone(c.contactPhone),
    values: {
      name: c.name,
      creditCode: c.creditCode,
      contactName: c.contactName,
      contactPhone: "",
      address: c.address ?? "",
      qualificationNotes: c.qualificationNotes ?? "",
      hasPartyOrg: c.hasPartyOrg ? "on" : "",
      partyOrgId: c.partyOrgId ?? "",
    },
    partyOrgs: await partyOrgOptions(db),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAnywhere(request, "company:manage");
  const parsed = await parseForm(request, CompanyUpdateSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await updateCompany(await getDb(), actor, params.companyId ?? "", parsed.data, now());
  if (!r) throw notFound();
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/companies/${params.companyId}?updated=1`, { status: 303 });
}

export default function EditCompany() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/companies/${d.company.id}`}>← {d.company.name}</Link>
      </p>
      <h1>{t("governance.companies.edit")}</h1>
      <CompanyForm
        values={a?.values ? { ...a.values, contactPhone: a.values.contactPhone ?? "" } : d.values}
        errors={a?.errors}
        partyOrgs={d.partyOrgs}
        maskedPhone={d.maskedPhone}
        submitLabel={t("governance.companies.save")}
      />
    </div>
  );
}
