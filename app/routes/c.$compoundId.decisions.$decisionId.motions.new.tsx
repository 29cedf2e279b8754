import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { MotionFormSchema } from "~/decisions/schema";
import { addMotion, findDecision } from "~/decisions/decisions.server";
import { addElectionMotion } from "~/decisions/election-motion.server";
import { thresholdFor } from "~/decisions/rules";
import { checkFile, parseUploadForm, storeFiles, type CheckedFile } from "~/platform/files.server";
import { badRequest, parseObject } from "~/ui/form.server";
import { Field, FormError, SelectField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { titled } from "~/ui/meta";

export const meta = titled("decisions.addMotion");

async function load(request: Request, params: { compoundId?: string; decisionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const d = await findDecision(await getDb(), node.id, params.decisionId ?? "");
  if (!d) throw notFound();
  return { actor, node, d };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, d } = await load(request, params);
  return { node: { id: node.id }, decision: { id: d.id, title: d.title, noticed: d.status === "noticed" } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, d } = await load(request, params);
  const form = await parseUploadForm(request, "attachments");
  if (!form.ok) return badRequest({ attachments: form.error });
  const parsed = parseObject(MotionFormSchema, form.fields);
  if (!parsed.ok) return badRequest(parsed.errors, form.fields);
  const checked = await Promise.all(form.files.slice(0, 10).map(checkFile));
  const bad = checked.find((c) => "error" in c);
  if (bad && "error" in bad) return badRequest({ attachments: bad.error }, form.fields);
  const db = await getDb();
  const t = now();
  // The motion and its attachments are added together.
  const r = await db.transaction(async (tx) => {
    const m = parsed.data;
    const added =
      m.kind === "election"
        ? await addElectionMotion(tx, auditActor(actor), node.id, d.id, m, t)
        : await addMotion(tx, auditActor(actor), node.id, d.id, { title: m.title, category: m.category, text: m.text }, t);
    if (added.ok) await storeFiles(tx, { compoundId: node.id, ownerKind: "motion", ownerId: added.motionId, createdBy: actor.user.id }, checked as CheckedFile[], t);
    return added;
  });
  if (!r.ok) return badRequest(r.errors, form.fields);
  throw redirect(`/c/${node.id}/decisions/${d.id}`, { status: 303 });
}

export default function NewMotion() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = a?.errors as Record<string, string> | undefined;
  const { register, onSubmit, errorOf, watch } = useValidatedForm(MotionFormSchema, errors);
  const kind = (watch("kind") ?? a?.values?.kind ?? "question") === "election" ? "election" : "question";
  const category = kind === "election" ? 3 : Number(watch("category") ?? a?.values?.category ?? 0);
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}/decisions/${d.decision.id}`}>← {d.decision.title}</Link>
      </p>
      <h1>{t("decisions.addMotion")}</h1>
      {d.decision.noticed ? <p className="alert">{t("decisions.agendaChangeWarning")}</p> : null}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={onSubmit}>
        <FormError message={errors?._form} />
        <Field label={t("decisions.motionTitle")} defaultValue={a?.values?.title} {...register("title")} error={errorOf("title")} />
        <SelectField
          label={t("decisions.election.kind")}
          defaultValue={a?.values?.kind ?? "question"}
          {...register("kind")}
          options={(["question", "election"] as const).map((k) => ({ value: k, label: t(`decisions.election.kinds.${k}`) }))}
        />
        {kind === "election" ? (
          <>
            <Field label={t("decisions.election.seats")} type="number" min={1} inputMode="numeric" defaultValue={a?.values?.seats} {...register("seats")} error={errorOf("seats")} />
            <Field label={t("decisions.election.minSeats")} type="number" min={1} inputMode="numeric" defaultValue={a?.values?.minSeats} {...register("minSeats")} error={errorOf("minSeats")} />
            <Field
              label={t("decisions.election.alternates")}
              type="number"
              min={0}
              inputMode="numeric"
              defaultValue={a?.values?.alternates}
              hint={t("decisions.election.alternatesHint")}
              {...register("alternates")}
              error={errorOf("alternates")}
            />
            <div className="field">
              <label htmlFor="f-candidates">{t("decisions.election.candidates")}</label>
              <textarea
                id="f-candidates"
                rows={8}
                defaultValue={a?.values?.candidates}
                {...register("candidates")}
                aria-invalid={errorOf("candidates") ? true : undefined}
                aria-describedby={errorOf("candidates") ? "f-candidates-error" : "f-candidates-hint"}
              />
              <span className="hint" id="f-candidates-hint">
                {t("decisions.election.candidatesHint")}
              </span>
              {errorOf("candidates") ? (
                <span className="error" id="f-candidates-error" role="alert">
                  {t(errorOf("candidates")!)}
                </span>
              ) : null}
            </div>
          </>
        ) : (
        <SelectField
          label={t("decisions.category")}
          defaultValue={a?.values?.category ?? ""}
          {...register("category")}
          error={errorOf("category")}
          options={[{ value: "", label: "—" }, ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: String(n), label: `${n}. ${t(`decisions.categories.${n}` as "decisions.categories.1")}` }))]}
        />
        )}
        {category >= 1 && category <= 9 ? (
          <p className="muted" aria-live="polite">
            {t(thresholdFor(category) === "special" ? "decisions.thresholdSpecial" : "decisions.thresholdOrdinary")}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="f-text">{t("decisions.motionText")}</label>
          <textarea id="f-text" rows={8} defaultValue={a?.values?.text} {...register("text")} aria-invalid={errorOf("text") ? true : undefined} aria-describedby={errorOf("text") ? "f-text-error" : undefined} />
          {errorOf("text") ? (
            <span className="error" id="f-text-error" role="alert">
              {t(errorOf("text")!)}
            </span>
          ) : null}
        </div>
        <Field
          label={t("decisions.attachments")}
          name="attachments"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,application/pdf"
          hint={t("decisions.attachmentsHint")}
          error={errors?.attachments}
        />
        <button type="submit" className="btn">
          {t("decisions.addMotion")}
        </button>
      </Form>
    </div>
  );
}
