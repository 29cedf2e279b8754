import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextAreaField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { AnswerAppealSchema, AppealSchema, DecideSchema } from "../review-schema";

/** The fields a reviewer or the candidate types; the hidden intent and organisation come from the page. */
const DecideFields = DecideSchema.omit({ intent: true, partyOrgId: true });
const AnswerFields = AnswerAppealSchema.omit({ intent: true, partyOrgId: true });
const AppealFields = AppealSchema.omit({ intent: true });

type Errors = Record<string, string> | undefined;


function Choice({ name, legend, options, error, register }: { name: string; legend: string; options: { value: string; label: string }[]; error?: string; register: ReturnType<typeof useValidatedForm>["register"] }) {
  const { t } = useTranslation();
  return (
    <fieldset className="field" aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} style={{ fontWeight: 400 }}>
          <input type="radio" value={o.value} style={{ width: "auto", minHeight: 0 }} {...register(name)} /> {o.label}
        </label>
      ))}
      {error ? (
        <span className="error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </fieldset>
  );
}

/** A reviewer's decision (approve / reject, with a reason) for one Party organisation. */
export function CandidateDecideForm({ partyOrgId, orgName, errors }: { partyOrgId: string; orgName: string; errors: Errors }) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(DecideFields, errors);
  const id = `decide-${partyOrgId}`;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("elections.candidate.decideTitle", { org: orgName })}</h2>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="partyOrgId" value={partyOrgId} />
        <FormError message={errors?._form ?? errors?.partyOrgId} />
        <Choice
          name="decision"
          legend={t("elections.candidate.decisionLabel")}
          register={register}
          error={errorOf("decision")}
          options={(["approve", "reject"] as const).map((v) => ({ value: v, label: t(`elections.candidate.decisions.${v}`) }))}
        />
        <TextAreaField id={`${id}-reason`} label={t("elections.candidate.reasonLabel")} error={errorOf("reason")} {...register("reason")} />
        <button type="submit" className="btn">
          {t("elections.candidate.decideSubmit")}
        </button>
      </Form>
    </section>
  );
}

/** The answer to the candidate's appeal by the organisation that rejected (upheld / overturned, with a reason). */
export function CandidateAnswerForm({ partyOrgId, orgName, errors }: { partyOrgId: string; orgName: string; errors: Errors }) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(AnswerFields, errors);
  const id = `answer-${partyOrgId}`;
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("elections.candidate.answerTitle", { org: orgName })}</h2>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="partyOrgId" value={partyOrgId} />
        <FormError message={errors?._form ?? errors?.partyOrgId} />
        <Choice
          name="outcome"
          legend={t("elections.candidate.outcomeLabel")}
          register={register}
          error={errorOf("outcome")}
          options={(["upheld", "overturned"] as const).map((v) => ({ value: v, label: t(`elections.candidate.outcomes.${v}`) }))}
        />
        <TextAreaField id={`${id}-reason`} label={t("elections.candidate.reasonLabel")} error={errorOf("reason")} {...register("reason")} />
        <button type="submit" className="btn">
          {t("elections.candidate.answerSubmit")}
        </button>
      </Form>
    </section>
  );
}

/** The candidate's one appeal against a rejection. */
export function CandidateAppealForm({ errors }: { errors: Errors }) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(AppealFields, errors);
  return (
    <section className="card" aria-labelledby="appeal-h">
      <h2 id="appeal-h">{t("elections.candidate.appealTitle")}</h2>
      <p className="muted">{t("elections.candidate.appealHint")}</p>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="appeal" />
        <FormError message={errors?._form} />
        <TextAreaField id="appeal-statement" label={t("elections.candidate.appealStatement")} rows={6} error={errorOf("statement")} {...register("statement")} />
        <button type="submit" className="btn">
          {t("elections.candidate.appealSubmit")}
        </button>
      </Form>
    </section>
  );
}

/** A one-button form (submit for vetting, sign the joint nomination). */
export function CandidateButtonForm({ intent, label, hint, errors }: { intent: "submit" | "endorse"; label: string; hint?: string; errors: Errors }) {
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value={intent} />
      <FormError message={errors?._form} />
      {hint ? <p className="muted">{hint}</p> : null}
      <div className="actions">
        <button type="submit" className="btn">
          {label}
        </button>
      </div>
    </Form>
  );
}
