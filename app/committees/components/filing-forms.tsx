import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, TextAreaField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { ChangeFilingSchema, MAX_FILES_PER_KIND, REQUIRED_KINDS, ReturnFilingSchema, kindsFor, type AttachmentKind } from "../filing-schema";

type Errors = Record<string, string> | undefined;

/** The fields a member types; the hidden intent and kind come from the form. */
const ChangeFields = ChangeFilingSchema.omit({ intent: true, kind: true });
const ReturnFields = ReturnFilingSchema.omit({ intent: true, filingId: true });

const ACCEPT = "image/jpeg,image/png,image/webp,application/pdf";

/** One file input per kind of document (several files each, e.g. the pages of a scan). */
function AttachmentInputs({ form, kinds, errors }: { form: "initial" | "change"; kinds: readonly AttachmentKind[]; errors: Errors }) {
  const { t } = useTranslation();
  return (
    <>
      {kinds.map((k) => {
        const label = t(`committees.filings.attachmentKinds.${k}`);
        const required = REQUIRED_KINDS.includes(k);
        return (
          <Field
            key={k}
            id={`f-${form}-${k}`}
            label={required ? label : t("committees.filings.optional", { label })}
            name={k}
            type="file"
            multiple
            accept={ACCEPT}
            aria-required={required || undefined}
            hint={t("committees.filings.filesHint", { max: MAX_FILES_PER_KIND })}
            error={errors?.[k]}
          />
        );
      })}
    </>
  );
}

/** The initial filing: the documents of 指导规则 Art. 33, within 30 days of the election. */
export function InitialFilingForm({ errors }: { errors: Errors }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="filing-submit-initial">
      <h2 id="filing-submit-initial">{t("committees.filings.submitInitialHeading")}</h2>
      <p className="muted">{t("committees.filings.submitInitialIntro")}</p>
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="kind" value="initial" />
        <FormError message={errors?._form ?? errors?.attachments} />
        <AttachmentInputs form="initial" kinds={kindsFor("initial")} errors={errors} />
        <button type="submit" className="btn">
          {t("committees.filings.submitInitial")}
        </button>
      </Form>
    </section>
  );
}

/** A change filing (chair, vice-chair, members): what changed, the day it did, and documents if any. */
export function ChangeFilingForm({ errors, values, today }: { errors: Errors; values?: Record<string, string>; today: string }) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(ChangeFields, errors);
  return (
    <section className="card" aria-labelledby="filing-submit-change">
      <h2 id="filing-submit-change">{t("committees.filings.submitChangeHeading")}</h2>
      <p className="muted">{t("committees.filings.submitChangeIntro")}</p>
      <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="kind" value="change" />
        <FormError message={errors?._form ?? errors?.attachments} />
        <TextAreaField label={t("committees.filings.summary")} rows={4} defaultValue={values?.summary} placeholder={t("committees.filings.summaryHint")} {...register("summary")} error={errorOf("summary")} />
        <Field label={t("committees.filings.eventAt")} type="date" max={today} defaultValue={values?.eventAt} {...register("eventAt")} error={errorOf("eventAt")} />
        <AttachmentInputs form="change" kinds={kindsFor("change")} errors={errors} />
        <button type="submit" className="btn">
          {t("committees.filings.submitChange")}
        </button>
      </Form>
    </section>
  );
}

/** The street office's answer to a pending filing: accept it, or return it with reasons (required). */
export function DecideFilingForms({ filingId, name, errors, values }: { filingId: string; name: string; errors: Errors; values?: Record<string, string> }) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(ReturnFields, errors);
  return (
    <div className="stack" style={{ marginTop: ".5rem" }}>
      <FormError message={errors?._form ?? errors?.filingId} />
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="accept" />
        <input type="hidden" name="filingId" value={filingId} />
        <button type="submit" className="btn small" aria-label={t("committees.filings.acceptFor", { name })}>
          {t("committees.filings.accept")}
        </button>
      </Form>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="return" />
        <input type="hidden" name="filingId" value={filingId} />
        <TextAreaField id={`f-reasons-${filingId}`} label={t("committees.filings.reasonsLabel")} rows={3} defaultValue={values?.reasons} placeholder={t("committees.filings.reasonsHint")} {...register("reasons")} error={errorOf("reasons")} />
        <div className="actions">
          <button type="submit" className="btn small secondary" aria-label={t("committees.filings.returnFor", { name })}>
            {t("committees.filings.return")}
          </button>
        </div>
      </Form>
    </div>
  );
}
