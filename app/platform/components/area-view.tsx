import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type N = { id: string; kind: string; name: string };
export function nodeHref(n: { id: string; kind: string }): string {
  return n.kind === "city" ? "/city" : n.kind === "compound" ? `/c/${n.id}` : `/area/${n.id}`;
}

export function Breadcrumbs({ items, current }: { items: N[]; current: N }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  return (
    <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
      <ol>
        {items.map((a) => (
          <li key={a.id}>
            <Link to={nodeHref(a)}>{a.name}</Link>
          </li>
        ))}
        <li aria-current="page">{current.name}</li>
      </ol>
    </nav>
  );
}

export function AreaView({
  node,
  breadcrumbs,
  children,
  counts,
  canAudit,
  canManage,
}: {
  node: N;
  breadcrumbs: N[];
  children: N[];
  counts: Record<string, number>;
  canAudit: boolean;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const kinds = ["district", "street", "community", "compound"].filter((k) => counts[k]);
  return (
    <>
      <Breadcrumbs items={breadcrumbs} current={node} />
      <h1>
        {node.name} <span className="tag">{t(`area.kind.${node.kind}`)}</span>
      </h1>
      <div className="grid">
        {kinds.map((k) => (
          <div className="card" key={k}>
            <div className="muted">{t(`area.count.${k}`)}</div>
            <div className="stat">{counts[k]}</div>
          </div>
        ))}
      </div>
      <div className="card">
        <h2>{t("area.children")}</h2>
        {children.length ? (
          <ul className="plain">
            {children.map((c) => (
              <li key={c.id}>
                <Link to={nodeHref(c)}>{c.name}</Link> <span className="muted">{t(`area.kind.${c.kind}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("area.none")}</p>
        )}
      </div>
      <p className="actions">
        {counts.compound ? (
          <Link className="btn secondary" to={`/area/${node.id}/compounds`}>
            {t("registry.compounds")}
          </Link>
        ) : null}
        {canAudit ? (
          <Link className="btn secondary" to={`/area/${node.id}/audit`}>
            {t("audit.title")}
          </Link>
        ) : null}
        {canManage && node.kind !== "city" ? (
          <Link className="btn secondary" to={`/area/${node.id}/edit`}>
            {t("registry.rename")}
          </Link>
        ) : null}
        {canManage && node.kind === "community" ? (
          <Link className="btn secondary" to={`/area/${node.id}/compounds/new`}>
            {t("registry.newCompound")}
          </Link>
        ) : null}
      </p>
    </>
  );
}
