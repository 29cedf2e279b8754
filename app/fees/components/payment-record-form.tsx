import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField, TextAreaField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { OFFLINE_METHODS, RecordPaymentSchema } from "../payments-schema";
import { yuanText } from "../words";

export type FoundUnit = {
  id: string;
  number: string;
  building: string;
  payerName: string;
  creditFen: number;
  outstandingFen: number;
  openBills: { id: string; itemName: string; periodFrom: string; periodTo: string; dueDay: string; daysOverdue: number; amountFen: number; outstandingFen: number }[];
};

/** Step 1 of recording a payment: find the unit by building and number (a GET form, works before hydration). */
export function UnitFinder({ buildings, building, number, notFound }: { buildings: { id: string; name: string }[]; building?: string; number?: string; notFound: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="filters" aria-label={t("fees.payments.record.findUnit")}>
      <div className="field">
        <label htmlFor="f-building">{t("fees.payments.record.building")}</label>
        <select id="f-building" name="building" defaultValue={building ?? ""}>
          <option value="">{t("fees.payments.record.chooseBuilding")}</option>
          {buildings.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-number">{t("fees.payments.record.unitNumber")}</label>
        <input id="f-number" name="number" defaultValue={number ?? ""} inputMode="text" aria-invalid={notFound ? true : undefined} aria-describedby={notFound ? "f-number-error" : undefined} />
        {notFound ? (
          <span className="error" id="f-number-error" role="alert">
            {t("fees.payments.errors.unitNotFound")}
          </span>
        ) : null}
      </div>
      <button type="submit" className="btn secondary">
        {t("fees.payments.record.find")}
      </button>
    </Form>
  );
}

/** The unit's open bills, oldest first: what a payment will pay, in that order. */
export function OpenBillsList({ unit }: { unit: FoundUnit }) {
  const { t } = useTranslation();
  return (
    <>
      {unit.openBills.length ? (
        <div className="table-wrap" role="region" aria-label={t("fees.payments.record.openBills")} tabIndex={0}>
          <table className="data">
            <caption className="visually-hidden">{t("fees.payments.record.openBills")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fees.payments.receipt.item")}</th>
                <th scope="col">{t("fees.payments.receipt.period")}</th>
                <th scope="col">{t("fees.payments.record.dueDay")}</th>
                <th scope="col" className="num">
                  {t("fees.payments.record.outstanding")}
                </th>
              </tr>
            </thead>
            <tbody>
              {unit.openBills.map((b) => (
                <tr key={b.id}>
                  <td>{b.itemName}</td>
                  <td>{b.periodFrom === b.periodTo ? b.periodFrom : t("fees.payments.receipt.periodRange", { from: b.periodFrom, to: b.periodTo })}</td>
                  <td>
                    {b.dueDay}
                    {b.daysOverdue > 0 ? <div className="tag">{t("fees.payments.overdueDays", { days: b.daysOverdue })}</div> : null}
                  </td>
                  <td className="num">¥{yuanText(b.outstandingFen, { thousands: true })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("fees.payments.record.nothingOpen")}</p>
      )}
      <p>
        {t("fees.payments.record.outstandingTotal", { amount: yuanText(unit.outstandingFen, { thousands: true }) })}
        {unit.creditFen > 0 ? <> · {t("fees.payments.creditLine", { amount: yuanText(unit.creditFen, { thousands: true }) })}</> : null}
      </p>
    </>
  );
}

/**
 * Step 2: record an offline payment for the unit found (cash, bank transfer, a scanned voucher). Amount in 元;
 * more than is due is kept as prepayment credit. A plain multipart form with a one-time token, so submitting it
 * twice records one payment.
 */
export function RecordPaymentForm({
  unit,
  token,
  nowLocal,
  values,
  errors,
}: {
  unit: FoundUnit;
  token: string;
  nowLocal: string;
  values: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(RecordPaymentSchema, errors);
  return (
    <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={onSubmit}>
      <FormError message={errors?._form ?? errors?.unitId ?? errors?.token} />
      <input type="hidden" name="intent" value="record" />
      <input type="hidden" {...register("unitId")} value={unit.id} />
      <input type="hidden" {...register("token")} value={values.token ?? token} />
      <Field
        label={t("fees.payments.record.amount")}
        hint={t("fees.payments.record.amountHint", { amount: yuanText(unit.outstandingFen, { thousands: true }) })}
        inputMode="decimal"
        autoComplete="off"
        defaultValue={values.amount ?? (unit.outstandingFen > 0 ? yuanText(unit.outstandingFen) : "")}
        {...register("amount")}
        error={errorOf("amount")}
      />
      <SelectField
        label={t("fees.payments.record.method")}
        defaultValue={values.method ?? "cash"}
        {...register("method")}
        error={errorOf("method")}
        options={OFFLINE_METHODS.map((m) => ({ value: m, label: t(`fees.payments.methods.${m}`) }))}
      />
      <Field label={t("fees.payments.record.paidAt")} type="datetime-local" defaultValue={values.paidAt ?? nowLocal} {...register("paidAt")} error={errorOf("paidAt")} />
      <Field label={t("fees.payments.record.payerName")} hint={t("fees.payments.record.payerNameHint")} defaultValue={values.payerName ?? unit.payerName} {...register("payerName")} error={errorOf("payerName")} />
      <Field label={t("fees.payments.record.reference")} hint={t("fees.payments.record.referenceHint")} defaultValue={values.reference} {...register("reference")} error={errorOf("reference")} />
      <TextAreaField label={t("fees.payments.record.note")} rows={2} defaultValue={values.note} {...register("note")} error={errorOf("note")} />
      <Field
        label={t("fees.payments.record.voucher")}
        name="voucher"
        type="file"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        hint={t("fees.payments.record.voucherHint")}
        error={errors?.voucher}
      />
      <button type="submit" className="btn">
        {t("fees.payments.record.submit")}
      </button>
    </Form>
  );
}
