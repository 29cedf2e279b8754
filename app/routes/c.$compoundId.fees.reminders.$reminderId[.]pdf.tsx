import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireActor } from "~/auth/guard.server";
import { pdfResponse } from "~/decisions/pdf.server";
import { letterFor, reminderLetterPdf } from "~/fees/reminders.server";

/** A reminder letter as an A4 PDF: for the collecting body's staff, or the owner it is addressed to. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = await getDb();
  const letter = await letterFor(db, { userId: actor.user.id, grants: actor.grants }, params.compoundId ?? "", params.reminderId ?? "", now());
  if (!letter) throw notFound();
  return pdfResponse(await reminderLetterPdf(letter), `reminder-${letter.id}.pdf`);
}
