import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { FormError, TextAreaField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { ReversePaymentSchema } from "../payments-schema";
import { yuanText } from "../words";

export type ReverseTarget = { id: string; receiptNo: string; unit: string; payerName: string; amountFen: number; paidAt: Date };

/**
 * Reversing (冲销) a payment: the payment's summary and the reason, which is printed on the reversal's receipt.
 * The original keeps its number; the reversal gets its own.
 */
export function ReversePaymentForm({ target, cancelHref, values, errors }: { target: ReverseTarget; cancelHref: string; values: Record<string, string>; errors?: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(ReversePaymentSchema, errors);
  return (
    <section className="card" aria-labelledby="reverse-title">
      <h2 id="reverse-title">{t("fees.payments.reverse.title")}</h2>
      <p>{t("fees.payments.reverse.summary", { no: target.receiptNo, unit: target.unit, payer: target.payerName, amount: yuanText(target.amountFen, { thousands: true }), at: formatDateTime(target.paidAt, i18n.language as Locale) })}</p>
      <p className="muted">{t("fees.payments.reverse.intro")}</p>
      <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={onSubmit}>
        <FormError message={errors?._form ?? errors?.paymentId} />
        <input type="hidden" name="intent" value="reverse" />
        <input type="hidden" {...register("paymentId")} value={target.id} />
        <TextAreaField label={t("fees.payments.reverse.reason")} rows={2} defaultValue={values.reason} {...register("reason")} error={errorOf("reason")} />
        <div className="actions">
          <button type="submit" className="btn">
            {t("fees.payments.reverse.submit")}
          </button>
          <Link to={cancelHref} className="btn secondary">
            {t("fees.payments.reverse.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
