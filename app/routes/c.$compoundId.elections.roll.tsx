import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { RollListSchema, ROLL_SORT_KEYS } from "~/decisions/schema";
import { ownerRollPage, publishRollNotice } from "~/elections/owner-roll.server";
import { formatArea, formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { ServerTable } from "~/ui/data-table";
import { FormError } from "~/ui/field";
import { badRequest, parseForm } from "~/ui/form.server";
import { searchParamsObject } from "~/ui/list-params";
import { titled } from "~/ui/meta";

export const meta = titled("elections.roll.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:view", ["compound"]);
  const p = RollListSchema.parse(searchParamsObject(new URL(request.url)));
  const r = await ownerRollPage(await getDb(), node.id, p, now());
  if (!r) throw notFound();
  return { node: { id: node.id, name: node.name }, organise: can(actor.grants, "election:organise", node.path), params: p, ...r };
}

const PublishRollSchema = z.object({ intent: z.literal("publishRoll") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:organise", ["compound"]);
  const parsed = await parseForm(request, PublishRollSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await publishRollNotice(await getDb(), auditActor(actor), node.id, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/elections/roll`, { status: 303 });
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

export default function OwnerRoll() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "voter", header: t("decisions.voterNo"), cell: ({ row }) => row.original.voter ?? "—" },
    { id: "unit", header: t("decisions.unit"), cell: ({ row }) => row.original.unit },
    { id: "area", header: t("decisions.area"), cell: ({ row }) => formatArea(row.original.area, locale) },
    {
      id: "owners",
      header: t("decisions.owners"),
      cell: ({ row }) => (row.original.developer ? t("decisions.developer") : row.original.owners.join("、")) + (row.original.problem ? ` ⚠ ${t("elections.roll.problem")}` : ""),
    },
  ];
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/elections`}>← {t("elections.hub.title")}</Link>
      </p>
      <h1>
        {t("elections.roll.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("elections.roll.intro")}</p>
      <div className="grid">
        <div className="card">
          <div className="muted">{t("elections.roll.heads")}</div>
          <div className="stat" data-testid="roll-heads">
            {d.total.heads}
          </div>
        </div>
        <div className="card">
          <div className="muted">{t("elections.roll.area")}</div>
          <div className="stat" data-testid="roll-area">
            {formatArea(BigInt(d.total.area), locale)}
          </div>
        </div>
      </div>
      {d.problems > 0 && d.organise ? <p className="alert">{t("decisions.rollProblems", { n: d.problems })}</p> : null}
      {d.lastNotice ? (
        <p>
          {t("elections.roll.lastNotice", { at: formatDateTime(d.lastNotice.publishAt, locale) })} <Link to={`/c/${d.node.id}/notices/${d.lastNotice.id}`}>{t("elections.roll.viewNotice")}</Link>
        </p>
      ) : null}
      {d.organise ? (
        <Form method="post" className="stack card" aria-labelledby="publish-roll">
          <h2 id="publish-roll">{t("elections.roll.publish")}</h2>
          <p className="muted">{t("elections.roll.publishHint")}</p>
          <input type="hidden" name="intent" value="publishRoll" />
          <FormError message={a?.errors?._form} />
          <div>
            <button type="submit" className="btn" disabled={!d.hasActiveGroup}>
              {t("elections.roll.publish")}
            </button>
          </div>
          {!d.hasActiveGroup ? <p className="muted">{t("elections.errors.noPrepGroup")}</p> : null}
        </Form>
      ) : null}
      <ServerTable
        caption={t("elections.roll.title")}
        columns={columns}
        rows={d.rows}
        total={d.count}
        params={d.params}
        sortable={ROLL_SORT_KEYS}
        numeric={["area", "voter"]}
        exportPath={d.organise ? `/c/${d.node.id}/elections/roll/export` : undefined}
      />
    </>
  );
}
