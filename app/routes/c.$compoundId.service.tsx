import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { rateService } from "~/governance/ratings.server";
import { servicePage, type ServiceParty } from "~/governance/service.server";
import { RATING_MAX_COMMENT, RatingSchema } from "~/governance/service-schema";
import { tenthsText } from "~/governance/rules";
import { formatDate, formatMoney } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { FormError } from "~/ui/field";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("governance.service.title");

// Who serves the compound, the standards and fees that apply, and the residents' quarterly rating.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "service:view", ["compound"]);
  const page = await servicePage(await getDb(), { id: node.id, path: node.path }, actor.user.id, now());
  return { node: { id: node.id, name: node.name }, ...page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "service:view", ["compound"]);
  const parsed = await parseForm(request, RatingSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await rateService(await getDb(), { id: actor.user.id, name: actor.user.name }, node.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  return data({ ok: true as const, errors: undefined, values: undefined });
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
const STARS = ["5", "4", "3", "2", "1"] as const;
const RADIO = { width: "1.5rem", height: "1.5rem", minHeight: 0, margin: 0, flex: "none" } as const;
const CHOICE = { display: "flex", alignItems: "center", gap: ".75rem", padding: ".6rem .25rem", minHeight: "2.75rem", cursor: "pointer" } as const;

function quarterName(t: TFunction, quarter: string): string {
  return t("governance.service.quarterName", { year: quarter.slice(0, 4), q: quarter.slice(-1) });
}

function Figure({ f, testId }: { f: { count: number; averageTenths: number | null }; testId: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      <div className="stat">{f.averageTenths === null ? t("governance.service.noRatings") : t("governance.service.average", { avg: tenthsText(f.averageTenths) })}</div>
      <div className="muted">{t("governance.service.count", { count: f.count })}</div>
    </div>
  );
}

/** One responsible party in words, with how to reach it. */
function Party({ p, duty }: { p: ServiceParty; duty: "billing" | "maintenance" | "all" }) {
  const { t } = useTranslation();
  switch (p.kind) {
    case "company":
      return (
        <>
          <p style={{ margin: 0, fontSize: "1.15rem" }}>
            <strong>{p.name}</strong>
          </p>
          <ul className="plain">
            <li>
              <a href={`tel:${p.contactPhone.replace(/[^\d+]/g, "")}`}>{t("governance.service.phone", { phone: p.contactPhone })}</a>
            </li>
            <li>{t("governance.service.contactName", { name: p.contactName })}</li>
            {p.address ? <li>{t("governance.service.address", { address: p.address })}</li> : null}
            {p.hasPartyOrg ? (
              <li>
                <span className="tag">{t("governance.service.partyOrg")}</span>
              </li>
            ) : null}
          </ul>
        </>
      );
    case "owners_committee":
    case "self_management_committee":
      return (
        <>
          <p style={{ margin: 0 }}>
            <strong>{t(`governance.selfBodies.${p.kind}`)}</strong>
          </p>
          {p.moneyHolder && duty !== "maintenance" ? <p style={{ margin: 0 }}>{t("governance.service.moneyHolder", { holder: p.moneyHolder })}</p> : null}
        </>
      );
    case "community":
      return (
        <p style={{ margin: 0 }}>
          <strong>
            {duty === "maintenance"
              ? t("governance.service.communityMaintenance", { name: p.name ?? t("governance.responsible.community") })
              : t("governance.service.communityName", { name: p.name ?? t("governance.responsible.community") })}
          </strong>
        </p>
      );
    case "none":
      return <p className="alert info">{t(`governance.service.nobody.${p.reason}`)}</p>;
  }
}

function samePartyKey(p: ServiceParty): string {
  return p.kind === "company" ? `company:${p.companyId}` : p.kind === "community" ? `community:${p.nodeId}` : p.kind;
}

function WhoServes({ d }: { d: Loaded }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const same = samePartyKey(d.billing) === samePartyKey(d.maintenance);
  return (
    <section className="card" aria-labelledby="who-manages">
      <h2 id="who-manages" style={{ marginTop: 0 }}>
        {t("governance.service.whoManages")}
      </h2>
      {d.current ? (
        <p>{t("governance.service.modelSince", { model: t(`governance.models.${d.current.model}`), day: formatDate(d.current.fromDay, locale) })}</p>
      ) : (
        <p>{t("governance.service.unmanaged")}</p>
      )}
      {d.current || d.billing.kind !== "none" ? (
        same ? (
          <>
            <h3>{t("governance.service.allDuties")}</h3>
            <Party p={d.billing} duty="all" />
          </>
        ) : (
          <>
            <h3>{t("governance.service.billing")}</h3>
            <Party p={d.billing} duty="billing" />
            <h3>{t("governance.service.maintenance")}</h3>
            <Party p={d.maintenance} duty="maintenance" />
          </>
        )
      ) : null}
      {d.contacts.length ? (
        <>
          <h3>{t("governance.service.contacts")}</h3>
          <ul className="plain">
            {d.contacts.map((c, i) => (
              <li key={i}>{t("governance.service.contactLine", { role: t(`roles.${c.role}`), name: c.name, phone: c.phone || "—" })}</li>
            ))}
          </ul>
        </>
      ) : null}
      {d.upcoming ? (
        <p className="alert info" role="note">
          {t("governance.service.upcoming", { day: formatDate(d.upcoming.fromDay, locale), model: t(`governance.models.${d.upcoming.model}`) })}
        </p>
      ) : null}
    </section>
  );
}

function Standards({ d }: { d: Loaded }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const c = d.contract;
  const l = c?.serviceLevel;
  const rows: [string, string][] = l
    ? ([
        l.cleaningPerWeek !== null ? [t("governance.service.levels.cleaning"), t("governance.service.levels.cleaningValue", { n: l.cleaningPerWeek })] : null,
        l.securityHoursPerDay !== null ? [t("governance.service.levels.security"), t("governance.service.levels.securityValue", { n: l.securityHoursPerDay })] : null,
        l.greenery ? [t("governance.service.levels.greenery"), l.greenery] : null,
        l.urgentResponseHours !== null ? [t("governance.service.levels.urgent"), t("governance.service.levels.hoursValue", { n: l.urgentResponseHours })] : null,
        l.ordinaryResponseHours !== null ? [t("governance.service.levels.ordinary"), t("governance.service.levels.hoursValue", { n: l.ordinaryResponseHours })] : null,
      ].filter(Boolean) as [string, string][])
    : [];
  return (
    <section className="card" aria-labelledby="standards">
      <h2 id="standards" style={{ marginTop: 0 }}>
        {t("governance.service.standards")}
      </h2>
      {c ? (
        <>
          <p>
            {t("governance.service.contractLine", {
              company: c.companyName, start: formatDate(c.startDay, locale), end: formatDate(c.endDay, locale), feeModel: t(`governance.feeModels.${c.feeModel}`),
            })}
            {c.feeModel === "remuneration" && c.remunerationPerMille !== null ? <><br />{t("governance.service.remunerationShare", { perMille: c.remunerationPerMille })}</> : null}
          </p>
          {c.expiry === "within_90" || c.expiry === "within_30" ? (
            <p className="alert info">{t("governance.service.expiresSoon", { day: formatDate(c.endDay, locale), warning: t(`governance.expiry.${c.expiry}`) })}</p>
          ) : null}
          {rows.length ? (
            <dl className="service-levels">
              {rows.map(([k, v]) => (
                <div key={k} style={{ display: "flex", flexWrap: "wrap", gap: "0 .75rem", padding: ".35rem 0", borderBottom: "1px solid var(--line)" }}>
                  <dt style={{ fontWeight: 600, minWidth: "9em" }}>{k}</dt>
                  <dd style={{ margin: 0 }}>{v}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <p className="muted">{t("governance.service.noticeDays", { days: c.noticeDays })}</p>
        </>
      ) : (
        <p className="muted">{t("governance.service.noStandards")}</p>
      )}
    </section>
  );
}

function Fees({ d }: { d: Loaded }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="card">
      <h2 id="fees" style={{ marginTop: 0 }}>
        {t("governance.service.fees")}
      </h2>
      {d.fees.length ? (
        <div className="table-wrap" role="region" aria-labelledby="fees" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("governance.service.feeUnitKind")}</th>
                <th scope="col">{t("governance.service.feeItem")}</th>
                <th scope="col" className="num">
                  {t("governance.service.feeRate")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.fees.map((f, i) => (
                <tr key={i}>
                  <td>{f.unitKind ? t(`registry.kinds.${f.unitKind}`) : t("governance.service.feeAllUnits")}</td>
                  <td>{f.label ?? t(`governance.feeItems.${f.item}`)}</td>
                  <td className="num">
                    <strong>{formatMoney(f.rateFen, locale)}</strong> <span className="muted">{t(`governance.feeBases.${f.basis}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("governance.service.noFees")}</p>
      )}
      {!d.contract && d.fees.length ? <p className="muted">{t("governance.service.quasiFeeNote")}</p> : null}
    </section>
  );
}

function RateForm({ d }: { d: Loaded }) {
  const a = useActionData<typeof action>();
  const nav = useNavigation();
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(RatingSchema, a?.errors);
  const r = d.rating;
  const starsError = errorOf("stars");
  return (
    <section className="card" aria-labelledby="rate">
      <h2 id="rate" style={{ marginTop: 0 }}>
        {t("governance.service.rate")}
      </h2>
      <p className="muted">{t("governance.service.rateHint", { quarter: quarterName(t, r.quarter) })}</p>
      {a?.ok ? (
        <p className="alert ok" role="status">
          {t("governance.service.thanks")}
        </p>
      ) : null}
      <FormError message={a?.errors?._form} />
      {r.mine ? (
        <div>
          <p>
            <strong>{t("governance.service.yourRating", { stars: r.mine.stars })}</strong>
          </p>
          {r.mine.comment ? <p>{t("governance.service.yourComment", { comment: r.mine.comment })}</p> : null}
        </div>
      ) : !r.standing ? (
        <p>{t("governance.service.notEligible")}</p>
      ) : !r.canRate ? (
        <p>{t("governance.service.nobodyToRate")}</p>
      ) : (
        <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="intent" value="rate" />
          <fieldset aria-describedby={starsError ? "f-stars-error" : undefined} style={{ border: "1px solid var(--line)", borderRadius: "var(--radius)", padding: ".5rem 1rem" }}>
            <legend style={{ fontWeight: 600 }}>{t("governance.service.stars")}</legend>
            {STARS.map((s) => (
              <label key={s} style={CHOICE}>
                <input type="radio" value={s} style={RADIO} defaultChecked={a?.values?.stars === s} aria-invalid={starsError ? true : undefined} {...register("stars")} />
                <span style={{ display: "flex", flexWrap: "wrap", gap: "0 .75rem", alignItems: "baseline" }}>
                  <span aria-hidden="true" style={{ color: "var(--warn)", letterSpacing: ".1em", whiteSpace: "nowrap" }}>
                    {"★".repeat(Number(s))}
                    {"☆".repeat(5 - Number(s))}
                  </span>
                  <span>{t(`governance.service.starLabels.${s}`)}</span>
                </span>
              </label>
            ))}
            {starsError ? (
              <span className="error" id="f-stars-error" role="alert" style={{ color: "var(--err)", fontWeight: 600 }}>
                {t(starsError)}
              </span>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor="f-comment">{t("governance.service.comment")}</label>
            <textarea
              id="f-comment"
              rows={3}
              maxLength={RATING_MAX_COMMENT}
              defaultValue={a?.values?.comment}
              aria-invalid={errorOf("comment") ? true : undefined}
              aria-describedby={errorOf("comment") ? "f-comment-error" : undefined}
              {...register("comment")}
            />
            {errorOf("comment") ? (
              <span className="error" id="f-comment-error" role="alert">
                {t(errorOf("comment")!)}
              </span>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" className="btn" disabled={nav.state !== "idle"}>
              {t("governance.service.submit")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

function Rollup({ d }: { d: Loaded }) {
  const { t } = useTranslation();
  const s = d.rating.summary;
  return (
    <section className="card" aria-labelledby="rollup">
      <h2 id="rollup" style={{ marginTop: 0 }}>
        {t("governance.service.rollup")}
      </h2>
      <div className="grid">
        <div>
          <div className="muted">
            {t("governance.service.thisQuarter")}（{quarterName(t, s.current.quarter)}）
          </div>
          <Figure f={s.current} testId="rating-this-quarter" />
        </div>
        <div>
          <div className="muted">{t("governance.service.allTime")}</div>
          <Figure f={s.allTime} testId="rating-all-time" />
        </div>
      </div>
      <h3 id="rollup-quarters">{t("governance.service.byQuarter")}</h3>
      <div className="table-wrap" role="region" aria-labelledby="rollup-quarters" tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("governance.service.quarterCol")}</th>
              <th scope="col" className="num">
                {t("governance.service.averageCol")}
              </th>
              <th scope="col" className="num">
                {t("governance.service.countCol")}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.quarters.map((q) => (
              <tr key={q.quarter}>
                <th scope="row" style={{ background: "none", fontWeight: 400, whiteSpace: "normal" }}>
                  {quarterName(t, q.quarter)}
                </th>
                <td className="num">{q.averageTenths === null ? "—" : tenthsText(q.averageTenths)}</td>
                <td className="num">{q.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function Service() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("governance.service.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("governance.service.intro")}</p>
      <WhoServes d={d} />
      <Standards d={d} />
      <Fees d={d} />
      <RateForm d={d} />
      <Rollup d={d} />
    </>
  );
}
