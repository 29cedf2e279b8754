import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { activeCommittee, decideFiling, memberInOffice, submitFiling } from "~/committees/committees.server";
import { filingsPage } from "~/committees/overview.server";
import { ATTACHMENT_KINDS, attachmentErrors, DecideFilingSchema, FILING_DONE, kindsFor, SubmitFilingSchema, type AttachmentKind } from "~/committees/filing-schema";
import { FilingDuties, FilingHistory } from "~/committees/components/filing-status";
import { ChangeFilingForm, DecideFilingForms, InitialFilingForm } from "~/committees/components/filing-forms";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { checkFile, parseUploadForm, storeFiles, type CheckedFile } from "~/platform/files.server";
import { shanghaiDay } from "~/platform/days";
import { badRequest, parseForm, parseObject } from "~/ui/form.server";
import { FormError } from "~/ui/field";
import { titled } from "~/ui/meta";

export const meta = titled("committees.filings.title");

// Filing (备案) of the compound's active committee with the street office: the 30-day duties, every filing with its
// documents and the street office's reasons; members in office submit, the street office accepts or returns.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "committee:view", ["compound"]);
  const db = await getDb();
  const t = now();
  const page = await filingsPage(db, node.id, t);
  const member = page && can(actor.grants, "committee:act", node.path) ? await memberInOffice(db, node.id, actor.user.id, t) : null;
  return {
    node: { id: node.id, name: node.name },
    page,
    canSubmit: !!page && member?.committeeId === page.committee.id,
    canDecide: can(actor.grants, "committee:supervise", node.path),
    today: shanghaiDay(t),
  };
}

async function submit(request: Request, compoundId: string | undefined) {
  const { actor, node } = await requireNode(request, compoundId, "committee:act", ["compound"]);
  const db = await getDb();
  const t = now();
  const c = await activeCommittee(db, node.id);
  if (!c) throw notFound();
  const form = await parseUploadForm(request, ATTACHMENT_KINDS);
  if (!form.ok) return badRequest({ _form: form.error });
  const parsed = parseObject(SubmitFilingSchema, form.fields);
  if (!parsed.ok) return badRequest(parsed.errors, form.fields);
  const input = parsed.data;
  const kinds = kindsFor(input.kind);
  const counted = attachmentErrors(input.kind, Object.fromEntries(kinds.map((k) => [k, (form.byField[k] ?? []).length])));
  if (Object.keys(counted).length) return badRequest(counted, form.fields);
  const checked = new Map<AttachmentKind, CheckedFile[]>();
  for (const k of kinds) {
    const list: CheckedFile[] = [];
    for (const f of form.byField[k] ?? []) {
      const r = await checkFile(f);
      if ("error" in r) return badRequest({ [k]: r.error }, form.fields);
      list.push(r);
    }
    checked.set(k, list);
  }
  // The filing and its files are written together (submitFiling calls attach inside its transaction).
  const r = await submitFiling(
    db,
    auditActor(actor),
    node.id,
    c.id,
    { kind: input.kind, summary: input.kind === "change" ? input.summary : null, eventAt: input.kind === "change" ? input.eventAt : undefined, attachments: [] },
    t,
    {
      attach: async (tx, filingId) => {
        const out: { fileId: string; kind: string }[] = [];
        for (const [k, list] of checked) {
          for (const s of await storeFiles(tx, { compoundId: node.id, ownerKind: "committee_filing", ownerId: filingId, createdBy: actor.user.id }, list, t)) out.push({ fileId: s.id, kind: k });
        }
        return out;
      },
    },
  );
  if (!r.ok) return badRequest(r.errors, form.fields);
  throw redirect(`/c/${node.id}/committee/filings?done=submitted`, { status: 303 });
}

async function decide(request: Request, compoundId: string | undefined) {
  const { actor, node } = await requireNode(request, compoundId, "committee:supervise", ["compound"]);
  const parsed = await parseForm(request, DecideFilingSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const d = parsed.data;
  const r = await decideFiling(await getDb(), auditActor(actor), node.id, d.filingId, { accept: d.intent === "accept", reasons: d.intent === "return" ? d.reasons : null }, now());
  // No such filing in this compound (another compound's, or none): not found.
  if (!r.ok && r.errors._form === "errors.invalid") throw notFound();
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/committee/filings?done=${d.intent === "accept" ? "accepted" : "returned"}`, { status: 303 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Submitting carries files (multipart); accepting or returning is a plain form.
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  return multipart ? submit(request, params.compoundId) : decide(request, params.compoundId);
}

export default function CommitteeFilings() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const values = (a?.values ?? {}) as Record<string, string>;
  const errors = a?.errors as Record<string, string> | undefined;
  // Each form shows the errors of its own last submission; an upload that could not be read has no fields.
  const errorsOf = (match: (v: Record<string, string>) => boolean) => (errors && match(values) ? errors : undefined);
  const done = FILING_DONE.find((x) => x === search.get("done"));
  const page = d.page;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/committee`}>← {t("committees.filings.back")}</Link>
      </p>
      <h1>
        {t("committees.filings.title")} · {d.node.name}
      </h1>
      <p className="muted">{t("committees.filings.intro")}</p>
      {done ? (
        <p className="alert ok" role="status">
          {t(`committees.filings.done.${done}`)}
        </p>
      ) : null}
      <FormError message={errors && !values.intent ? (errors._form ?? "errors.invalid") : undefined} />
      {!page ? (
        <p className="alert info">
          {t("committees.filings.noCommittee")} <Link to={`/c/${d.node.id}/committee`}>{t("committees.filings.toCommittee")}</Link>
        </p>
      ) : (
        <>
          {d.canDecide && page.pendingCount > 0 ? (
            <p className="alert info">
              {t("committees.filings.pendingForReview", { n: page.pendingCount })} <a href="#filing-history">{t("committees.filings.toReview")}</a>
            </p>
          ) : null}
          <FilingDuties page={page} />
          {d.canSubmit ? (
            <>
              {page.committee.filedAt ? null : page.pendingInitial ? (
                <p className="alert info">{t("committees.filings.pendingInitial")}</p>
              ) : (
                <InitialFilingForm errors={errorsOf((v) => v.intent === "submit" && v.kind === "initial")} />
              )}
              {page.pendingChange ? (
                <p className="alert info">{t("committees.filings.pendingChange")}</p>
              ) : (
                <ChangeFilingForm errors={errorsOf((v) => v.intent === "submit" && v.kind === "change")} values={values.kind === "change" ? values : undefined} today={d.today} />
              )}
            </>
          ) : null}
          <FilingHistory
            compoundId={d.node.id}
            filings={page.filings}
            decide={
              d.canDecide
                ? (f) => {
                    const name = t("committees.filings.filingName", { kind: t(`committees.filings.kinds.${f.kind}`), at: formatDateTime(f.submittedAt, locale) });
                    const mine = (v: Record<string, string>) => v.filingId === f.id;
                    return <DecideFilingForms filingId={f.id} name={name} errors={errorsOf(mine)} values={mine(values) ? values : undefined} />;
                  }
                : undefined
            }
          />
        </>
      )}
    </>
  );
}
