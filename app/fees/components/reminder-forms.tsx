import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField } from "~/ui/field";
import { AGING_BUCKETS } from "../rules";

export type ReminderErrors = { intent?: string; unitId?: string; payerKey?: string; errors: Record<string, string> } | null;

/** One payer's reminder: a button in the row (the default pay-by), its refusal shown beside it. */
export function RemindButton({ unitId, payerKey, errors, label }: { unitId: string; payerKey: string; errors: ReminderErrors; label: string }) {
  const { t } = useTranslation();
  const mine = errors?.intent === "remind" && errors.unitId === unitId && errors.payerKey === payerKey ? errors.errors : null;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="remind" />
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="payerKey" value={payerKey} />
      <button type="submit" className="btn small secondary" aria-label={t("fees.arrears.remindFor", { unit: label })}>
        {t("fees.arrears.remind")}
      </button>
      {mine ? (
        <span className="error" role="alert" style={{ color: "var(--err)", fontWeight: 600 }}>
          {t(mine._form ?? mine.payBy ?? Object.values(mine)[0] ?? "errors.invalid")}
        </span>
      ) : null}
    </Form>
  );
}

/** Every payer whose oldest overdue bill is at least the chosen age; the pay-by day defaults to 15 days on. */
export function RemindBucketForm({ errors, values, payByDefault }: { errors: ReminderErrors; values: Record<string, string>; payByDefault: string }) {
  const { t } = useTranslation();
  const mine = errors?.intent === "remindBucket" ? errors.errors : null;
  return (
    <section className="card" aria-labelledby="remind-bucket">
      <h2 id="remind-bucket" style={{ marginTop: 0 }}>
        {t("fees.arrears.bucketHeading")}
      </h2>
      <p className="muted">{t("fees.arrears.bucketIntro")}</p>
      <Form method="post" className="filters">
        <input type="hidden" name="intent" value="remindBucket" />
        <SelectField
          label={t("fees.arrears.bucketLabel")}
          name="bucket"
          id="remind-bucket-select"
          defaultValue={values.bucket ?? "91-180"}
          error={mine?.bucket}
          options={AGING_BUCKETS.map((b) => ({ value: b, label: t(`fees.arrears.buckets.${b}`) }))}
        />
        <Field label={t("fees.arrears.payBy")} name="payBy" id="remind-bucket-payby" type="date" defaultValue={values.payBy ?? ""} error={mine?.payBy} hint={t("fees.arrears.payByHint", { day: payByDefault })} />
        <button type="submit" className="btn">
          {t("fees.arrears.remindBucket")}
        </button>
      </Form>
      <FormError message={mine?._form ?? mine?.intent} />
    </section>
  );
}
