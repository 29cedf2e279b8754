import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { titledBy } from "~/ui/meta";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { ancestorsOf } from "~/platform/area.server";
import { can } from "~/auth/permissions";
import { currentModel } from "~/governance/lookup.server";
import { Breadcrumbs } from "~/platform/components/area-view";
import { compoundTotals } from "~/registry/roll.server";
import { getCompound } from "~/registry/areas.server";
import { now } from "~/clock.server";
import { formatArea, formatDateTime, shanghaiDate } from "~/i18n/format";
import { listNotices } from "~/notices/notices.server";
import { NoticeBoard } from "~/notices/components/notice-board";
import type { Locale } from "~/i18n/config";
import { listDecisions } from "~/decisions/decisions.server";
import { myNotifications } from "~/decisions/turnout.server";

export const meta = titledBy<{ node: { name: string } }>((d) => d?.node.name);

// The compound home: 200 in scope, /login when anonymous, 404 for anyone else.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "compound:view", ["compound"]);
  const db = await getDb();
  const t = now();
  const staff = can(actor.grants, "notice:post", node.path);
  const [ancestors, totals, details, notices] = await Promise.all([
    ancestorsOf(db, node),
    compoundTotals(db, node.id, shanghaiDate(t)),
    getCompound(db, node.id),
    listNotices(db, node.id, t, { staff, limit: 20 }),
  ]);
  const messages = await myNotifications(db, actor.user.id, node.id);
  const voting = await listDecisions(db, node.id, { page: 1, size: 10, sort: "opensAt", dir: "desc", status: "open" }, { staff: false });
  const roles = actor.grants.filter((g) => g.nodePath && node.path.startsWith(g.nodePath)).map((g) => g.role);
  return {
    node: { id: node.id, kind: node.kind, name: node.name },
    breadcrumbs: ancestors.filter((a) => can(actor.grants, "area:view", a.path)).map((a) => ({ id: a.id, kind: a.kind, name: a.name })),
    roles: [...new Set(roles)],
    community: ancestors.find((a) => a.kind === "community")?.name ?? null,
    details: details ? { address: details.address, yearBuilt: details.yearBuilt, model: await currentModel(db, node.id, shanghaiDate(t)) } : null,
    totals,
    canViewRegistry: can(actor.grants, "registry:view", node.path),
    canVerifyClaims: can(actor.grants, "claim:verify", node.path),
    canSeeManagement: can(actor.grants, "contract:view", node.path) || can(actor.grants, "model:manage", node.path),
    canManage: can(actor.grants, "registry:manage", node.path),
    canSeeCommittee: can(actor.grants, "committee:view", node.path),
    canPay: can(actor.grants, "fees:pay", node.path),
    canSeeFees: can(actor.grants, "fees:view", node.path),
    staff,
    messages: messages.map((m) => ({ id: m.id, title: m.title, body: m.body, link: m.link })),
    voting: voting.rows.map((v) => ({ id: v.id, title: v.title, closesAt: v.closesAt.toISOString() })),
    notices: notices.map((n) => ({ id: n.id, title: n.title, publishAt: n.publishAt.toISOString(), reads: n.reads, state: n.state })),
  };
}

