import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titledBy } from "~/ui/meta";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { readNotice, takeDownNotice } from "~/notices/notices.server";
import { listFiles } from "~/platform/files.server";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titledBy<{ notice: { title: string } }>((d) => d?.notice.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "compound:view", ["compound"]);
  const staff = can(actor.grants, "notice:post", node.path);
  const n = await readNotice(await getDb(), node.id, params.noticeId ?? "", actor.user.id, now(), staff);
  if (!n) throw notFound();
  const attachments = await listFiles(await getDb(), node.id, "notice", n.id);
  return {
    attachments,
    node: { id: node.id, name: node.name },
    staff,
    notice: { id: n.id, title: n.title, body: n.body, publishAt: n.publishAt.toISOString(), takeDownAt: n.takeDownAt?.toISOString() ?? null, reads: n.reads, up: n.up },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "notice:post", ["compound"]);
  if (!(await takeDownNotice(await getDb(), auditActor(actor), node.id, params.noticeId ?? "", now()))) throw notFound();
  throw redirect(`/c/${node.id}/notices/${params.noticeId}`, { status: 303 });
}

export default function NoticePage() {
  const { node, notice, staff, attachments } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <article className="card">
      <p>
        <Link to={`/c/${node.id}`}>← {node.name}</Link>
      </p>
      <h1>{notice.title}</h1>
      <p className="muted">
        {t("notices.publishedAt", { time: formatDateTime(notice.publishAt, locale) })}
        {notice.takeDownAt ? ` · ${t("notices.until", { time: formatDateTime(notice.takeDownAt, locale) })}` : ""}
        {staff ? ` · ${t("notices.reads", { n: notice.reads })}` : ""}
      </p>
      <div style={{ whiteSpace: "pre-wrap" }}>{notice.body}</div>
      {attachments.length ? (
        <section aria-label={t("notices.attachments")}>
          <h2>{t("notices.attachments")}</h2>
          <ul className="plain">
            {attachments.map((f) => (
              <li key={f.id}>
                {f.mime.startsWith("image/") ? (
                  <img src={`/c/${node.id}/files/${f.id}`} alt={f.displayName} style={{ maxWidth: "100%", height: "auto" }} />
                ) : null}
                <a href={`/c/${node.id}/files/${f.id}`}>{f.displayName}</a> <span className="muted">({Math.ceil(f.size / 1024)} KB)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {staff && notice.up ? (
        <Form method="post" className="actions" style={{ marginTop: "1rem" }}>
          <button type="submit" className="btn secondary">
            {t("notices.takeDown")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}
