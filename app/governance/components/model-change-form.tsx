import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField, TextAreaField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { MAINTENANCE_BY, MANAGEMENT_MODEL_VALUES, SELF_BODIES } from "~db/schema/governance";
import { ModelChangeSchema } from "../model-schema";

export type DecisionOption = { motionId: string; decisionTitle: string; motionTitle: string; passed: boolean; decidedOn: string | null };

/** The label of a decision in a select: the meeting, the motion and its result. */
export function useDecisionLabel() {
  const { t } = useTranslation();
  return (d: DecisionOption) =>
    t("governance.management.decisionOption", { decision: d.decisionTitle, motion: d.motionTitle, result: t(d.passed ? "decisions.passed" : "decisions.failed"), day: d.decidedOn ?? "" });
}

const radio = { width: "auto", minHeight: 0 } as const;

/**
 * Recording a model change: the new model, its first day, the basis (an owners' decision, or — for a street
 * officer — the interim assignment) and the model's own details. Every part is shown before hydration; once the
 * page runs, the parts that do not apply to the chosen model and basis are hidden.
 */
export function ModelChangeForm({
  values,
  errors,
  decisions,
  communities,
  defaultCommunityId,
  canInterim,
  latestFromDay,
}: {
  values: Record<string, string>;
  errors?: Record<string, string>;
  decisions: DecisionOption[];
  communities: { id: string; name: string }[];
  defaultCommunityId: string | null;
  canInterim: boolean;
  latestFromDay: string | null;
}) {
  const { t } = useTranslation();
  const label = useDecisionLabel();
  const { register, onSubmit, errorOf, watch } = useValidatedForm(ModelChangeSchema, errors);
  const model = watch("model") as string | undefined;
  const basis = watch("basisKind") as string | undefined;
  const show = (m: string) => !model || model === m;
  const basisErr = errorOf("basisKind");
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
      <FormError message={errors?._form} />
      <SelectField
        label={t("governance.management.newModel")}
        defaultValue={values.model ?? ""}
        {...register("model")}
        error={errorOf("model")}
        options={[{ value: "", label: t("governance.management.choose") }, ...MANAGEMENT_MODEL_VALUES.map((m) => ({ value: m, label: t(`governance.models.${m}`) }))]}
      />
      <Field
        label={t("governance.management.effectiveOn")}
        type="date"
        hint={latestFromDay ? t("governance.management.effectiveOnAfter", { day: latestFromDay }) : t("governance.management.effectiveOnHint")}
        defaultValue={values.effectiveOn}
        {...register("effectiveOn")}
        error={errorOf("effectiveOn")}
      />

      <fieldset className="card" style={{ margin: 0 }} aria-describedby={basisErr ? "f-basisKind-error" : undefined}>
        <legend>{t("governance.management.basis")}</legend>
        <p className="muted">{t("governance.management.basisHint")}</p>
        <label style={{ fontWeight: 400, display: "block" }}>
          <input type="radio" value="decision" style={radio} defaultChecked={(values.basisKind ?? "decision") === "decision"} {...register("basisKind")} /> {t("governance.basisKinds.decision")}
        </label>
        {canInterim ? (
          <label style={{ fontWeight: 400, display: "block" }}>
            <input type="radio" value="interim_assignment" style={radio} defaultChecked={values.basisKind === "interim_assignment"} {...register("basisKind")} /> {t("governance.basisKinds.interim_assignment")}
          </label>
        ) : null}
        {basisErr ? (
          <span className="error" id="f-basisKind-error" role="alert">
            {t(basisErr)}
          </span>
        ) : null}
        <div style={{ display: basis === "interim_assignment" ? "none" : "grid", gap: "1rem", marginTop: ".75rem" }}>
          <SelectField
            label={t("governance.management.decision")}
            defaultValue={values.motionId ?? ""}
            {...register("motionId")}
            error={errorOf("motionId")}
            options={[{ value: "", label: decisions.length ? t("governance.management.choose") : t("governance.management.noDecisions") }, ...decisions.map((d) => ({ value: d.motionId, label: label(d) }))]}
          />
        </div>
        {canInterim ? (
          <div style={{ display: basis === "decision" ? "none" : "grid", gap: "1rem", marginTop: ".75rem" }}>
            <p className="muted">{t("governance.management.interimHint")}</p>
            <TextAreaField label={t("governance.management.reason")} rows={3} defaultValue={values.reason} {...register("reason")} error={errorOf("reason")} />
            <Field label={t("governance.management.reviewOn")} type="date" defaultValue={values.reviewOn} {...register("reviewOn")} error={errorOf("reviewOn")} />
          </div>
        ) : null}
      </fieldset>

      <fieldset className="card" style={{ margin: 0, display: show("self_governance") ? "grid" : "none", gap: "1rem" }}>
        <legend>{t("governance.management.selfDetails")}</legend>
        <SelectField
          label={t("governance.management.selfBody")}
          defaultValue={values.selfBody ?? ""}
          {...register("selfBody")}
          error={errorOf("selfBody")}
          options={[{ value: "", label: t("governance.management.choose") }, ...SELF_BODIES.map((b) => ({ value: b, label: t(`governance.selfBodies.${b}`) }))]}
        />
        <Field label={t("governance.management.moneyHolder")} hint={t("governance.management.moneyHolderHint")} defaultValue={values.moneyHolder} {...register("moneyHolder")} error={errorOf("moneyHolder")} />
        <SelectField
          label={t("governance.management.maintenanceBy")}
          defaultValue={values.maintenanceBy ?? ""}
          {...register("maintenanceBy")}
          error={errorOf("maintenanceBy")}
          options={[{ value: "", label: t("governance.management.choose") }, ...MAINTENANCE_BY.map((m) => ({ value: m, label: t(`governance.management.maintenanceByOptions.${m}`) }))]}
        />
      </fieldset>

      <fieldset className="card" style={{ margin: 0, display: show("quasi_property") ? "grid" : "none", gap: "1rem" }}>
        <legend>{t("governance.management.quasiDetails")}</legend>
        <SelectField
          label={t("governance.management.community")}
          defaultValue={values.communityNodeId ?? defaultCommunityId ?? ""}
          {...register("communityNodeId")}
          error={errorOf("communityNodeId")}
          options={[{ value: "", label: t("governance.management.choose") }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <Field
          label={t("governance.management.quasiFee")}
          hint={t("governance.management.quasiFeeHint")}
          inputMode="decimal"
          defaultValue={values.quasiFee}
          {...register("quasiFee")}
          error={errorOf("quasiFee")}
        />
      </fieldset>

      <button type="submit" className="btn">
        {t("governance.management.record")}
      </button>
    </Form>
  );
}