export default function CompoundHome() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <Breadcrumbs items={d.breadcrumbs} current={d.node} />
      <h1>{d.node.name}</h1>
      <NoticeBoard compoundId={d.node.id} items={d.notices} staff={d.staff} canPost={d.staff} />
      <div className="card">
        <p>{t("compound.yourRoles", { roles: d.roles.map((r) => t(`roles.${r}`)).join("、") })}</p>
        {d.community ? <p className="muted">{t("compound.community", { name: d.community })}</p> : null}
        {d.details ? (
          <p className="muted">
            {d.details.address}
            {d.details.yearBuilt ? ` · ${t("registry.builtIn", { year: d.details.yearBuilt })}` : ""} · {t(`registry.models.${d.details.model}`)}
          </p>
        ) : null}
      </div>
      <h2>{t("registry.totals")}</h2>
      <div className="grid">
        <div className="card">
          <div className="muted">{t("registry.units")}</div>
          <div className="stat">{d.totals.units}</div>
          <div className="muted">
            {(["dwelling", "shop", "parking"] as const)
              .filter((k) => d.totals.byKind[k])
              .map((k) => `${t(`registry.kinds.${k}`)} ${d.totals.byKind[k].units}`)
              .join(" · ")}
          </div>
        </div>
        <div className="card">
          <div className="muted">{t("registry.votingArea")}</div>
          <div className="stat">{formatArea(BigInt(d.totals.votingArea), locale)}</div>
          <div className="muted">{t("registry.votingAreaHint")}</div>
        </div>
        <div className="card">
          <div className="muted">{t("registry.voters")}</div>
          <div className="stat">{d.totals.voters}</div>
          <div className="muted">{t("registry.votersHint")}</div>
        </div>
      </div>
      {d.totals.unowned > 0 ? <p className="alert error">{t("registry.unowned", { n: d.totals.unowned })}</p> : null}
      {d.messages.length ? (
        <section className="card" aria-labelledby="my-messages">
          <h2 id="my-messages">{t("turnout.messages")}</h2>
          <ul>
            {d.messages.map((m) => (
              <li key={m.id}>
                {m.link ? <Link to={m.link}>{m.title}</Link> : m.title} <span className="muted">{m.body}</span>{" "}
                <Form method="post" action="/notifications" style={{ display: "inline" }}>
                  <input type="hidden" name="id" value={m.id} />
                  <input type="hidden" name="next" value={`/c/${d.node.id}`} />
                  <button type="submit" className="btn small secondary" aria-label={`${t("turnout.dismiss")}: ${m.title}`}>
                    {t("turnout.dismiss")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {d.voting.length ? (
        <section className="card" aria-labelledby="voting-now">
          <h2 id="voting-now">{t("decisions.statuses.open")}</h2>
          <ul>
            {d.voting.map((v) => (
              <li key={v.id}>
                <Link to={`/c/${d.node.id}/decisions/${v.id}`}>{v.title}</Link> · {t("decisions.closesAt", { at: formatDateTime(v.closesAt, i18n.language as Locale) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="actions">
        <Link className="btn" to={`/c/${d.node.id}/decisions`}>
          {t("decisions.list")}
        </Link>
        <Link className="btn secondary" to={`/c/${d.node.id}/petitions`}>
          {t("petitions.list")}
        </Link>
        <Link className="btn secondary" to={`/c/${d.node.id}/elections`}>
          {t("elections.hub.title")}
        </Link>
        <Link className="btn secondary" to={`/c/${d.node.id}/mine`}>
          {t("mine.title")}
        </Link>
        <Link className="btn secondary" to={`/c/${d.node.id}/service`}>
          {t("governance.service.link")}
        </Link>
        {d.canViewRegistry ? (
          <Link className="btn secondary" to={`/c/${d.node.id}/units`}>
            {t("registry.unitList")}
          </Link>
        ) : null}
        {d.canManage ? (
          <Link className="btn secondary" to={`/c/${d.node.id}/edit`}>
            {t("registry.editCompound")}
          </Link>
        ) : null}
        {d.canVerifyClaims ? (
          <Link className="btn secondary" to={`/c/${d.node.id}/claims`}>
            {t("claims.reviewTitle")}
          </Link>
        ) : null}
        {d.canSeeManagement ? (
          <Link className="btn secondary" to={`/c/${d.node.id}/management`}>
            {t("governance.management.link")}
          </Link>
        ) : null}
        {d.canPay ? (
          <Link className="btn" to={`/c/${d.node.id}/bills`}>
            {t("fees.myBillsLink")}
          </Link>
        ) : null}
        {d.canSeeFees ? (
          <Link className="btn secondary" to={`/c/${d.node.id}/fees`}>
            {t("fees.title")}
          </Link>
        ) : null}
        {d.canSeeCommittee ? (
          <Link className="btn secondary" to={`/c/${d.node.id}/committee`}>
            {t("committees.link")}
          </Link>
        ) : null}
      </p>
    </>
  );
}
