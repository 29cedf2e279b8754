import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { committeeMembers, committees, decisionMotions, decisionVoters, roleGrants } from "~db/schema";
import { alternatesLeft, committeeOverview, endMembership, fillVacancy, formCommittee, membersInOffice } from "~/committees/committees.server";
import { electionFollowUps, electionOutcome, startRunOff } from "~/committees/outcome.server";
import { castBallot, closeDecision, findDecision, openVoting, publishDecisionNotice, recordText, storedResult } from "~/decisions/decisions.server";
import { pseudonym, verifyRecord, type ElectionOut } from "~/decisions/record";
import { decryptField } from "~/auth/field-crypto.server";
import { addDays, firstMomentAfter, shanghaiDay } from "~/platform/days";
import { loadCalendar } from "~/platform/calendar.server";
import { useTestDb } from "../support/test-db";

const h = useTestDb();

/**
 * The demo city's committees and committee elections (seeds/demo-committees.ts, the election plans of
 * seeds/demo-decisions.ts), seeded at the test template's clock, and a run-off through the decisions engine.
 * 韩梅 (usr_demo20) is the 矿山街道 street officer who organises the three elections there.
 */
const TEMPLATE_NOW = new Date("2026-01-05T02:00:00Z");
const HAN = { id: "usr_demo20", name: "韩梅" };
const HOUR = 3600_000;

async function electionMotion(decisionId: string) {
  const [m] = await h.db.select().from(decisionMotions).where(and(eq(decisionMotions.decisionId, decisionId), eq(decisionMotions.kind, "election")));
  return m;
}

