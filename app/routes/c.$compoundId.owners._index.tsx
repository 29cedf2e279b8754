import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { ownerList } from "~/registry/maintain.server";
import { optionalText } from "~/ui/list-params";
import { shanghaiDate } from "~/i18n/format";
import { titled } from "~/ui/meta";

export const meta = titled("registry.ownerList");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:view", ["compound"]);
  const q = optionalText(60).parse(new URL(request.url).searchParams.get("q") ?? undefined);
  const rows = await ownerList(await getDb(), node.id, shanghaiDate(now()), q);
  return { node: { id: node.id, name: node.name }, rows, q: q ?? "", manage: can(actor.grants, "registry:manage", node.path) };
}

export default function Owners() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/units`}>← {t("registry.unitList")}</Link>
      </p>
      <h1>
        {t("registry.ownerList")} · {d.node.name}
      </h1>
      <Form method="get" className="card filters" role="search">
        <div className="field">
          <label htmlFor="owner-q">{t("registry.ownerName")}</label>
          <input id="owner-q" name="q" defaultValue={d.q} />
        </div>
        <button type="submit" className="btn">
          {t("table.filter")}
        </button>
      </Form>
      <div className="table-wrap" role="region" aria-label={t("registry.ownerList")} tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("registry.ownerName")}</th>
              <th scope="col">{t("registry.ownerKind")}</th>
              <th scope="col">{t("login.phone")}</th>
              <th scope="col" className="num">
                {t("registry.units")}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((o) => (
              <tr key={o.id}>
                <td>{d.manage ? <Link to={`/c/${d.node.id}/owners/${o.id}`}>{o.name}</Link> : o.name}</td>
                <td>{t(`registry.ownerKinds.${o.kind}`)}</td>
                <td>{o.phone || "—"}</td>
                <td className="num">{o.units}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("registry.ownerListLimit")}</p>
    </>
  );
}
