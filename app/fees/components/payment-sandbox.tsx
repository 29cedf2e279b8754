import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { yuanText } from "../words";

export type SandboxIntent = { id: string; compoundId: string; compound: string; unit: string; amountFen: number; status: "pending" | "paid" | "failed"; collector: string | null };

/**
 * The SANDBOX provider's checkout page: clearly labelled as a demonstration that moves no money. "Pay" makes the
 * server send the provider's signed callback; "Cancel" leaves the bills as they are.
 */
export function SandboxCheckout({ intent, error }: { intent: SandboxIntent; error?: string | null }) {
  const { t } = useTranslation();
  const back = `/c/${intent.compoundId}/bills`;
  return (
    <div className="narrow">
      <p className="alert info" role="note" style={{ fontSize: "1.15rem", fontWeight: 700, textAlign: "center" }}>
        {t("fees.payments.online.sandboxName")}
      </p>
      <section className="card" aria-labelledby="sandbox-title" style={{ fontSize: "1.1rem" }}>
        <h1 id="sandbox-title">{t("fees.payments.sandbox.title")}</h1>
        <dl>
          <dt className="muted">{t("fees.payments.sandbox.payee")}</dt>
          <dd style={{ margin: "0 0 .5rem" }}>{intent.collector ?? "—"}</dd>
          <dt className="muted">{t("fees.payments.receipt.unit")}</dt>
          <dd style={{ margin: "0 0 .5rem" }}>
            {intent.compound} {intent.unit}
          </dd>
          <dt className="muted">{t("fees.payments.sandbox.amount")}</dt>
          <dd style={{ margin: 0 }} className="stat">
            <span data-testid="sandbox-amount" data-fen={intent.amountFen}>¥{yuanText(intent.amountFen, { thousands: true })}</span>
          </dd>
        </dl>
        {error ? (
          <p className="alert error" role="alert">
            {t(error)}
          </p>
        ) : null}
        {intent.status === "pending" ? (
          <Form method="post" className="stack">
            <p className="muted">{t("fees.payments.sandbox.explain")}</p>
            <button type="submit" name="intent" value="pay" className="btn" style={{ fontSize: "1.2rem", minHeight: "3.5rem" }}>
              {t("fees.payments.sandbox.pay")}
            </button>
            <button type="submit" name="intent" value="cancel" className="btn secondary">
              {t("fees.payments.sandbox.cancel")}
            </button>
          </Form>
        ) : (
          <>
            <p className={intent.status === "paid" ? "alert ok" : "alert info"}>{t(intent.status === "paid" ? "fees.payments.sandbox.alreadyPaid" : "fees.payments.sandbox.cancelled")}</p>
            <p>
              <Link className="btn" to={back}>
                {t("fees.payments.sandbox.back")}
              </Link>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
