import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { requireNode } from "~/auth/guard.server";
import { ancestorsOf } from "~/platform/area.server";
import { can } from "~/auth/permissions";
import { Breadcrumbs } from "~/platform/components/area-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.node.name ?? ""} · 共治 Gongzhi` }];

// The compound home: 200 in scope, /login when anonymous, 404 for anyone else.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "compound:view", ["compound"]);
  const ancestors = await ancestorsOf(await getDb(), node);
  const roles = actor.grants.filter((g) => g.nodePath && node.path.startsWith(g.nodePath)).map((g) => g.role);
  return {
    node: { id: node.id, kind: node.kind, name: node.name },
    breadcrumbs: ancestors.filter((a) => can(actor.grants, "area:view", a.path)).map((a) => ({ id: a.id, kind: a.kind, name: a.name })),
    roles: [...new Set(roles)],
    community: ancestors.find((a) => a.kind === "community")?.name ?? null,
  };
}

export default function CompoundHome() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumbs items={d.breadcrumbs} current={d.node} />
      <h1>{d.node.name}</h1>
      <div className="card">
        <p>{t("compound.yourRoles", { roles: d.roles.map((r) => t(`roles.${r}`)).join("、") })}</p>
        {d.community ? <p className="muted">{t("compound.community", { name: d.community })}</p> : null}
      </div>
      <div className="card">
        <h2>{t("compound.noticeBoard")}</h2>
        <p className="muted">{t("compound.noticeBoardEmpty")}</p>
      </div>
    </>
  );
}
