import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/ui/field";
import { yuanText } from "../words";

/**
 * Choosing what to pay online for one unit: everything due (the default) or an amount of one's own. Large
 * controls, plain words; works before hydration (the amount field is always there).
 */
export function PayForm({
  unitId,
  dueFen,
  token,
  values,
  errors,
  providerLabel,
  sandbox,
}: {
  unitId: string;
  dueFen: number;
  token: string;
  values: Record<string, string>;
  errors?: Record<string, string>;
  providerLabel: string;
  sandbox: boolean;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(values.choice === "amount" || dueFen === 0 ? "amount" : "all");
  const amountError = errors?.amount;
  return (
    <Form method="post" className="stack" style={{ fontSize: "1.1rem" }}>
      <FormError message={errors?._form ?? errors?.token ?? errors?.unitId} />
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="token" value={values.token ?? token} />
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: ".5rem" }}>{t("fees.payments.pay.howMuch")}</legend>
        {dueFen > 0 ? (
          <label className="card" style={{ display: "flex", gap: ".75rem", alignItems: "center", margin: 0 }}>
            <input type="radio" name="choice" value="all" checked={choice === "all"} onChange={() => setChoice("all")} style={{ width: "1.5rem", minHeight: "1.5rem" }} />
            <span>
              {t("fees.payments.pay.all")} <strong>¥{yuanText(dueFen, { thousands: true })}</strong>
            </span>
          </label>
        ) : null}
        <label className="card" style={{ display: "flex", gap: ".75rem", alignItems: "center", margin: 0 }}>
          <input type="radio" name="choice" value="amount" checked={choice === "amount"} onChange={() => setChoice("amount")} style={{ width: "1.5rem", minHeight: "1.5rem" }} />
          <span>{t("fees.payments.pay.other")}</span>
        </label>
        <div className="field">
          <label htmlFor="f-amount">{t("fees.payments.pay.amount")}</label>
          <span className="hint" id="f-amount-hint">
            {t("fees.payments.pay.amountHint")}
          </span>
          <input
            id="f-amount"
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={values.amount ?? ""}
            onFocus={() => setChoice("amount")}
            aria-invalid={amountError ? true : undefined}
            aria-describedby={amountError ? "f-amount-hint f-amount-error" : "f-amount-hint"}
          />
          {amountError ? (
            <span className="error" id="f-amount-error" role="alert">
              {t(amountError)}
            </span>
          ) : null}
        </div>
      </fieldset>
      <p>{t("fees.payments.pay.provider", { provider: providerLabel })}</p>
      {sandbox ? <p className="alert info">{t("fees.payments.online.sandboxNotice")}</p> : null}
      <button type="submit" className="btn" style={{ fontSize: "1.2rem", minHeight: "3.5rem" }}>
        {t("fees.payments.pay.submit")}
      </button>
    </Form>
  );
}
