import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { BallotFormSchema, QUESTION_CHOICES, ballotFormValues, electionFieldValue, type Choice } from "~/decisions/schema";
import { castBallot, findDecision, voterOptions } from "~/decisions/decisions.server";
import { ballotChoiceProblem, ballotMotions, type BallotMotion } from "~/decisions/election-motion.server";
import { formatArea, formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { shanghaiDay } from "~/platform/days";
import { FormError } from "~/ui/field";
import { parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("decisions.vote");

async function load(request: Request, params: { compoundId?: string; decisionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:vote", ["compound"]);
  const db = await getDb();
  const d = await findDecision(db, node.id, params.decisionId ?? "");
  if (!d || d.status === "draft") throw notFound();
  const t = now();
  const options = await voterOptions(db, d, actor.user.id, shanghaiDay(t));
  return { actor, node, d, options, t };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, d, options, t } = await load(request, params);
  const motions = await ballotMotions(await getDb(), d.id);
  return {
    node: { id: node.id },
    decision: { id: d.id, title: d.title, closesAt: d.closesAt.toISOString(), open: d.status === "open" && t >= d.opensAt && t <= d.closesAt },
    motions,
    options: options.map((o) => ({ voterKey: o.voterKey, units: o.units, area: o.area, receipt: o.receipt, role: o.role, forName: o.forName })),
  };
}

type Answer =
  | { step: "review"; voter: string; choices: Record<string, Choice>; errors?: undefined; receipt?: undefined }
  | { step: "done"; receipt: string; errors?: undefined }
  | { step: "error"; errors: Record<string, string>; receipt?: string; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, d, options, t } = await load(request, params);
  // Several boxes of one election are one `e_<motion>` value (candidate keys joined by commas).
  const values = ballotFormValues(await request.formData());
  const parsed = parseObject(BallotFormSchema, values);
  if (!parsed.ok) return data<Answer>({ step: "error", errors: parsed.errors, values }, { status: 400 });
  const option = options.find((o) => o.voterKey === parsed.data.voter);
  // Someone not on the roll (or not the voter's nominated co-owner, proxy or guardian) is refused.
  if (!option) return data<Answer>({ step: "error", errors: { _form: "decisions.errors.notOnRoll" }, values }, { status: 400 });
  if (parsed.data.intent === "review") {
    if (option.receipt) return data<Answer>({ step: "error", errors: { _form: "decisions.errors.alreadyVoted" }, receipt: option.receipt, values }, { status: 400 });
    // The server-side limit (too many names, repeated or unknown), next to the motion's field, before the review.
    const problem = await ballotChoiceProblem(await getDb(), d.id, parsed.data.choices);
    if (problem) return data<Answer>({ step: "error", errors: { [problem.field]: problem.error }, values }, { status: 400 });
    return data<Answer>({ step: "review", voter: parsed.data.voter, choices: parsed.data.choices });
  }
  const r = await castBallot(await getDb(), { id: actor.user.id, name: actor.user.name }, node.id, d.id, { voterKey: option.voterKey, choices: parsed.data.choices }, t, {
    role: option.role, castById: option.castById, channel: option.channel,
  });
  if (!r.ok) return data<Answer>({ step: "error", errors: { [r.field ?? "_form"]: r.error }, receipt: r.receipt, values }, { status: 400 });
  return data<Answer>({ step: "done", receipt: r.receipt });
}

export default function Vote() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as Answer | undefined;
  const nav = useNavigation();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const back = `/c/${d.node.id}/decisions/${d.decision.id}`;
  const titleOf = new Map(d.motions.map((m) => [m.key, m.title]));
  const nameOf = new Map(d.motions.flatMap((m) => m.candidates.map((c) => [`${m.key}.${c.key}`, c.name] as const)));
  const votable = d.options.filter((o) => !o.receipt);

  if (a?.step === "done") {
    return (
      <div className="card narrow" role="status">
        <h1>{t("decisions.voteTitle", { title: d.decision.title })}</h1>
        <p className="big">
          <strong className="mono" data-testid="receipt">
            {t("decisions.receipt", { receipt: a.receipt })}
          </strong>
        </p>
        <p>{t("decisions.receiptHint")}</p>
        <p>
          <Link to={back}>← {d.decision.title}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="card narrow">
      <p>
        <Link to={back}>← {d.decision.title}</Link>
      </p>
      <h1>{t("decisions.voteTitle", { title: d.decision.title })}</h1>
      <p className="alert">{t("decisions.privacy")}</p>
      <FormError message={a?.step === "error" ? a.errors._form : undefined} />
      {a?.step === "error" && a.receipt ? <p>{t("decisions.alreadyVoted", { receipt: a.receipt })}</p> : null}
      {d.options.filter((o) => o.receipt).map((o) => (
        <p key={o.voterKey}>
          {t("decisions.voterUnits", { units: o.units.join("、"), area: formatArea(BigInt(o.area), locale) })}: <strong className="mono">{t("decisions.alreadyVoted", { receipt: o.receipt })}</strong>
        </p>
      ))}
      {!d.decision.open ? (
        <p>{t("decisions.notOpen")}</p>
      ) : d.options.length === 0 ? (
        <p>{t("decisions.nothingToVote")}</p>
      ) : a?.step === "review" ? (
        <Form method="post" className="stack">
          <h2>{t("decisions.confirmTitle")}</h2>
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="voter" value={a.voter} />
          <ul>
            {Object.entries(a.choices).map(([k, v]) =>
              Array.isArray(v) ? (
                <li key={k}>
                  <input type="hidden" name={`e_${k}`} value={electionFieldValue(v)} />
                  {titleOf.get(k)}: <strong>{v.length ? v.map((c) => nameOf.get(`${k}.${c}`) ?? c).join("、") : t("decisions.election.abstained")}</strong>
                </li>
              ) : (
                <li key={k}>
                  <input type="hidden" name={`c_${k}`} value={v} />
                  {titleOf.get(k)}: <strong>{t(`decisions.choice.${v as "yes"}`)}</strong>
                </li>
              ),
            )}
          </ul>
          <p className="muted">{t("decisions.closesAt", { at: formatDateTime(d.decision.closesAt, locale) })}</p>
          <div className="actions">
            <button type="submit" className="btn" disabled={nav.state !== "idle"}>
              {t("decisions.confirm")}
            </button>
            <Link className="btn secondary" to=".">
              {t("decisions.back")}
            </Link>
          </div>
        </Form>
      ) : votable.length === 0 ? null : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="review" />
          <fieldset>
            <legend>{t("decisions.chooseVoter")}</legend>
            {votable.map((o, i) => (
              <label key={o.voterKey} className="choice">
                <input type="radio" name="voter" value={o.voterKey} defaultChecked={i === 0} />{" "}
                {o.forName ? `${t("decisions.proxyFor", { name: o.forName })}: ` : ""}
                {t("decisions.voterUnits", { units: o.units.join("、"), area: formatArea(BigInt(o.area), locale) })}
              </label>
            ))}
          </fieldset>
          {d.motions.map((m, i) =>
            m.kind === "election" ? (
              <ElectionChoices key={m.key} n={i + 1} motion={m} error={a?.step === "error" ? a.errors[`e_${m.key}`] : undefined} />
            ) : (
            <fieldset key={m.key}>
              <legend>
                {i + 1}. {m.title}
              </legend>
              {[...QUESTION_CHOICES, ""].map((c) => (
                <label key={c || "skip"} className="choice">
                  <input type="radio" name={`c_${m.key}`} value={c} defaultChecked={c === ""} /> {t(`decisions.choice.${(c || "skip") as "yes"}`)}
                </label>
              ))}
              {a?.step === "error" && a.errors[`c_${m.key}`] ? (
                <span className="error" role="alert">
                  {t(a.errors[`c_${m.key}`])}
                </span>
              ) : null}
            </fieldset>
            ),
          )}
          <button type="submit" className="btn">
            {t("decisions.review")}
          </button>
        </Form>
      )}
    </div>
  );
}

