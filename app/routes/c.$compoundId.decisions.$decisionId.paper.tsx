import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { PaperBallotSchema, QUESTION_CHOICES } from "~/decisions/schema";
import { findDecision } from "~/decisions/decisions.server";
import { ballotMotions } from "~/decisions/election-motion.server";
import { enterPaperBallot, voterByCode } from "~/decisions/paper.server";
import { nonVoters } from "~/decisions/turnout.server";
import { checkFile, parseUploadForm, storeFiles, type CheckedFile } from "~/platform/files.server";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { Field, FormError, SelectField } from "~/ui/field";
import { parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("turnout.paper");

async function load(request: Request, params: { compoundId?: string; decisionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const d = await findDecision(await getDb(), node.id, params.decisionId ?? "");
  if (!d || !d.headerCanonical) throw notFound();
  return { actor, node, d };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, d } = await load(request, params);
  const db = await getDb();
  const t = now();
  const [motions, waiting] = await Promise.all([ballotMotions(db, d.id), nonVoters(db, d)]);
  return {
    node: { id: node.id },
    decision: { id: d.id, title: d.title, countingClosesAt: d.countingClosesAt.toISOString(), accepting: d.status === "open" && t >= d.opensAt && t <= d.countingClosesAt },
    motions,
    voters: waiting.map((w) => ({ value: w.voterKey, label: `${w.units.join("、")} ${w.developer ? "" : w.owners.join("、")}` })),
  };
}

type Answer = { ok: true; seq: number; receipt: string } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, d } = await load(request, params);
  const form = await parseUploadForm(request, "scan");
  if (!form.ok) return data<Answer>({ ok: false, errors: { scan: form.error }, values: {} }, { status: 400 });
  const parsed = parseObject(PaperBallotSchema, form.fields);
  if (!parsed.ok) return data<Answer>({ ok: false, errors: parsed.errors, values: form.fields }, { status: 400 });
  const db = await getDb();
  const voterKey = parsed.data.code ? await voterByCode(db, d, parsed.data.code) : parsed.data.voter!;
  if (!voterKey) return data<Answer>({ ok: false, errors: { code: "turnout.errors.codeUnknown" }, values: form.fields }, { status: 400 });
  if (form.files.length === 0) return data<Answer>({ ok: false, errors: { scan: "turnout.errors.scanRequired" }, values: form.fields }, { status: 400 });
  const scan = await checkFile(form.files[0]);
  if ("error" in scan) return data<Answer>({ ok: false, errors: { scan: scan.error }, values: form.fields }, { status: 400 });
  const t = now();
  // The ballot and its scan are kept together, or neither.
  const r = await db.transaction(async (tx) => {
    const cast = await enterPaperBallot(tx, { id: actor.user.id, name: actor.user.name }, d, voterKey, parsed.data.choices, t);
    if (cast.ok) await storeFiles(tx, { compoundId: node.id, ownerKind: "ballot", ownerId: cast.ballotId, createdBy: actor.user.id }, [scan as CheckedFile], t);
    return cast;
  });
  if (!r.ok) return data<Answer>({ ok: false, errors: { [r.field ?? "_form"]: r.error === "decisions.errors.closed" ? "turnout.errors.countingOver" : r.error }, values: form.fields }, { status: 400 });
  return data<Answer>({ ok: true, seq: r.seq, receipt: r.receipt });
}

export default function PaperBallots() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>() as Answer | undefined;
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const errors = a && !a.ok ? a.errors : undefined;
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}/decisions/${d.decision.id}`}>← {d.decision.title}</Link>
      </p>
      <h1>{t("turnout.paper")}</h1>
      <p className="muted">{t("turnout.paperHint")}</p>
      <p>{t("turnout.paperUntil", { at: formatDateTime(d.decision.countingClosesAt, locale) })}</p>
      {a?.ok ? (
        <p className="alert" role="status">
          {t("turnout.entered", { seq: a.seq, receipt: a.receipt })}
        </p>
      ) : null}
      <FormError message={errors?._form} />
      {!d.decision.accepting ? (
        <p>{t("turnout.errors.countingOver")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack" key={a?.ok ? a.receipt : "form"}>
          <Field label={t("turnout.code")} name="code" hint={t("turnout.codeHint")} autoComplete="off" autoCapitalize="characters" error={errors?.code} />
          <SelectField label={t("turnout.orVoter")} name="voter" options={[{ value: "", label: t("turnout.chooseVoter") }, ...d.voters]} />
          {d.motions.map((m, i) =>
            m.kind === "election" ? (
              // One box per candidate, as marked on the paper (e_<motion>.<candidate>); more than the seats is refused.
              <fieldset key={m.key} data-testid={`election-${m.key}`}>
                <legend>
                  {i + 1}. {m.title}
                </legend>
                <p className="muted">{t("decisions.election.chooseUpTo", { n: m.seats ?? 0 })}</p>
                {m.candidates.map((c) => (
                  <label key={c.key} className="choice">
                    <input type="checkbox" name={`e_${m.key}.${c.key}`} value="on" /> {c.name}
                  </label>
                ))}
                <label className="choice">
                  <input type="checkbox" name={`e_${m.key}.abstain`} value="on" /> {t("decisions.election.abstain")}
                </label>
                {errors?.[`e_${m.key}`] ? (
                  <span className="error" role="alert">
                    {t(errors[`e_${m.key}`])}
                  </span>
                ) : null}
              </fieldset>
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
            </fieldset>
            ),
          )}
          <Field label={t("turnout.scan")} name="scan" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" error={errors?.scan} />
          <button type="submit" className="btn">
            {t("turnout.enter")}
          </button>
        </Form>
      )}
    </div>
  );
}
