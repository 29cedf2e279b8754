import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireAnywhere } from "~/auth/guard.server";
import { maskPhone } from "~/auth/mask";
import { scopesWith } from "~/auth/permissions";
import { StaffEndSchema, StaffSchema } from "~/governance/company-schema";
import { addStaff, companyContracts, companyStaff, endStaff, getCompany } from "~/governance/companies.server";
import { companyRatingSummary } from "~/governance/ratings.server";
import { CompanyContracts, CompanyRatings, CompanyStaff } from "~/governance/components/company-page";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { shanghaiDay } from "~/platform/days";
import { badRequest, parseForm, parseObject } from "~/ui/form.server";
import { titledBy } from "~/ui/meta";

export const meta = titledBy<{ company: { name: string } }>((d) => d?.company.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "company:view");
  const db = await getDb();
  const c = await getCompany(db, params.companyId ?? "");
  if (!c) throw notFound();
  const t = now();
  return {
    company: {
      id: c.id,
      name: c.name,
      creditCode: c.creditCode,
      contactName: c.contactName,
      contactPhone: maskPhone(c.contactPhone),
      address: c.address,
      qualificationNotes: c.qualificationNotes,
      hasPartyOrg: c.hasPartyOrg,
      partyOrgName: c.partyOrgName,
      createdAt: c.createdAt.toISOString(),
    },
    contracts: await companyContracts(db, c.id, shanghaiDay(t)),
    ratings: await companyRatingSummary(db, c.id, shanghaiDay(now())),
    staff: await companyStaff(db, c.id, t),
    manage: scopesWith(actor.grants, "company:manage").length > 0,
  };
}

const Intent = z.object({ intent: z.enum(["addStaff", "endStaff"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAnywhere(request, "company:manage");
  const db = await getDb();
  const companyId = params.companyId ?? "";
  if (!(await getCompany(db, companyId))) throw notFound();
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) return badRequest(parsed.errors);
  const t = now();
  switch (parsed.data.intent) {
    case "addStaff": {
      const s = parseObject(StaffSchema, parsed.values);
      if (!s.ok) return badRequest(s.errors, parsed.values);
      const r = await addStaff(db, actor, companyId, s.data, t);
      if (!r) throw notFound();
      if (!r.ok) return badRequest(r.errors, parsed.values);
      throw redirect(`/companies/${companyId}?staff=${r.created ? "created" : "added"}`, { status: 303 });
    }
    case "endStaff": {
      const s = parseObject(StaffEndSchema, parsed.values);
      if (!s.ok || !(await endStaff(db, actor, companyId, s.data.grantId, t))) throw notFound();
      throw redirect(`/companies/${companyId}?staff=ended`, { status: 303 });
    }
  }
  return data({ ok: false as const, errors: { _form: "errors.invalid" }, values: {} as Record<string, string> }, { status: 400 });
}

export default function CompanyPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const c = d.company;
  const notice = params.get("registered")
    ? "governance.companies.registered"
    : params.get("updated")
      ? "governance.companies.updated"
      : params.get("staff") === "created"
        ? "governance.companies.staffCreated"
        : params.get("staff") === "added"
          ? "governance.companies.staffAdded"
          : params.get("staff") === "ended"
            ? "governance.companies.staffEnded"
            : null;
  return (
    <>
      <p>
        <Link to="/companies">← {t("governance.companies.back")}</Link>
      </p>
      <h1>{c.name}</h1>
      {notice ? (
        <p className="alert ok" role="status">
          {t(notice)}
        </p>
      ) : null}
      <section className="card" aria-labelledby="company-details">
        <h2 id="company-details" style={{ marginTop: 0 }}>
          {t("governance.companies.details")}
        </h2>
        <dl>
          <dt>{t("governance.companies.creditCode")}</dt>
          <dd>{c.creditCode}</dd>
          <dt>{t("governance.companies.contact")}</dt>
          <dd>
            {c.contactName} {c.contactPhone}
          </dd>
          <dt>{t("governance.companies.address")}</dt>
          <dd>{c.address ?? "—"}</dd>
          <dt>{t("governance.companies.qualificationNotes")}</dt>
          <dd style={{ whiteSpace: "pre-wrap" }}>{c.qualificationNotes ?? "—"}</dd>
          <dt>{t("governance.companies.party")}</dt>
          <dd>{c.hasPartyOrg ? (c.partyOrgName ?? t("governance.companies.partyYes")) : t("governance.companies.partyNo")}</dd>
          <dt>{t("governance.companies.createdAt")}</dt>
          <dd>{formatDate(c.createdAt, locale)}</dd>
        </dl>
        {d.manage ? (
          <p className="actions">
            <Link className="btn secondary" to={`/companies/${c.id}/edit`}>
              {t("governance.companies.edit")}
            </Link>
          </p>
        ) : null}
      </section>
      <CompanyContracts contracts={d.contracts} />
      <CompanyRatings ratings={d.ratings} />
      <CompanyStaff staff={d.staff} manage={d.manage} errors={a?.errors} values={a?.values ?? {}} />
    </>
  );
}
