import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can, type Permission } from "~/auth/permissions";
import { actOnCandidate, candidatePage } from "~/elections/candidate-page.server";
import { CandidateActionSchema, type CandidateAction } from "~/elections/review-schema";
import { CandidateVetting } from "~/elections/components/candidate-vetting";
import { CandidateAnswerForm, CandidateAppealForm, CandidateButtonForm, CandidateDecideForm } from "~/elections/components/candidate-forms";
import { parseForm } from "~/ui/form.server";
import { titledBy } from "~/ui/meta";

export const meta = titledBy<{ candidate: { name: string } }>((d) => d?.candidate.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:view", ["compound"]);
  const viewer = { userId: actor.user.id, organise: can(actor.grants, "election:organise", node.path), supervise: can(actor.grants, "election:supervise", node.path) };
  const p = await candidatePage(await getDb(), node.id, params.electionId ?? "", params.candidateId ?? "", viewer, now());
  if (!p) throw notFound();
  return { node: { id: node.id, name: node.name }, ...p };
}

/** The permission each intent needs at the compound; the context checks the rest (owner, organisation, candidate). */
const NEEDS: Record<CandidateAction["intent"], Permission> = {
  submit: "election:organise",
  endorse: "election:view",
  decide: "election:review",
  answer: "election:review",
  appeal: "election:view",
};

/** Which form on the page answered: its errors show there and nowhere else. */
const formOf = (v: Record<string, string>) => (v.intent === "decide" || v.intent === "answer" ? `${v.intent}:${v.partyOrgId ?? ""}` : (v.intent ?? ""));

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:view", ["compound"]);
  const parsed = await parseForm(request, CandidateActionSchema);
  const form = formOf(parsed.values);
  if (!parsed.ok) {
    const errors = parsed.errors.intent ? { _form: "errors.invalid" } : parsed.errors;
    return data({ ok: false as const, form, errors, done: null }, { status: 400 });
  }
  if (NEEDS[parsed.data.intent] !== "election:view") await requireNode(request, node.id, NEEDS[parsed.data.intent], ["compound"]);
  const r = await actOnCandidate(await getDb(), auditActor(actor), node.id, params.electionId ?? "", params.candidateId ?? "", parsed.data, now());
  if (r === null) throw notFound();
  if (!r.ok) return data({ ok: false as const, form, errors: r.errors, done: null }, { status: 400 });
  return data({ ok: true as const, form, errors: undefined, done: parsed.data.intent });
}

export default function CandidatePage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  const errorsFor = (form: string) => (a && !a.ok && a.form === form ? (a.errors as Record<string, string>) : undefined);
  const c = d.candidate;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/elections`}>← {t("elections.candidate.back")}</Link>
      </p>
      <h1>
        {c.name} <span className="tag">{t(`elections.kinds.${c.nominatedBy}`)}</span>
      </h1>
      {/* A refusal of a form that is no longer offered (e.g. someone else decided first) shows at the top. */}
      {a && !a.ok && !isShown(a.form, d.actions) ? (
        <div className="alert error" role="alert">
          {t((a.errors as Record<string, string>)._form ?? Object.values(a.errors as Record<string, string>)[0] ?? "errors.invalid")}
        </div>
      ) : null}
      <section className="card" aria-labelledby="cand-summary">
        <h2 id="cand-summary" className="visually-hidden">
          {t("elections.candidate.summary")}
        </h2>
        <p>
          {t("elections.candidate.nominatedBy")}: {t(`elections.kinds.${c.nominatedBy}`)}
        </p>
        {c.joint ? <p data-testid="cand-signatures">{t("elections.candidate.signatures", { count: c.signatures })}</p> : null}
        {c.onList === true ? <p className="alert ok">{t("elections.candidate.onList")}</p> : null}
        {c.onList === false ? <p className="alert info">{t("elections.candidate.notOnList")}</p> : null}
        {a?.ok && (a.done === "submit" || a.done === "endorse") ? <Done intent={a.done} /> : null}
        {d.viewer.signedByMe ? <p role="status">{t("elections.candidate.signed")}</p> : null}
        {d.actions.endorse ? <CandidateButtonForm intent="endorse" label={t("elections.candidate.sign")} hint={t("elections.candidate.signHint")} errors={errorsFor("endorse")} /> : null}
        {d.actions.submit ? <CandidateButtonForm intent="submit" label={t("elections.candidate.submit")} hint={t("elections.candidate.submitHint")} errors={errorsFor("submit")} /> : null}
        {!d.detail ? <p className="muted">{t("elections.candidate.restricted")}</p> : null}
      </section>
      {/* Reviewers read the declaration, the findings and the record before the forms. */}
      {d.detail ? <CandidateVetting detail={d.detail} /> : null}
      {/* The confirmation of a decision, an answer or an appeal shows where its form was. */}
      {a?.ok && a.done && a.done !== "submit" && a.done !== "endorse" ? <Done intent={a.done} /> : null}
      {d.actions.review.map((r) =>
        r.task === "decide" ? (
          <CandidateDecideForm key={`decide:${r.partyOrgId}`} partyOrgId={r.partyOrgId} orgName={r.name} errors={errorsFor(`decide:${r.partyOrgId}`)} />
        ) : (
          <CandidateAnswerForm key={`answer:${r.partyOrgId}`} partyOrgId={r.partyOrgId} orgName={r.name} errors={errorsFor(`answer:${r.partyOrgId}`)} />
        ),
      )}
      {d.actions.appeal ? <CandidateAppealForm errors={errorsFor("appeal")} /> : null}
    </>
  );
}

function Done({ intent }: { intent: string }) {
  const { t } = useTranslation();
  return (
    <p className="alert ok" role="status" data-testid="cand-done">
      {t(`elections.candidate.done.${intent}`)}
    </p>
  );
}

function isShown(form: string, actions: { submit: boolean; endorse: boolean; appeal: boolean; review: { partyOrgId: string; task: string }[] }): boolean {
  if (form === "submit") return actions.submit;
  if (form === "endorse") return actions.endorse;
  if (form === "appeal") return actions.appeal;
  return actions.review.some((r) => `${r.task}:${r.partyOrgId}` === form);
}
