import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { AnswerSchema, ObjectionSchema, RollListSchema, ROLL_SORT_KEYS } from "~/decisions/schema";
import { answerObjection, findDecision, submitObjection } from "~/decisions/decisions.server";
import { rollPage } from "~/decisions/pages.server";
import { formatArea, formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { ServerTable } from "~/ui/data-table";
import { Field, FormError, SelectField } from "~/ui/field";
import { badRequest, parseObject, formValues } from "~/ui/form.server";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("decisions.roll");

async function load(request: Request, params: { compoundId?: string; decisionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:vote", ["compound"]);
  const organise = can(actor.grants, "decision:organise", node.path);
  const d = await findDecision(await getDb(), node.id, params.decisionId ?? "");
  if (!d || (d.status === "draft" && !organise)) throw notFound();
  return { actor, node, organise, d };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node, organise, d } = await load(request, params);
  const p = RollListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await rollPage(await getDb(), d, { userId: actor.user.id, organise }, p, now());
  return { node: { id: node.id }, decision: { id: d.id, title: d.title, status: d.status }, organise, params: p, ...r };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, organise, d } = await load(request, params);
  const form = await request.formData();
  const values = formValues(form);
  const db = await getDb();
  if (values.intent === "answer") {
    if (!organise) throw notFound();
    const p = parseObject(AnswerSchema, values);
    if (!p.ok) return badRequest(p.errors, values);
    const r = await answerObjection(db, auditActor(actor), node.id, d.id, p.data, now());
    if (!r.ok) return badRequest(r.errors, values);
  } else {
    const p = parseObject(ObjectionSchema, values);
    if (!p.ok) return badRequest(p.errors, values);
    const r = await submitObjection(db, { id: actor.user.id, name: actor.user.name }, node.id, d.id, p.data, now());
    if (!r.ok) return badRequest(r.errors, values);
  }
  throw redirect(`/c/${node.id}/decisions/${d.id}/roll`, { status: 303 });
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function Roll() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const errors = a?.errors as Record<string, string> | undefined;
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "voter", header: t("decisions.voterNo"), cell: ({ row }) => row.original.voter ?? "—" },
    { id: "unit", header: t("decisions.unit"), cell: ({ row }) => row.original.units.join("、") },
    { id: "area", header: t("decisions.area"), cell: ({ row }) => formatArea(row.original.area, locale) },
    {
      id: "owners",
      header: t("decisions.owners"),
      cell: ({ row }) => (row.original.developer ? t("decisions.developer") : row.original.owners.join("、")) + (row.original.problem ? ` ⚠ ${row.original.problem}` : ""),
    },
  ];
  const answering = errors && a?.values?.intent === "answer" ? a.values.objectionId : undefined;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/decisions/${d.decision.id}`}>← {d.decision.title}</Link>
      </p>
      <h1>{t("decisions.roll")}</h1>
      <p>
        {d.frozen ? t("decisions.rollFrozen") : t("decisions.rollDraft")}
        <br />
        {t("decisions.rollTotals", { heads: d.total.heads, area: formatArea(BigInt(d.total.area), locale) })}
      </p>
      {d.problems > 0 && d.organise ? <p className="alert">{t("decisions.rollProblems", { n: d.problems })}</p> : null}
      {!d.organise ? <h2>{t("decisions.myEntries")}</h2> : null}
      {!d.organise && d.count === 0 ? <p className="muted">{t("decisions.notInRoll")}</p> : null}
      {d.organise || d.count > 0 ? (
        <ServerTable caption={t("decisions.roll")} columns={columns} rows={d.rows} total={d.count} params={d.params} sortable={ROLL_SORT_KEYS} numeric={["area", "voter"]} />
      ) : null}

      <h2>{t("decisions.objections")}</h2>
      {d.objections.length === 0 ? <p className="muted">{t("decisions.noObjections")}</p> : null}
      {d.objections.map((o) => (
        <section className="card" key={o.id} aria-label={`${o.unit} ${t(`decisions.objectionKinds.${o.kind}`)}`}>
          <p>
            <strong>{o.unit}</strong> · {t(`decisions.objectionKinds.${o.kind}`)} · <span className="tag">{t(`decisions.objectionStatus.${o.status}`)}</span>
            <br />
            {o.text}
            <br />
            <span className="muted">
              {d.organise ? `${t("decisions.by")}: ${o.by} · ` : null}
              {formatDateTime(o.createdAt, locale)}
            </span>
          </p>
          {o.answer ? (
            <p>
              {t("decisions.answer")}: {o.answer}
            </p>
          ) : null}
          {d.organise && o.status === "open" ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="objectionId" value={o.id} />
              {answering === o.id ? <FormError message={errors?._form} /> : null}
              <SelectField
                id={`outcome-${o.id}`}
                label={t("decisions.outcome")}
                name="outcome"
                error={answering === o.id ? errors?.outcome : undefined}
                options={[
                  { value: "corrected", label: t("decisions.outcomeCorrected") },
                  { value: "rejected", label: t("decisions.outcomeRejected") },
                ]}
              />
              <Field id={`answer-${o.id}`} label={t("decisions.answer")} name="answer" error={answering === o.id ? errors?.answer : undefined} />
              <button type="submit" className="btn small">
                {t("decisions.sendAnswer")}
              </button>
            </Form>
          ) : null}
        </section>
      ))}

      {d.myUnits.length > 0 ? (
        <section className="card narrow" aria-labelledby="object">
          <h2 id="object">{t("decisions.object")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="object" />
            {a?.values?.intent !== "answer" ? <FormError message={errors?._form} /> : null}
            <SelectField label={t("decisions.unit")} name="unitId" error={errors?.unitId} options={d.myUnits.map((u) => ({ value: u.id, label: u.label }))} />
            <SelectField
              label={t("decisions.objectionKind")}
              name="kind"
              error={errors?.kind}
              options={(["area", "owner", "other"] as const).map((k) => ({ value: k, label: t(`decisions.objectionKinds.${k}`) }))}
            />
            <Field label={t("decisions.objectionText")} name="text" defaultValue={a?.values?.text} error={errors?.text} />
            <button type="submit" className="btn">
              {t("decisions.object")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
