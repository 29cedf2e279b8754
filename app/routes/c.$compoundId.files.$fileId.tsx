import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { fileResponse, getFile } from "~/platform/files.server";
import { readNotice } from "~/notices/notices.server";
import { voucherPayment } from "~/fees/payments.server";
import { receiptAccess } from "~/fees/receipt.server";

// A compound's file, for those who may see what it belongs to (a notice: while it is up, or staff; a committee filing: who sees the committee).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "compound:view", ["compound"]);
  const db = await getDb();
  const f = await getFile(db, node.id, params.fileId ?? "");
  if (!f) throw notFound();
  if (f.ownerKind === "notice") {
    const staff = can(actor.grants, "notice:post", node.path);
    if (!(await readNotice(db, node.id, f.ownerId, actor.user.id, now(), staff))) throw notFound();
  } else if (f.ownerKind === "committee_filing") {
    // A filing's attachments: for those who see the committee (members, the street office, community workers).
    if (!can(actor.grants, "committee:view", node.path)) throw notFound();
  } else if (f.ownerKind === "payment_voucher") {
    // A payment's scanned voucher: for the collecting body's staff and fee-account viewers, as its receipt.
    const p = await voucherPayment(db, node.id, f.id);
    const access = p ? await receiptAccess(db, { userId: actor.user.id, grants: actor.grants }, { id: node.id, path: node.path }, p, now()) : null;
    if (!access?.staff) throw notFound();
  } else {
    throw notFound();
  }
  return fileResponse(f);
}
