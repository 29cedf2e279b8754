import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { closeDecision, findDecision, openVoting, publishDecisionNotice, removeMotion } from "~/decisions/decisions.server";
import { decisionHub } from "~/decisions/pages.server";
import { formCommittee } from "~/committees/committees.server";
import { electionFollowUps, startRunOff } from "~/committees/outcome.server";
import { ElectionFollowUp } from "~/committees/components/election-follow-up";
import { formatArea, formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { FormError } from "~/ui/field";
import { parseForm } from "~/ui/form.server";
import { titledBy } from "~/ui/meta";

export const meta = titledBy<{ decision: { title: string } }>((d) => d?.decision.title);

async function load(request: Request, params: { compoundId?: string; decisionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:view", ["compound"]);
  const organise = can(actor.grants, "decision:organise", node.path);
  const d = await findDecision(await getDb(), node.id, params.decisionId ?? "");
  // A draft is the organiser's own: to anyone else it does not exist.
  if (!d || (d.status === "draft" && !organise)) throw notFound();
  return { actor, node, organise, d };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node, organise, d } = await load(request, params);
  const db = await getDb();
  const hub = await decisionHub(db, d, { userId: actor.user.id, organise }, now());
  return {
    node: { id: node.id, name: node.name },
    organise,
    electionOrganise: can(actor.grants, "election:organise", node.path),
    followUps: d.status === "closed" ? await electionFollowUps(db, node.id, d.id) : [],
    record: can(actor.grants, "decision:record", node.path),
    labels: can(actor.grants, "decision:labels", node.path),
    ...hub,
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("open") }),
  z.object({ intent: z.literal("close") }),
  z.object({ intent: z.literal("removeMotion"), motionId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("formCommittee"), motionId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("runoff"), motionId: z.string().min(1).max(64) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const db = await getDb();
  const d = await findDecision(db, node.id, params.decisionId ?? "");
  if (!d) throw notFound();
  const parsed = await parseForm(request, ActionSchema);
  if (!parsed.ok) return data({ errors: { _form: "errors.invalid" } as Record<string, string>, earliest: undefined as string | undefined }, { status: 400 });
  const who = auditActor(actor);
  const t = now();
  const f = parsed.data;
  // Forming the committee and starting a run-off belong to whoever organises the election (the preparatory group, the street office).
  if (f.intent === "formCommittee" || f.intent === "runoff") {
    if (!can(actor.grants, "election:organise", node.path)) throw notFound();
    if (f.intent === "formCommittee") {
      const r = await formCommittee(db, who, node.id, d.id, f.motionId, t);
      if (!r.ok) return data({ errors: r.errors, earliest: undefined }, { status: 400 });
      throw redirect(`/c/${node.id}/committee?done=formed`, { status: 303 });
    }
    const r = await startRunOff(db, who, node.id, f.motionId, t);
    if (!r.ok) return data({ errors: r.errors, earliest: undefined }, { status: 400 });
    throw redirect(`/c/${node.id}/decisions/${r.decisionId}`, { status: 303 });
  }
  const r =
    f.intent === "publish" ? await publishDecisionNotice(db, who, node.id, d.id, t)
    : f.intent === "open" ? await openVoting(db, who, node.id, d.id, t)
    : f.intent === "close" ? await closeDecision(db, who, node.id, d.id, t)
    : await removeMotion(db, who, node.id, d.id, f.motionId, t);
  if (!r.ok) return data({ errors: r.errors, earliest: r.earliest }, { status: 400 });
  throw redirect(`/c/${node.id}/decisions/${d.id}`, { status: 303 });
}

function Count({ c, locale }: { c: { heads: number; area: number | bigint | string }; locale: Locale }) {
  return (
    <>
      {c.heads} / {formatArea(BigInt(c.area), locale)}
    </>
  );
}

export default function DecisionHub() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const dec = d.decision;
  const base = `/c/${d.node.id}/decisions/${dec.id}`;
  const editable = d.organise && (dec.status === "draft" || dec.status === "noticed");
  const titleOf = new Map(d.motions.map((m) => [m.key, m.title]));
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/decisions`}>← {t("decisions.list")}</Link>
      </p>
      <h1>
        {dec.title} <span className="tag">{t(`decisions.statuses.${dec.status}`)}</span>
      </h1>
      <section className="card" aria-label={t("decisions.status")}>
        <p>
          {t(`decisions.forms.${dec.form}`)} · {dec.building ? t("decisions.scopeBuilding", { name: dec.building }) : t("decisions.scopeCompound")}
          <br />
          {t("decisions.window", { opens: formatDateTime(dec.opensAt, locale), closes: formatDateTime(dec.closesAt, locale) })}
          {dec.noticedAt ? (
            <>
              <br />
              {t("decisions.noticedAt", { at: formatDateTime(dec.noticedAt, locale) })}
              {dec.noticeId ? (
                <>
                  {" "}
                  <Link to={`/c/${d.node.id}/notices/${dec.noticeId}`}>{t("decisions.viewNotice")}</Link>
                </>
              ) : null}
            </>
          ) : null}
          {dec.earliest && dec.status === "noticed" ? (
            <>
              <br />
              {t("decisions.earliestOpen", { at: formatDateTime(dec.earliest, locale) })}
            </>
          ) : null}
          {dec.deadline ? (
            <>
              <br />
              {t("decisions.resultDeadline", { at: formatDateTime(dec.deadline, locale) })}
            </>
          ) : null}
        </p>
        <p className="muted">{t("decisions.quorumWords")}</p>
        <FormError message={a?.errors?._form ?? a?.errors?.opensOn} />
        {a?.earliest ? <p className="alert">{t("decisions.earliestOpen", { at: formatDateTime(a.earliest, locale) })}</p> : null}
        <div className="actions">
          {dec.status === "noticed" || dec.status === "open" || dec.status === "closed" ? (
            <Link className="btn secondary" to={`${base}/roll`}>
              {t("decisions.roll")}
            </Link>
          ) : null}
          {d.organise && (dec.status === "open" || dec.status === "closed") ? (
            <Link className="btn secondary" to={`${base}/turnout`}>
              {t("turnout.link")}
            </Link>
          ) : null}
          {d.organise && dec.status === "open" ? (
            <Link className="btn secondary" to={`${base}/paper`}>
              {t("turnout.paper")}
            </Link>
          ) : null}
          {d.organise && dec.status !== "closed" ? (
            <Link className="btn secondary" to={`${base}/proxies`}>
              {t("decisions.proxies")}
            </Link>
          ) : null}
          {editable ? (
            <Link className="btn secondary" to={`${base}/edit`}>
              {t("decisions.edit")}
            </Link>
          ) : null}
        </div>
        {d.organise ? (
          <>
            <p className="actions">
              <a className="btn secondary" href={`${base}/notice.pdf`} download>
                {t("decisions.pdf.printNotice")}
              </a>
              <a className="btn secondary" href={`${base}/roll.pdf`} download>
                {t("decisions.pdf.printRoll")}
              </a>
              {dec.status === "open" ? (
                <a className="btn secondary" href={`${base}/ballots.pdf`} download>
                  {t("decisions.pdf.printBallots")}
                </a>
              ) : null}
            </p>
            {d.buildings.length > 1 ? (
              <form method="get" action={`${base}/roll.pdf`} className="actions">
                <label htmlFor="print-building">{t("turnout.building")}</label>
                <select id="print-building" name="building" style={{ width: "auto" }}>
                  {d.buildings.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </select>
                <button type="submit" className="btn small secondary">
                  {t("decisions.pdf.printRoll")}
                </button>
                {dec.status === "open" ? (
                  <button type="submit" className="btn small secondary" formAction={`${base}/ballots.pdf`}>
                    {t("decisions.pdf.printBallots")}
                  </button>
                ) : null}
              </form>
            ) : null}
            <p className="muted">{t("decisions.pdf.printHint")}</p>
          </>
        ) : null}
        {d.organise && dec.status === "draft" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="btn">
              {t("decisions.publishNotice")}
            </button>
          </Form>
        ) : null}
        {d.organise && dec.status === "noticed" ? (
          <Form method="post">
            <p className="muted">{t("decisions.openHint")}</p>
            {d.openObjections > 0 ? <p className="alert">{t("decisions.errors.objectionsOpen")}</p> : null}
            <input type="hidden" name="intent" value="open" />
            <button type="submit" className="btn">
              {t("decisions.openVoting")}
            </button>
          </Form>
        ) : null}
        {d.turnout ? (
          <p>
            {t("decisions.turnout", {
              heads: d.turnout.cast.heads, totalHeads: d.turnout.total.heads,
              area: formatArea(BigInt(d.turnout.cast.area), locale), totalArea: formatArea(BigInt(d.turnout.total.area), locale),
            })}
          </p>
        ) : null}
        {d.organise && dec.status === "open" ? (
          <Form method="post">
            {dec.deadline ? <p className="muted">{t("decisions.closeHint", { deadline: formatDateTime(dec.deadline, locale) })}</p> : null}
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="btn">
              {t("decisions.closeVoting")}
            </button>
          </Form>
        ) : null}
        {dec.votingNow ? (
          <p>
            <Link className="btn" to={`${base}/vote`}>
              {t("decisions.vote")}
            </Link>
          </p>
        ) : null}
        {d.myVoters.filter((v) => v.receipt).map((v) => (
          <p key={v.receipt}>
            {v.units.join("、")}: <strong>{t("decisions.alreadyVoted", { receipt: v.receipt })}</strong>
          </p>
        ))}
      </section>

      {editable && dec.status === "noticed" ? <p className="alert">{t("decisions.agendaChangeWarning")}</p> : null}
      <h2>{t("decisions.motions")}</h2>
      {d.motions.length === 0 ? <p className="muted">{t("decisions.noMotions")}</p> : null}
      {d.motions.map((m, i) => (
        <section className="card" key={m.id} aria-label={m.title}>
          <h3>
            {i + 1}. {m.title}
          </h3>
          <p className="muted">
            {t(`decisions.categories.${m.category}` as "decisions.categories.1")} · {t(m.threshold === "special" ? "decisions.thresholdSpecial" : "decisions.thresholdOrdinary")}
          </p>
          <p style={{ whiteSpace: "pre-wrap" }}>{m.text}</p>
          {m.kind === "election" ? (
            <>
              <p>{t("decisions.election.figures", { seats: m.seats, minSeats: m.minSeats, alternates: m.alternates })}</p>
              <ol data-testid={`candidates-${m.key}`}>
                {m.candidates.map((c) => (
                  <li key={c.key}>{c.name}</li>
                ))}
              </ol>
            </>
          ) : null}
          {m.attachments.length ? (
            <ul>
              {m.attachments.map((f) => (
                <li key={f.id}>
                  <a href={`/c/${d.node.id}/files/${f.id}`}>{f.displayName}</a> <span className="muted">({Math.ceil(f.size / 1024)} KB)</span>
                </li>
              ))}
            </ul>
          ) : null}
          {editable ? (
            <Form method="post">
              <input type="hidden" name="intent" value="removeMotion" />
              <input type="hidden" name="motionId" value={m.id} />
              <button type="submit" className="btn small secondary">
                {t("decisions.removeMotion", { title: m.title })}
              </button>
            </Form>
          ) : null}
        </section>
      ))}
      {editable ? (
        <p>
          <Link className="btn" to={`${base}/motions/new`}>
            {t("decisions.addMotion")}
          </Link>
        </p>
      ) : null}

      {d.result ? (
        <section aria-labelledby="results">
          <h2 id="results">{t("decisions.results")}</h2>
          <p>
            <strong>{d.result.ok ? t("decisions.recordOk") : t("decisions.recordErrors", { n: d.result.errors.length })}</strong>
          </p>
          {d.result.motions.some((m) => m.kind === "question") ? (
          <div className="table-wrap" role="region" aria-label={t("decisions.results")} tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("decisions.motion")}</th>
                  <th scope="col">{t("decisions.total")}</th>
                  <th scope="col">{t("decisions.participating")}</th>
                  <th scope="col">{t("decisions.yes")}</th>
                  <th scope="col">{t("decisions.no")}</th>
                  <th scope="col">{t("decisions.abstain")}</th>
                  <th scope="col">{t("decisions.quorum")}</th>
                  <th scope="col">{t("decisions.threshold")}</th>
                  <th scope="col">{t("decisions.passed")}</th>
                </tr>
              </thead>
              <tbody>
                {d.result.motions.map((m) =>
                  m.kind === "question" ? (
                    <tr key={m.id} data-motion={m.id}>
                      <th scope="row">{titleOf.get(m.id) ?? m.id}</th>
                      <td><Count c={m.total} locale={locale} /></td>
                      <td><Count c={m.participating} locale={locale} /></td>
                      <td><Count c={m.yes} locale={locale} /></td>
                      <td><Count c={m.no} locale={locale} /></td>
                      <td><Count c={m.abstain} locale={locale} /></td>
                      <td>{m.quorum ? "✓" : "✗"}</td>
                      <td>{t(`decisions.thresholds.${m.threshold}`)}</td>
                      <td>
                        <strong>{m.passed ? t("decisions.passed") : t("decisions.failed")}</strong>
                      </td>
                    </tr>
                  ) : null,
                )}
              </tbody>
            </table>
          </div>
          ) : null}
          <p className="muted">{t("decisions.heads")} / {t("decisions.area")}</p>
          {d.result.motions.map((m) => {
            if (m.kind !== "election") return null;
            const motion = d.motions.find((x) => x.key === m.id);
            const nameOf = new Map((motion?.candidates ?? []).map((c) => [c.key, c.name]));
            const seats = motion?.seats ?? 0;
            const needed = Math.max(motion?.minSeats ?? 0, Math.floor(seats / 2) + 1);
            const status = (c: string) =>
              m.elected.includes(c) ? "elected" : m.alternates.includes(c) ? "alternate" : m.tie.includes(c) ? "tie" : null;
            return (
              <section key={m.id} data-motion={m.id} aria-label={titleOf.get(m.id) ?? m.id}>
                <h3>{titleOf.get(m.id) ?? m.id}</h3>
                <p>
                  <strong data-testid={`formed-${m.id}`}>{m.formed ? t("decisions.election.formed") : t("decisions.election.notFormed")}</strong>
                  {m.formed ? null : (
                    <>
                      {" "}
                      {m.tie.length
                        ? t("decisions.election.reasonTie")
                        : !m.quorum
                          ? t("decisions.election.reasonQuorum")
                          : t("decisions.election.reasonTooFew", { elected: m.elected.length, needed })}
                    </>
                  )}
                </p>
                <p className="muted">
                  {t("decisions.total")}: <Count c={m.total} locale={locale} /> · {t("decisions.participating")}: <Count c={m.participating} locale={locale} /> ·{" "}
                  {t("decisions.election.abstained")}: <Count c={m.abstain} locale={locale} /> · {t("decisions.quorum")}: {m.quorum ? "✓" : "✗"}
                </p>
                <div className="table-wrap" role="region" aria-label={titleOf.get(m.id) ?? m.id} tabIndex={0}>
                  <table className="data">
                    <thead>
                      <tr>
                        <th scope="col">{t("decisions.election.candidate")}</th>
                        <th scope="col">{t("decisions.election.yes")}</th>
                        <th scope="col">{t("decisions.election.reached")}</th>
                        <th scope="col">{t("decisions.election.elected")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.candidates.map((c) => {
                        const st = status(c.id);
                        return (
                          <tr key={c.id} data-candidate={c.id}>
                            <th scope="row">{nameOf.get(c.id) ?? c.id}</th>
                            <td><Count c={c.yes} locale={locale} /></td>
                            <td>{c.reached ? "✓" : "✗"}</td>
                            <td>{st ? <strong>{t(`decisions.election.${st}`)}</strong> : "—"}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                <ElectionFollowUp compoundId={d.node.id} followUp={d.followUps.find((x) => x.motionId === motion?.id)} canAct={d.electionOrganise} error={a?.errors?.motionId} />
              </section>
            );
          })}
          <p className="mono" style={{ overflowWrap: "anywhere" }}>
            {t("decisions.genesis", { hash: d.result.genesis })}
            <br />
            {t("decisions.chainHead", { hash: d.result.chainHead })}
          </p>
          <p className="actions">
            {d.record ? (
              <a className="btn" href={`${base}/record`} download>
                {t("decisions.downloadRecord")}
              </a>
            ) : null}
            {d.labels ? (
              <a className="btn secondary" href={`${base}/labels`} download>
                {t("decisions.downloadLabels")}
              </a>
            ) : null}
          </p>
          <p className="muted">{t("decisions.receiptHint")} {t("decisions.verifyHint")}</p>
        </section>
      ) : dec.genesis ? (
        <p className="mono" style={{ overflowWrap: "anywhere" }}>
          {t("decisions.genesis", { hash: dec.genesis })}
          <br />
          {t("decisions.chainHead", { hash: dec.chainHead })}
        </p>
      ) : null}
    </>
  );
}
