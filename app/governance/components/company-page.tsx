import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StaffSchema } from "~/governance/company-schema";
import type { CompanyContractRow } from "~/governance/companies.server";
import type { companyRatingSummary, RatingFigure } from "~/governance/ratings.server";
import { tenthsText } from "~/governance/rules";
import { Fragment } from "react";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { Field, FormError } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";


function ContractTable({ id, title, rows }: { id: string; title: string; rows: CompanyContractRow[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (!rows.length) return null;
  return (
    <>
      <h3 id={id}>{title}</h3>
      <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("governance.companies.compound")}</th>
              <th scope="col">{t("governance.companies.period")}</th>
              <th scope="col">{t("governance.companies.endedEarly")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/c/${r.compoundId}`}>{r.compoundName}</Link>
                </td>
                <td>{t("governance.companies.periodValue", { start: formatDate(r.startDay, locale), end: formatDate(r.endDay, locale) })}</td>
                <td>{r.endedEarly && r.terminatedOn ? t("governance.companies.endedEarlyOn", { day: formatDate(r.terminatedOn, locale) }) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The compounds the company serves now, will serve and served before (from its service contracts). */
export function CompanyContracts({ contracts }: { contracts: { serving: CompanyContractRow[]; upcoming: CompanyContractRow[]; before: CompanyContractRow[] } }) {
  const { t } = useTranslation();
  const none = !contracts.serving.length && !contracts.upcoming.length && !contracts.before.length;
  return (
    <section className="card" aria-labelledby="company-compounds">
      <h2 id="company-compounds" style={{ marginTop: 0 }}>
        {t("governance.companies.compounds")}
      </h2>
      {none ? <p className="muted">{t("governance.companies.noContracts")}</p> : null}
      <ContractTable id="company-serving" title={t("governance.companies.serving")} rows={contracts.serving} />
      <ContractTable id="company-upcoming" title={t("governance.companies.upcoming")} rows={contracts.upcoming} />
      <ContractTable id="company-before" title={t("governance.companies.before")} rows={contracts.before} />
    </section>
  );
}

/** The residents' ratings of the company: all time, this quarter, and per compound served. */
export function CompanyRatings({ ratings }: { ratings: Awaited<ReturnType<typeof companyRatingSummary>> }) {
  const { t } = useTranslation();
  const value = (r: RatingFigure) =>
    r.averageTenths === null ? t("governance.companies.ratingsNone") : t("governance.companies.ratingsValue", { stars: tenthsText(r.averageTenths), count: r.count });
  const quarter = (q: string) => t("governance.companies.quarter", { year: q.slice(0, 4), q: q.slice(-1) });
  return (
    <section className="card" aria-labelledby="company-ratings">
      <h2 id="company-ratings" style={{ marginTop: 0 }}>
        {t("governance.companies.ratings")}
      </h2>
      <dl>
        <dt>{t("governance.companies.ratingsOverall")}</dt>
        <dd>{value(ratings.allTime)}</dd>
        <dt>{t("governance.companies.ratingsLatest", { quarter: quarter(ratings.current.quarter) })}</dt>
        <dd>{value(ratings.current)}</dd>
        {ratings.byCompound.map((c) => (
          <Fragment key={c.compoundId}>
            <dt>{c.compoundName}</dt>
            <dd>{value(c)}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

type StaffRow = { grantId: string; name: string; phone: string; since: string; until: string | null; inForce: boolean };

/** The company's staff accounts; for company:manage, the form to add one and a button to end each grant. */
export function CompanyStaff({ staff, manage, errors, values }: { staff: StaffRow[]; manage: boolean; errors?: Record<string, string>; values: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { register, onSubmit, errorOf } = useValidatedForm(StaffSchema, errors);
  return (
    <section className="card" aria-labelledby="company-staff">
      <h2 id="company-staff" style={{ marginTop: 0 }}>
        {t("governance.companies.staff")}
      </h2>
      {staff.length === 0 ? (
        <p className="muted">{t("governance.companies.staffNone")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="company-staff" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("governance.companies.staffName")}</th>
                <th scope="col">{t("governance.companies.staffPhone")}</th>
                <th scope="col">{t("governance.companies.staffSince")}</th>
                <th scope="col">{t("governance.companies.staffUntil")}</th>
                {manage ? <th scope="col">{t("governance.companies.endStaff")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.grantId}>
                  <td>{s.name}</td>
                  <td>{s.phone || "—"}</td>
                  <td>{formatDate(s.since, locale)}</td>
                  <td>{s.until ? formatDate(s.until, locale) : t("governance.companies.staffOpen")}</td>
                  {manage ? (
                    <td>
                      {s.inForce ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="endStaff" />
                          <input type="hidden" name="grantId" value={s.grantId} />
                          <button type="submit" className="btn secondary small" aria-label={t("governance.companies.endStaffLabel", { name: s.name })}>
                            {t("governance.companies.endStaff")}
                          </button>
                        </Form>
                      ) : (
                        "—"
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manage ? (
        <div className="narrow" style={{ marginLeft: 0, marginTop: "1rem" }}>
          <h3>{t("governance.companies.addStaff")}</h3>
          <p className="muted">{t("governance.companies.addStaffHint")}</p>
          <Form method="post" className="stack" noValidate onSubmit={onSubmit} aria-label={t("governance.companies.addStaff")}>
            <input type="hidden" name="intent" value="addStaff" />
            <FormError message={errors?._form} />
            <Field label={t("governance.companies.staffPhone")} id="staff-phone" defaultValue={values.phone} inputMode="tel" autoComplete="off" {...register("phone")} error={errorOf("phone")} />
            <Field label={t("governance.companies.staffName")} id="staff-name" defaultValue={values.name} autoComplete="off" {...register("name")} error={errorOf("name")} />
            <div>
              <button type="submit" className="btn">
                {t("governance.companies.addStaffButton")}
              </button>
            </div>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
