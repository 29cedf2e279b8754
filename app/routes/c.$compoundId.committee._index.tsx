import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can, type Permission } from "~/auth/permissions";
import { committeeHome, runHomeIntent } from "~/committees/pages.server";
import { HOME_INTENTS, HomeActionSchema, type HomeIntent } from "~/committees/schema";
import { CommitteeHomeView, type HomeErrors } from "~/committees/components/committee-home";
import { badRequest, formValues, parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("committees.home.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "committee:view", ["compound"]);
  const viewer = { act: can(actor.grants, "committee:act", node.path), members: can(actor.grants, "committee:members", node.path) };
  const home = await committeeHome(await getDb(), node.id, viewer, now());
  return { node: { id: node.id, name: node.name }, can: viewer, ...home };
}

/** The permission each intent needs at the compound; without it the intent does not exist (404). */
const PERM: Record<HomeIntent, Permission> = {
  publishList: "committee:act",
  endMembership: "committee:members",
  fillVacancy: "committee:members",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "committee:view", ["compound"]);
  const values = formValues(await request.formData());
  const intent = HOME_INTENTS.find((i) => i === values.intent);
  if (!intent) return badRequest({ _form: "errors.invalid" }, values);
  if (!can(actor.grants, PERM[intent], node.path)) throw notFound();
  const parsed = parseObject(HomeActionSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const db = await getDb();
  const r = await runHomeIntent(db, auditActor(actor), node.id, parsed.data, now());
  if (r === null) throw notFound();
  if (!r.ok) return badRequest(r.errors, values);
  const base = `/c/${node.id}/committee`;
  if (r.done === "filled") {
    const q = new URLSearchParams({ done: "filled" });
    if (r.seated.length) q.set("seated", r.seated.join(","));
    throw redirect(`${base}?${q}`, { status: 303 });
  }
  throw redirect(`${base}?done=${r.done}`, { status: 303 });
}

export default function CommitteeHomePage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors: HomeErrors = a ? { intent: a.values?.intent, memberId: a.values?.memberId, errors: a.errors, values: a.values } : null;
  // After a refused action the page answers that, not the success the URL still carries.
  const done = { done: a ? null : search.get("done"), seated: (search.get("seated") ?? "").split(",").filter(Boolean).slice(0, 20) };
  return <CommitteeHomeView d={d} errors={errors} done={done} />;
}
