import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { CanvassSchema, NonVoterFilterSchema } from "~/decisions/schema";
import { findDecision, motionsOf } from "~/decisions/decisions.server";
import { nonVoters, sendReminders, setCanvass, turnoutDetail } from "~/decisions/turnout.server";
import { CANVASS_STATUSES } from "~db/schema/decisions";
import { formatArea } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { FormError } from "~/ui/field";
import { formValues, parseObject } from "~/ui/form.server";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("turnout.title");

async function load(request: Request, params: { compoundId?: string; decisionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const d = await findDecision(await getDb(), node.id, params.decisionId ?? "");
  if (!d || !d.headerCanonical) throw notFound();
  return { actor, node, d };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, d } = await load(request, params);
  const db = await getDb();
  const f = NonVoterFilterSchema.parse(searchParamsObject(new URL(request.url)));
  const [detail, waiting, motions] = await Promise.all([turnoutDetail(db, d), nonVoters(db, d, { buildingId: f.building, status: f.status }), motionsOf(db, d.id)]);
  return {
    node: { id: node.id }, decision: { id: d.id, title: d.title, status: d.status }, filters: f, detail,
    titles: Object.fromEntries(motions.map((m) => [m.key, m.title])), waiting: waiting.slice(0, 500), waitingCount: waiting.length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, d } = await load(request, params);
  const values = formValues(await request.formData());
  const db = await getDb();
  if (values.intent === "remind") {
    const r = await sendReminders(db, auditActor(actor), d, now());
    if (!r.ok) return data({ errors: { _form: r.error } as Record<string, string>, sent: undefined as number | undefined }, { status: 400 });
    return data({ errors: undefined, sent: r.sent });
  }
  const p = parseObject(CanvassSchema, values);
  if (!p.ok) return data({ errors: p.errors, sent: undefined }, { status: 400 });
  const r = await setCanvass(db, auditActor(actor), d, p.data, now());
  if (!r.ok) return data({ errors: r.errors, sent: undefined }, { status: 400 });
  return data({ errors: undefined, sent: undefined });
}

export default function Turnout() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const area = (v: string) => formatArea(BigInt(v), locale);
  const base = `/c/${d.node.id}/decisions/${d.decision.id}`;
  const qs = new URLSearchParams(Object.entries({ building: d.filters.building ?? "", status: d.filters.status ?? "" }).filter(([, v]) => v));
  const tot = d.detail.total;
  return (
    <>
      <p className="no-print">
        <Link to={base}>← {d.decision.title}</Link>
      </p>
      <h1>
        {t("turnout.title")} · {d.decision.title}
      </h1>
      <p>{t("turnout.overall", { heads: d.detail.voted.heads, totalHeads: tot.heads, area: area(d.detail.voted.area), totalArea: area(tot.area) })}</p>
      <h2>{t("turnout.perMotion")}</h2>
      <div className="table-wrap" role="region" aria-label={t("turnout.perMotion")} tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("decisions.motion")}</th>
              <th scope="col">{t("decisions.participating")}</th>
              <th scope="col">{t("decisions.quorum")}</th>
            </tr>
          </thead>
          <tbody>
            {d.detail.motions.map((m) => (
              <tr key={m.id} data-motion={m.id}>
                <th scope="row">{d.titles[m.id] ?? m.id}</th>
                <td>
                  {m.participating.heads} / {tot.heads} · {area(m.participating.area)} / {area(tot.area)}
                </td>
                <td>{m.quorum ? t("turnout.quorumReached") : `${t("turnout.quorumNotYet")} · ${t("turnout.quorumNeeds", { heads: d.detail.shortfall[m.id].heads, area: area(d.detail.shortfall[m.id].area) })}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("turnout.perBuilding")}</h2>
      <div className="table-wrap" role="region" aria-label={t("turnout.perBuilding")} tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("turnout.building")}</th>
              <th scope="col">{t("turnout.voted")}</th>
              <th scope="col">{t("decisions.area")}</th>
            </tr>
          </thead>
          <tbody>
            {d.detail.buildings.map((b) => (
              <tr key={b.id}>
                <th scope="row">{b.name}</th>
                <td>
                  {b.votedHeads} / {b.heads}
                </td>
                <td>
                  {area(b.votedArea)} / {area(b.area)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("turnout.nonVoters")}</h2>
      <FormError message={a?.errors?._form} />
      {a?.sent !== undefined ? <p role="status">{t("turnout.reminded", { n: a.sent })}</p> : null}
      {d.decision.status === "open" ? (
        <Form method="post" className="no-print">
          <input type="hidden" name="intent" value="remind" />
          <button type="submit" className="btn secondary">
            {t("turnout.remind")}
          </button>
        </Form>
      ) : null}
      <Form method="get" className="card filters no-print" role="search">
        <div className="field">
          <label htmlFor="f-building">{t("turnout.filterBuilding")}</label>
          <select id="f-building" name="building" defaultValue={d.filters.building ?? ""}>
            <option value="">{t("table.all")}</option>
            {d.detail.buildings.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("turnout.filterStatus")}</label>
          <select id="f-status" name="status" defaultValue={d.filters.status ?? ""}>
            <option value="">{t("table.all")}</option>
            {CANVASS_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`turnout.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t("table.filter")}
        </button>
      </Form>
      <p className="actions no-print">
        <a className="btn secondary" href={`${base}/nonvoters?${new URLSearchParams([...qs, ["format", "xlsx"]])}`}>
          {t("turnout.exportXlsx")}
        </a>
        <button type="button" className="btn secondary" onClick={() => window.print()}>
          {t("turnout.print")}
        </button>
        <span className="muted">{t("turnout.printHint")}</span>
      </p>
      <p>{t("turnout.nonVotersCount", { n: d.waitingCount })}</p>
      {d.waitingCount > d.waiting.length ? <p className="muted">{t("turnout.truncated", { n: d.waiting.length })}</p> : null}
      <div className="table-wrap" role="region" aria-label={t("turnout.nonVoters")} tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("decisions.unit")}</th>
              <th scope="col">{t("decisions.owners")}</th>
              <th scope="col">{t("turnout.contact")}</th>
              <th scope="col">{t("decisions.area")}</th>
              <th scope="col">{t("turnout.status")}</th>
            </tr>
          </thead>
          <tbody>
            {d.waiting.map((w) => (
              <tr key={w.voterKey}>
                <th scope="row">{w.units.join("、")}</th>
                <td>{w.developer ? t("decisions.developer") : w.owners.join("、")}</td>
                <td>{w.phones.join("、") || "—"}</td>
                <td>{area(w.area)}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="voterKey" value={w.voterKey} />
                    <label className="visually-hidden" htmlFor={`s-${w.voterKey}`}>
                      {t("turnout.status")}
                    </label>
                    <select id={`s-${w.voterKey}`} name="status" defaultValue={w.status} style={{ width: "auto" }}>
                      {CANVASS_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`turnout.statuses.${s}`)}
                        </option>
                      ))}
                    </select>
                    <label className="visually-hidden" htmlFor={`n-${w.voterKey}`}>
                      {t("turnout.note")}
                    </label>
                    <input id={`n-${w.voterKey}`} name="note" defaultValue={w.note} placeholder={t("turnout.note")} style={{ width: "8em" }} />
                    <button type="submit" className="btn small" aria-label={t("turnout.saveFor", { units: w.units.join("、") })}>
                      {t("turnout.save")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
