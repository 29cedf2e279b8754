import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { BallotFormSchema, QUESTION_CHOICES } from "~/decisions/schema";
import { castBallot, findDecision, motionsOf, voterOptions } from "~/decisions/decisions.server";
import { formatArea, formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { shanghaiDay } from "~/platform/days";
import { FormError } from "~/ui/field";
import { formValues, parseObject } from "~/ui/form.server";
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
  const motions = await motionsOf(await getDb(), d.id);
  return {
    node: { id: node.id },
    decision: { id: d.id, title: d.title, closesAt: d.closesAt.toISOString(), open: d.status === "open" && t >= d.opensAt && t <= d.closesAt },
    motions: motions.map((m) => ({ key: m.key, title: m.title })),
    options: options.map((o) => ({ voterKey: o.voterKey, units: o.units, area: o.area, receipt: o.receipt, role: o.role, forName: o.forName })),
  };
}

type Answer =
  | { step: "review"; voter: string; choices: Record<string, string>; errors?: undefined; receipt?: undefined }
  | { step: "done"; receipt: string; errors?: undefined }
  | { step: "error"; errors: Record<string, string>; receipt?: string; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, d, options, t } = await load(request, params);
  const values = formValues(await request.formData());
  const parsed = parseObject(BallotFormSchema, values);
  if (!parsed.ok) return data<Answer>({ step: "error", errors: parsed.errors, values }, { status: 400 });
  const option = options.find((o) => o.voterKey === parsed.data.voter);
  // Someone not on the roll (or not the voter's nominated co-owner, proxy or guardian) is refused.
  if (!option) return data<Answer>({ step: "error", errors: { _form: "decisions.errors.notOnRoll" }, values }, { status: 400 });
  if (parsed.data.intent === "review") {
    if (option.receipt) return data<Answer>({ step: "error", errors: { _form: "decisions.errors.alreadyVoted" }, receipt: option.receipt, values }, { status: 400 });
    return data<Answer>({ step: "review", voter: parsed.data.voter, choices: parsed.data.choices });
  }
  const r = await castBallot(await getDb(), { id: actor.user.id, name: actor.user.name }, node.id, d.id, { voterKey: option.voterKey, choices: parsed.data.choices }, t, {
    role: option.role, castById: option.castById, channel: option.channel,
  });
  if (!r.ok) return data<Answer>({ step: "error", errors: { _form: r.error }, receipt: r.receipt, values }, { status: 400 });
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
            {Object.entries(a.choices).map(([k, v]) => (
              <li key={k}>
                <input type="hidden" name={`c_${k}`} value={v} />
                {titleOf.get(k)}: <strong>{t(`decisions.choice.${v as "yes"}`)}</strong>
              </li>
            ))}
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
          {d.motions.map((m, i) => (
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
          ))}
          <button type="submit" className="btn">
            {t("decisions.review")}
          </button>
        </Form>
      )}
    </div>
  );
}
