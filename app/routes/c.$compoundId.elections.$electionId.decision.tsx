import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { DecisionSchema } from "~/decisions/schema";
import { electionDecisionOf, openElectionDecision, publishedCandidates } from "~/decisions/election-motion.server";
import { DecisionForm } from "~/decisions/components/decision-form";
import { shanghaiDay } from "~/platform/days";
import { FormError } from "~/ui/field";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("decisions.election.openTitle");

// The preparatory group opens the vote on its published candidate list: an owners' decision with one election motion.
async function load(request: Request, params: { compoundId?: string; electionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  if (!can(actor.grants, "election:organise", node.path)) throw notFound();
  const db = await getDb();
  const found = await publishedCandidates(db, node.id, params.electionId ?? "");
  if (!found) throw notFound();
  return { actor, node, db, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, db, found } = await load(request, params);
  const e = found.election;
  return {
    node: { id: node.id, name: node.name },
    election: { id: e.id, status: e.status, seats: e.seats, minSeats: e.minSeats, alternates: e.alternates, votingOn: e.votingOpensAt ? shanghaiDay(e.votingOpensAt) : null },
    candidates: found.candidates.map((c) => c.name),
    opened: await electionDecisionOf(db, node.id, e.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, db, found } = await load(request, params);
  const parsed = await parseForm(request, DecisionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await openElectionDecision(db, auditActor(actor), node.id, found.election.id, { ...parsed.data, scope: "compound" }, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/decisions/${r.id}`, { status: 303 });
}

export default function OpenElectionDecision() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  const e = d.election;
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}/elections`}>← {t("elections.hub.title")}</Link>
      </p>
      <h1>{t("decisions.election.openTitle")}</h1>
      <p>{t("decisions.election.figures", { seats: e.seats, minSeats: e.minSeats, alternates: e.alternates })}</p>
      <p>
        {t("decisions.election.candidate")}：{d.candidates.join("、") || "—"}
      </p>
      {d.opened ? (
        <p className="alert info" role="status">
          {t("decisions.election.openedAlready")} <Link to={`/c/${d.node.id}/decisions/${d.opened.id}`}>{d.opened.title}</Link>
        </p>
      ) : e.status !== "published" ? (
        <p className="alert">{t("decisions.election.errors.notPublished")}</p>
      ) : (
        <>
          <p className="muted">{t("decisions.election.openHint")}</p>
          <FormError message={a?.errors?._form} />
          <DecisionForm
            buildings={[]}
            values={a?.values ?? { title: t("decisions.election.defaultTitle", { name: d.node.name }), form: "written", scope: "compound", opensOn: e.votingOn ?? "" }}
            errors={a?.errors}
            submitLabel={t("decisions.election.openTitle")}
          />
        </>
      )}
    </div>
  );
}
