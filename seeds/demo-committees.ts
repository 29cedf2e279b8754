/**
 * The demo city's owners' committees, relative to the demo clock (issue 8):
 * - 和平里一区 (cp_hepingli1): a committee elected on paper before Gongzhi, chaired by 陈德明 (usr_demo06), whose
 *   five-year term ends 75 days from now — inside the 3-month re-election lead, so the street office is prompted
 *   to form a re-election group. 陈德明's committee grant ends with the term.
 * - 松林苑 (cp_songlin): a committee elected 40 days ago (冯建华, usr_demo18, chair), first meeting held, member
 *   list published, its filing returned by the street office and not resubmitted: the filing is overdue.
 * Elections run through the decisions engine are in ./demo-decisions.ts (新华二里 formed with alternates and not
 * yet constituted; 新华里 not formed; 工人村 open).
 *
 * Committees elected before Gongzhi have no decision in it (decision_id null); everything after their election
 * goes through the committees context as the pages do.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { committeeMembers, committees, notices, owners, roleGrants } from "~db/schema";
import { decideFiling, publishMemberList, recordFirstMeeting, submitFiling } from "~/committees/committees.server";
import { addMonths, termLastDay } from "~/committees/rules";
import { storeFiles } from "~/platform/files.server";
import { addDays, endOfDay, shanghaiDay, startOfDay } from "~/platform/days";

const DAY = 24 * 3600_000;

/** A one-page PDF with a line of text (the demo's stand-in for a scanned report). */
function demoPdf(text: string): Buffer {
  const stream = `BT /F1 14 Tf 72 720 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

type Seat = { ownerId: string; name: string; userId: string | null; grantId: string | null; role: "chair" | "vice_chair" | "member" };

/** Five members: the demo account first (as chair), then the first person owners of the compound who have no account. */
async function seatsFor(db: Db, compoundId: string, demo: { userId: string; grantId: string }): Promise<Seat[]> {
  const [me] = await db.select({ id: owners.id, name: owners.name }).from(owners).where(and(eq(owners.compoundId, compoundId), eq(owners.userId, demo.userId))).limit(1);
  if (!me) throw new Error(`demo committee: ${demo.userId} owns nothing in ${compoundId}`);
  const others = await db
    .select({ id: owners.id, name: owners.name, userId: owners.userId })
    .from(owners)
    .where(and(eq(owners.compoundId, compoundId), eq(owners.kind, "person")))
    .orderBy(asc(owners.id))
    .limit(12);
  const rest = others.filter((o) => o.userId === null && o.id !== me.id).slice(0, 4);
  return [
    { ownerId: me.id, name: me.name, userId: demo.userId, grantId: demo.grantId, role: "chair" },
    ...rest.map((o, i): Seat => ({ ownerId: o.id, name: o.name, userId: null, grantId: null, role: i === 0 ? "vice_chair" : "member" })),
  ];
}

async function insertCommittee(db: Db, id: string, compoundId: string, electedAt: Date, seats: Seat[]) {
  const termStart = shanghaiDay(electedAt);
  const lastDay = termLastDay(termStart);
  await db.insert(committees).values({ id, compoundId, seats: 5, minSeats: 3, electedAt, termStart, termLastDay: lastDay, status: "active", createdAt: electedAt });
  for (const [i, s] of seats.entries()) {
    await db.insert(committeeMembers).values({
      id: `${id}_m${i + 1}`, committeeId: id, compoundId, ownerId: s.ownerId, userId: s.userId, name: s.name, role: "member", source: "elected",
      rank: i + 1, fromDay: termStart, lastDay, grantId: s.grantId, createdAt: electedAt,
    });
    // The demo account's standing grant now ends with the term (access ends with no job).
    if (s.grantId) await db.update(roleGrants).set({ validTo: endOfDay(lastDay) }).where(eq(roleGrants.id, s.grantId));
  }
  return { termStart, lastDay };
}

export async function seedDemoCommittees(db: Db, now: Date): Promise<void> {
  const today = shanghaiDay(now);

  // ——— 和平里一区: the term ends 75 days from today (elected on the same day five years before, 民法典 Art. 202).
  {
    const cp = "cp_hepingli1";
    const endDay = addDays(today, 75);
    const startDay = addMonths(endDay, -60);
    const electedAt = new Date(startOfDay(startDay).getTime() + 15 * 3600_000);
    const seats = await seatsFor(db, cp, { userId: "usr_demo06", grantId: "grt_demo06" });
    const id = "cmt_demo_hpl1";
    const { lastDay } = await insertCommittee(db, id, cp, electedAt, seats);
    if (lastDay !== endDay) throw new Error(`demo committee term: ${lastDay} ≠ ${endDay}`);
    const chair = { id: "usr_demo06", name: "陈德明" };
    must("hpl1 first meeting", await recordFirstMeeting(db, chair, cp, id, { heldAt: new Date(electedAt.getTime() + 3 * DAY), present: 5, chairMemberId: `${id}_m1`, chairVotes: 5, viceChairMemberId: `${id}_m2`, viceChairVotes: 4, minutes: "选举陈德明为主任。" }, new Date(electedAt.getTime() + 3 * DAY + 3600_000)));
    must("hpl1 member list", await publishMemberList(db, chair, cp, id, new Date(electedAt.getTime() + 4 * DAY)));
    await db.update(notices).set({ takeDownAt: new Date(electedAt.getTime() + 34 * DAY) }).where(and(eq(notices.sourceKind, "committee_members"), eq(notices.sourceId, id), isNotNull(notices.publishAt)));
    await fileAndDecide(db, cp, id, chair, { id: "usr_demo02", name: "李秀英" }, electedAt, [{ at: 12, accept: true }]);
  }

  // ——— 松林苑: elected 40 days ago; the filing was returned and not resubmitted, so it is overdue.
  {
    const cp = "cp_songlin";
    const electedAt = new Date(startOfDay(addDays(today, -40)).getTime() + 18 * 3600_000);
    const seats = await seatsFor(db, cp, { userId: "usr_demo18", grantId: "grt_demo18" });
    const id = "cmt_demo_songlin";
    await insertCommittee(db, id, cp, electedAt, seats);
    const chair = { id: "usr_demo18", name: "冯建华" };
    must("songlin first meeting", await recordFirstMeeting(db, chair, cp, id, { heldAt: new Date(electedAt.getTime() + 2 * DAY), present: 5, chairMemberId: `${id}_m1`, chairVotes: 4, viceChairMemberId: `${id}_m2`, viceChairVotes: 4, minutes: "选举冯建华为主任，产生副主任一名。" }, new Date(electedAt.getTime() + 2 * DAY + 3600_000)));
    must("songlin member list", await publishMemberList(db, chair, cp, id, new Date(electedAt.getTime() + 2 * DAY + 2 * 3600_000)));
    await fileAndDecide(db, cp, id, chair, { id: "usr_demo11", name: "黄伟" }, electedAt, [{ at: 20, accept: false, reasons: "缺少业主大会议事规则和管理规约，请补齐后重新报送。" }]);
  }
}

/** The initial filing submitted `at` days after the election and decided a day later, as the pages do it. */
async function fileAndDecide(
  db: Db, compoundId: string, committeeId: string, member: { id: string; name: string }, officer: { id: string; name: string }, electedAt: Date,
  steps: { at: number; accept: boolean; reasons?: string }[],
) {
  for (const step of steps) {
    const submittedAt = new Date(electedAt.getTime() + step.at * DAY);
    const docs = [["election_report", "Election report"], ["rules_of_procedure", "Rules of procedure"], ["management_covenant", "Management covenant"]] as const;
    // The documents are stored under the filing inside its transaction, as the filing page does.
    const r = must("filing", await submitFiling(db, member, compoundId, committeeId, { kind: "initial", attachments: [] }, submittedAt, {
      attach: async (tx, filingId) => {
        const out: { fileId: string; kind: string }[] = [];
        for (const [kind, title] of docs) {
          const [f] = await storeFiles(tx, { compoundId, ownerKind: "committee_filing", ownerId: filingId, createdBy: member.id }, [{ displayName: `${kind}.pdf`, mime: "application/pdf", data: demoPdf(`${title} (demo)`) }], submittedAt);
          out.push({ fileId: f.id, kind });
        }
        return out;
      },
    }));
    must("filing decision", await decideFiling(db, officer, compoundId, r.filingId, { accept: step.accept, reasons: step.reasons ?? null }, new Date(submittedAt.getTime() + DAY)));
  }
}

function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`demo committees, ${what}: ${JSON.stringify((r as { errors?: unknown }).errors)}`);
  return r as Extract<T, { ok: true }>;
}