describe("the demo city's committees @elections", () => {
  it("和平里一区's term ends within 3 months (re-election prompt); 松林苑's filing is overdue; 新华二里 formed, 新华里 not, 工人村 open", async () => {
    const hpl1 = await committeeOverview(h.db, "cp_hepingli1", TEMPLATE_NOW);
    expect(hpl1.status).toBe("term_ending");
    expect(hpl1.committee?.termLastDay).toBe("2026-03-21"); // 75 days after 2026-01-05
    expect(hpl1.members.map((m) => [m.name, m.role])[0]).toEqual(["陈德明", "chair"]);
    expect(hpl1.deadlines?.filing.done).toBe(true);
    // 陈德明's standing grant now ends at 24:00 of the term's last day.
    const [g] = await h.db.select().from(roleGrants).where(eq(roleGrants.id, "grt_demo06"));
    expect(g.validTo?.toISOString()).toBe("2026-03-21T16:00:00.000Z");

    const songlin = await committeeOverview(h.db, "cp_songlin", TEMPLATE_NOW);
    expect(songlin.status).toBe("filing_overdue");
    expect(songlin.deadlines?.firstMeeting.done).toBe(true);
    expect(songlin.deadlines?.memberList.done).toBe(true);

    const xh2 = (await electionFollowUps(h.db, "cp_xinhua2", "dec_demo_xh2_election"))[0];
    const xh2Result = storedResult((await findDecision(h.db, "cp_xinhua2", "dec_demo_xh2_election"))!)!.motions[0] as ElectionOut;
    expect.soft(xh2Result.candidates.map((c) => [c.id, c.yes.heads, c.reached]), `participating ${JSON.stringify(xh2Result.participating)}`).toHaveLength(7);
    expect(xh2.outcome.formed).toBe(true);
    expect(xh2.outcome.elected).toHaveLength(5);
    expect(xh2.outcome.alternates).toHaveLength(2);
    expect(xh2.committeeId).toBeNull();
    expect(xh2.plan).toBeNull();

    const xh = (await electionFollowUps(h.db, "cp_xinhua", "dec_demo_xh_election"))[0];
    expect(xh.outcome.formed).toBe(false);
    expect(xh.outcome.elected.length).toBeLessThan(3);
    expect(xh.plan?.seats).toBe(5 - xh.outcome.elected.length);

    expect((await findDecision(h.db, "cp_gongren", "dec_demo_gr_election"))?.status).toBe("open");
    expect((await committeeOverview(h.db, "cp_gongren", TEMPLATE_NOW)).status).toBe("none");
  });

  it("the stored election result is the verifier's: the downloaded record of 新华二里 verifies to the same elected and alternates", async () => {
    const d = (await findDecision(h.db, "cp_xinhua2", "dec_demo_xh2_election"))!;
    const v = verifyRecord((await recordText(h.db, d))!);
    if (v.exit === 2) throw new Error(v.message);
    const stored = storedResult(d)!.motions[0] as ElectionOut;
    const verified = v.output.motions[0] as ElectionOut;
    expect({ elected: verified.elected, alternates: verified.alternates, formed: verified.formed }).toEqual({ elected: stored.elected, alternates: stored.alternates, formed: stored.formed });
  });

  it("forms 新华二里's committee from the result: five members with grants to the term's end, two alternates in order", async () => {
    const m = await electionMotion("dec_demo_xh2_election");
    const now = new Date(TEMPLATE_NOW.getTime() + HOUR);
    const r = await formCommittee(h.db, HAN, "cp_xinhua2", "dec_demo_xh2_election", m.id, now);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(await membersInOffice(h.db, r.id, now)).toHaveLength(5);
    expect((await alternatesLeft(h.db, r.id)).map((a) => a.rank)).toEqual([6, 7]);
    expect((await formCommittee(h.db, HAN, "cp_xinhua2", "dec_demo_xh2_election", m.id, now))).toEqual({ ok: false, errors: { motionId: "committees.errors.alreadyFormed" } });
    // The fifth member resigns today: the first alternate is seated from tomorrow.
    const ended = await endMembership(h.db, HAN, "cp_xinhua2", r.memberIds[4], { reason: "resigned", on: shanghaiDay(now) }, now);
    expect(ended).toEqual({ ok: true });
    const filled = await fillVacancy(h.db, HAN, "cp_xinhua2", r.id, now);
    if (!filled.ok) throw new Error(JSON.stringify(filled.errors));
    expect(filled.seated).toHaveLength(1);
    const [seated] = await h.db.select().from(committeeMembers).where(eq(committeeMembers.id, filled.seated[0].memberId));
    expect(seated.fromDay).toBe(addDays(shanghaiDay(now), 1));
  });

  it("新华里 not formed: a run-off for the open seats among those not elected, voted and closed, forms the committee from both votes", async () => {
    const m = await electionMotion("dec_demo_xh_election");
    const before = await electionOutcome(h.db, "cp_xinhua", m.id);
    expect(before?.outcome.formed).toBe(false);
    // Forming from the failed vote is refused, nothing written.
    expect(await formCommittee(h.db, HAN, "cp_xinhua", "dec_demo_xh_election", m.id, TEMPLATE_NOW)).toEqual({ ok: false, errors: { motionId: "committees.errors.notFormed" } });

    const started = await startRunOff(h.db, HAN, "cp_xinhua", m.id, TEMPLATE_NOW);
    if (!started.ok) throw new Error(JSON.stringify(started.errors));
    expect(await startRunOff(h.db, HAN, "cp_xinhua", m.id, TEMPLATE_NOW)).toEqual({ ok: false, errors: { _form: "committees.runoff.errors.started" } });
    const rm = await electionMotion(started.decisionId);
    expect(rm.runoffOf).toBe(m.id);
    expect(rm.seats).toBe(before!.plan!.seats);

    // Notice, vote (every voter chooses the first `seats` candidates of the run-off), close.
    const cal = await loadCalendar(h.db);
    const noticed = await publishDecisionNotice(h.db, HAN, "cp_xinhua", started.decisionId, TEMPLATE_NOW);
    if (!noticed.ok) throw new Error(JSON.stringify(noticed.errors));
    let d = (await findDecision(h.db, "cp_xinhua", started.decisionId))!;
    const openAt = new Date(Math.max(d.opensAt.getTime(), firstMomentAfter(TEMPLATE_NOW, 15, cal).getTime()) + HOUR);
    const opened = await openVoting(h.db, HAN, "cp_xinhua", d.id, openAt);
    if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
    d = (await findDecision(h.db, "cp_xinhua", d.id))!;
    const secret = decryptField(d.secretEnc);
    const pick = Array.from({ length: rm.seats! }, (_, i) => `c${i + 1}`);
    let t = openAt.getTime();
    for (const v of await h.db.select().from(decisionVoters).where(eq(decisionVoters.decisionId, d.id))) {
      if (v.developer) continue;
      t += 60_000;
      const r = await castBallot(h.db, HAN, "cp_xinhua", d.id, { voterKey: v.voterKey, choices: { [rm.key]: pick } }, new Date(t), { role: "owner", castById: pseudonym(secret, "o", v.ownerIds[0]), channel: "online" });
      if (!r.ok) throw new Error(r.error);
    }
    const closed = await closeDecision(h.db, HAN, "cp_xinhua", d.id, new Date(d.countingClosesAt.getTime() + HOUR));
    if (!closed.ok) throw new Error(JSON.stringify(closed.errors));

    const after = await electionOutcome(h.db, "cp_xinhua", rm.id);
    expect(after?.outcome.formed).toBe(true);
    expect(after?.outcome.elected).toHaveLength(5);
    expect(after?.outcome.elected.slice(0, before!.outcome.elected.length)).toEqual(before!.outcome.elected);
    // The first vote cannot form a committee now (its run-off decides); the run-off can.
    expect(await formCommittee(h.db, HAN, "cp_xinhua", "dec_demo_xh_election", m.id, new Date(d.countingClosesAt.getTime() + 2 * HOUR))).toEqual({ ok: false, errors: { motionId: "committees.errors.notFormed" } });
    const formed = await formCommittee(h.db, HAN, "cp_xinhua", d.id, rm.id, new Date(d.countingClosesAt.getTime() + 2 * HOUR));
    if (!formed.ok) throw new Error(JSON.stringify(formed.errors));
    const [c] = await h.db.select().from(committees).where(eq(committees.id, formed.id));
    expect({ seats: c.seats, minSeats: c.minSeats, termStart: c.termStart }).toEqual({ seats: 5, minSeats: 3, termStart: shanghaiDay(after!.electedAt!) });
    expect(formed.memberIds).toHaveLength(5);
  });
});
