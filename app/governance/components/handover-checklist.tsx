import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

type Confirmation = { by: string; at: string } | null;
export type HandoverItemRow = { id: string; category: string; description: string; outgoing: Confirmation; incoming: Confirmation };

function Side({ side, item, confirmation, canConfirm, label }: { side: "outgoing" | "incoming"; item: HandoverItemRow; confirmation: Confirmation; canConfirm: boolean; label: string }) {
  const { t, i18n } = useTranslation();
  if (confirmation) {
    return (
      <span data-testid={`confirmed-${side}`}>
        ✓ {t("governance.handover.confirmedBy", { name: confirmation.by, at: formatDateTime(confirmation.at, i18n.language as Locale) })}
      </span>
    );
  }
  if (!canConfirm) return <span className="muted">{t("governance.handover.waiting")}</span>;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="side" value={side} />
      <button type="submit" className="btn small" aria-label={t("governance.handover.confirmAria", { action: t(`governance.handover.confirm.${side}`), item: t(`governance.handoverCategories.${item.category}`), side: label })}>
        {t(`governance.handover.confirm.${side}`)}
      </button>
    </Form>
  );
}

/** The checklist: each item with both sides' confirmations, and a confirm button for a side the viewer may confirm. */
export function HandoverChecklist({
  items,
  outgoing,
  incoming,
  canConfirm,
}: {
  items: HandoverItemRow[];
  outgoing: string;
  incoming: string;
  canConfirm: { outgoing: boolean; incoming: boolean };
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap" role="region" aria-label={t("governance.handover.itemsLabel")} tabIndex={0}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t("governance.handover.item")}</th>
            <th scope="col">{t("governance.handover.outgoingSide", { name: outgoing })}</th>
            <th scope="col">{t("governance.handover.incomingSide", { name: incoming })}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-testid="handover-item">
              <td>
                <strong>{t(`governance.handoverCategories.${i.category}`)}</strong>
                <div className="muted">{i.description}</div>
              </td>
              <td>
                <Side side="outgoing" item={i} confirmation={i.outgoing} canConfirm={canConfirm.outgoing} label={outgoing} />
              </td>
              <td>
                <Side side="incoming" item={i} confirmation={i.incoming} canConfirm={canConfirm.incoming} label={incoming} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export type HandoverSummary = { id: string; outgoing: string; incoming: string; fromDay: string; items: number; done: number; completedAt: string | null };

/** The compound's handovers on its management page, open ones first. */
export function HandoverList({ compoundId, rows }: { compoundId: string; rows: HandoverSummary[] }) {
  const { t } = useTranslation();
  if (!rows.length) return <p className="muted">{t("governance.handover.none")}</p>;
  return (
    <ul className="plain">
      {rows.map((h) => (
        <li key={h.id}>
          <Link to={`/c/${compoundId}/management/handover/${h.id}`}>{t("governance.handover.between", { outgoing: h.outgoing, incoming: h.incoming })}</Link> ·{" "}
          {t("governance.management.fromDay", { day: h.fromDay })} ·{" "}
          {h.completedAt ? <span className="tag">{t("governance.handover.complete")}</span> : t("governance.handover.progress", { done: h.done, total: h.items })}
        </li>
      ))}
    </ul>
  );
}
