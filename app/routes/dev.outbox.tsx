import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { latestOutbox, requireDemoMode } from "~/platform/demo.server";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("demo.outboxTitle");

// Demo mode only (404 in production): the messages the development SMS provider "sent", so that a
// person trying the demo can read their one-time code. Public on purpose: that person is not signed in.
export async function loader(_: LoaderFunctionArgs) {
  requireDemoMode();
  const rows = await latestOutbox(await getDb());
  return { rows: rows.map((r) => ({ id: r.id, phone: r.phone, body: r.body, at: r.createdAt.toISOString() })) };
}

export default function Outbox() {
  const { rows } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t("demo.outboxTitle")}</h1>
      <p className="alert info">{t("demo.outboxIntro")}</p>
      {rows.length ? (
        <ul className="plain card">
          {rows.map((r) => (
            <li key={r.id}>
              <div className="muted">
                {formatDateTime(r.at, i18n.language as Locale)} → {r.phone}
              </div>
              <div>{r.body}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("demo.outboxEmpty")}</p>
      )}
    </>
  );
}