/**
 * An election on the ballot: one box per candidate, at most `seats` of them (the other boxes are disabled once
 * that many are ticked; the server refuses more anyway), or "abstain"; nothing ticked = not taking part.
 */
function ElectionChoices({ n, motion, error }: { n: number; motion: BallotMotion; error?: string }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const [abstain, setAbstain] = useState(false);
  const seats = motion.seats ?? 0;
  const full = chosen.length >= seats;
  const errorId = `e-${motion.key}-error`;
  return (
    <fieldset data-testid={`election-${motion.key}`} aria-describedby={error ? errorId : undefined}>
      <legend>
        {n}. {motion.title}
      </legend>
      <p className="muted" aria-live="polite">
        {t("decisions.election.chooseUpTo", { n: seats })} ({chosen.length}/{seats})
      </p>
      {motion.candidates.map((c) => (
        <label key={c.key} className="choice">
          <input
            type="checkbox"
            name={`e_${motion.key}`}
            value={c.key}
            checked={chosen.includes(c.key)}
            disabled={abstain || (full && !chosen.includes(c.key))}
            onChange={(e) => setChosen((xs) => (e.target.checked ? (xs.length < seats ? [...xs, c.key] : xs) : xs.filter((x) => x !== c.key)))}
          />{" "}
          {c.name}
        </label>
      ))}
      <label className="choice">
        <input
          type="checkbox"
          name={`e_${motion.key}`}
          value="abstain"
          checked={abstain}
          disabled={chosen.length > 0}
          onChange={(e) => setAbstain(e.target.checked)}
        />{" "}
        {t("decisions.election.abstain")}
      </label>
      {error ? (
        <span className="error" id={errorId} role="alert">
          {t(error)}
        </span>
      ) : null}
    </fieldset>
  );
}
