import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { activeCommittee, recordFirstMeeting } from "~/committees/committees.server";
import { firstMeetingPage } from "~/committees/pages.server";
import { FirstMeetingSchema } from "~/committees/schema";
import { MeetingForm, MeetingRule } from "~/committees/components/meeting-form";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("committees.meeting.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "committee:act", ["compound"]);
  const page = await firstMeetingPage(await getDb(), node.id, now());
  // No committee in office: there is no first meeting to record.
  if (!page) throw notFound();
  return { node: { id: node.id, name: node.name }, ...page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "committee:act", ["compound"]);
  const parsed = await parseForm(request, FirstMeetingSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const db = await getDb();
  const c = await activeCommittee(db, node.id);
  if (!c) throw notFound();
  const r = await recordFirstMeeting(db, auditActor(actor), node.id, c.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/committee?done=meeting`, { status: 303 });
}

export default function FirstMeeting() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/committee`}>← {t("committees.home.title")}</Link>
      </p>
      <h1>
        {t("committees.meeting.title")} · {d.node.name}
      </h1>
      <MeetingRule d={d} />
      {d.committee.firstMeetingAt ? (
        <p className="alert info" role="status">
          {t("committees.meeting.recorded", { at: formatDateTime(d.committee.firstMeetingAt, locale) })}
        </p>
      ) : d.inOffice === 0 ? (
        <p className="alert info" role="status">
          {t("committees.meeting.noMembers")}
        </p>
      ) : (
        <MeetingForm d={d} errors={a?.errors} values={a?.values} />
      )}
    </>
  );
}
