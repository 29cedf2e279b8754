import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

type Item = { id: string; title: string; publishAt: string; reads: number; state: "up" | "scheduled" | "down" };

export function NoticeBoard({ compoundId, items, staff, canPost }: { compoundId: string; items: Item[]; staff: boolean; canPost: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="card" aria-labelledby="notice-board-title">
      <h2 id="notice-board-title">{t("compound.noticeBoard")}</h2>
      {items.length ? (
        <ul className="plain">
          {items.map((n) => (
            <li key={n.id}>
              <Link to={`/c/${compoundId}/notices/${n.id}`}>{n.title}</Link>
              <div className="muted">
                {formatDateTime(n.publishAt, locale)}
                {staff ? ` · ${t("notices.reads", { n: n.reads })}` : ""}
                {n.state !== "up" ? (
                  <>
                    {" "}
                    <span className="tag">{t(`notices.state.${n.state}`)}</span>
                  </>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("compound.noticeBoardEmpty")}</p>
      )}
      {canPost ? (
        <p>
          <Link className="btn secondary" to={`/c/${compoundId}/notices/new`}>
            {t("notices.new")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
