import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireAnywhere } from "~/auth/guard.server";
import { CompanySchema } from "~/governance/company-schema";
import { partyOrgOptions, registerCompany } from "~/governance/companies.server";
import { CompanyForm } from "~/governance/components/company-form";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("governance.companies.register");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnywhere(request, "company:manage");
  return { partyOrgs: await partyOrgOptions(await getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAnywhere(request, "company:manage");
  const parsed = await parseForm(request, CompanySchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await registerCompany(await getDb(), actor, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/companies/${r.id}?registered=1`, { status: 303 });
}

export default function NewCompany() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to="/companies">← {t("governance.companies.back")}</Link>
      </p>
      <h1>{t("governance.companies.register")}</h1>
      <p className="muted">{t("governance.companies.registerIntro")}</p>
      <CompanyForm values={a?.values ?? {}} errors={a?.errors} partyOrgs={d.partyOrgs} submitLabel={t("governance.companies.register")} />
    </div>
  );
}
