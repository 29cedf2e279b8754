import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField, TextAreaField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { FirstMeetingSchema } from "../schema";
import type { FirstMeetingPage } from "../pages.server";

/** The law the form is checked against, with the numbers for this committee today. */
export function MeetingRule({ d }: { d: FirstMeetingPage }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="mt-rule">
      <h2 id="mt-rule">{t("committees.meeting.ruleHeading")}</h2>
      <p>{t("committees.meeting.intro")}</p>
      {d.deadline ? <p data-testid="meeting-deadline">{t("committees.meeting.deadline", { day: d.deadline.lastDay })}</p> : null}
      <ul>
        <li data-testid="in-office">{t("committees.meeting.inOffice", { n: d.inOffice })}</li>
        <li data-testid="quorum">{t("committees.meeting.quorum", { quorum: d.quorum })}</li>
        {d.majority !== null ? (
          <li data-testid="majority">{t("committees.meeting.majority", { mode: t(`committees.meeting.modes.${d.mode}`), majority: d.majority })}</li>
        ) : null}
      </ul>
      <p className="muted">{t("committees.meeting.inOfficeOnDay")}</p>
    </section>
  );
}

/** The first meeting: when, how many present, the chair and vice-chair with their votes, the minutes. */
export function MeetingForm({ d, errors, values }: { d: FirstMeetingPage; errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(FirstMeetingSchema, errors);
  const v = values ?? {};
  const options = [{ value: "", label: t("committees.home.choose") }, ...d.members.map((m) => ({ value: m.id, label: m.name }))];
  return (
    <div className="card narrow">
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <FormError message={errors?._form} />
        <Field
          label={t("committees.meeting.heldAt")}
          type="datetime-local"
          hint={t("committees.meeting.heldAtHint")}
          min={d.electedLocal}
          max={d.nowLocal}
          defaultValue={v.heldAt ?? d.nowLocal}
          {...register("heldAt")}
          error={errorOf("heldAt")}
        />
        <Field label={t("committees.meeting.present")} type="number" inputMode="numeric" min={0} max={d.inOffice} defaultValue={v.present} {...register("present")} error={errorOf("present")} />
        <SelectField label={t("committees.meeting.chair")} options={options} defaultValue={v.chairMemberId ?? ""} {...register("chairMemberId")} error={errorOf("chairMemberId")} />
        <Field label={t("committees.meeting.chairVotes")} type="number" inputMode="numeric" min={0} max={d.inOffice} defaultValue={v.chairVotes} {...register("chairVotes")} error={errorOf("chairVotes")} />
        <SelectField label={t("committees.meeting.viceChair")} options={options} defaultValue={v.viceChairMemberId ?? ""} {...register("viceChairMemberId")} error={errorOf("viceChairMemberId")} />
        <Field
          label={t("committees.meeting.viceChairVotes")}
          type="number"
          inputMode="numeric"
          min={0}
          max={d.inOffice}
          defaultValue={v.viceChairVotes}
          {...register("viceChairVotes")}
          error={errorOf("viceChairVotes")}
        />
        <TextAreaField label={t("committees.meeting.minutes")} rows={5} defaultValue={v.minutes} {...register("minutes")} error={errorOf("minutes")} />
        <p className="actions">
          <button type="submit" className="btn">
            {t("committees.meeting.submit")}
          </button>
        </p>
      </Form>
    </div>
  );
}
