import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { can, type Permission } from "~/auth/permissions";
import { electionHub, runHubIntent, type HubInput } from "~/elections/hub.server";
import {
  AnswerListSchema, DissolveSchema, EndorseSchema, HUB_INTENTS, ObjectGroupSchema, ObjectListSchema, PublishSchema, SettleSchema, VotingDateSchema, warningsFrom, type HubIntent,
} from "~/elections/hub-schema";
import { CandidatesSection, ElectionSection, GroupSection, ListObjectionsSection, type HubErrors } from "~/elections/components/hub";
import { badRequest, formValues, parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("elections.hub.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:view", ["compound"]);
  const viewer = {
    userId: actor.user.id,
    supervise: can(actor.grants, "election:supervise", node.path),
    organise: can(actor.grants, "election:organise", node.path),
    review: can(actor.grants, "election:review", node.path),
  };
  const hub = await electionHub(await getDb(), node.id, viewer, now());
  return { node: { id: node.id, name: node.name }, warnings: warningsFrom(new URL(request.url).searchParams.get("warn")), ...hub };
}

/** Each intent: its schema and the permission it needs at the compound (without it: 404 through the guard). */
const INTENTS: Record<HubIntent, { schema: z.ZodType; perm: Permission }> = {
  objectGroup: { schema: ObjectGroupSchema, perm: "election:view" },
  settle: { schema: SettleSchema, perm: "election:supervise" },
  dissolve: { schema: DissolveSchema, perm: "election:supervise" },
  votingDate: { schema: VotingDateSchema, perm: "election:organise" },
  publish: { schema: PublishSchema, perm: "election:organise" },
  endorse: { schema: EndorseSchema, perm: "election:view" },
  objectList: { schema: ObjectListSchema, perm: "election:view" },
  answer: { schema: AnswerListSchema, perm: "election:organise" },
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:view", ["compound"]);
  const values = formValues(await request.formData());
  const intent = HUB_INTENTS.find((i) => i === values.intent);
  if (!intent) return badRequest({ _form: "errors.invalid" }, values);
  await requireNode(request, node.id, INTENTS[intent].perm, ["compound"]);
  const parsed = parseObject(INTENTS[intent].schema, values);
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const r = await runHubIntent(await getDb(), auditActor(actor), node.id, parsed.data as HubInput, now());
  if (!r.ok) return badRequest(r.errors, values);
  throw redirect(`/c/${node.id}/elections`, { status: 303 });
}

export default function ElectionHub() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: HubErrors = a ? { intent: a.values?.intent, id: a.values?.objectionId ?? a.values?.candidateId, errors: a.errors } : null;
  const base = `/c/${d.node.id}/elections`;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("elections.hub.title")} · {d.node.name}
      </h1>
      {d.warnings.length ? (
        <div className="alert info" role="status">
          <p>{t("elections.hub.formedWithWarnings")}</p>
          <ul>
            {d.warnings.map((w) => (
              <li key={w}>{t(w === "NO_DEVELOPER" ? "elections.errors.prepNoDeveloper" : "elections.errors.prepNoResidentsCommittee")}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {errors?.intent && !HUB_INTENTS.includes(errors.intent as HubIntent) && errors.errors?._form ? <div className="alert error">{t(errors.errors._form)}</div> : null}
      <section className="card" aria-labelledby="stage">
        <h2 id="stage">{t("elections.hub.stage")}</h2>
        <p data-testid="election-stage">
          <span className="tag">{t(`elections.stages.${d.stage}`)}</span> {t(`elections.stages.${d.stage}Hint`)}
        </p>
        <p className="actions">
          {d.can.nominate && d.election ? (
            <Link className="btn" to={`${base}/${d.election.id}/nominate`}>
              {t("elections.nominate.title")}
            </Link>
          ) : null}
          <Link className="btn secondary" to={`${base}/roll`}>
            {t("elections.roll.title")}
          </Link>
        </p>
      </section>
      <GroupSection d={d} errors={errors} />
      <ElectionSection d={d} errors={errors} />
      {d.election ? <CandidatesSection d={d} errors={errors} /> : null}
      {d.election?.status === "published" ? <ListObjectionsSection d={d} errors={errors} /> : null}
    </>
  );
}
