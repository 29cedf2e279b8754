/**
 * The register of property companies (rules.md §3): registration and edits by street officers, the company
 * page (compounds served from the service contracts, the residents' ratings roll-up) and the company's staff
 * accounts — property_staff grants scoped to the company, which reach the compounds the company serves on
 * the day (loadActiveGrants in app/auth/guard.server.ts). Every write is audited in its transaction.
 */
import { and, asc, count, desc, eq, gt, gte, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, partyOrgs, propertyCompanies, roleGrants, serviceContracts, serviceRatings, users } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { auditActor, type Actor } from "~/auth/guard.server";
import { maskPhone, maskRecord } from "~/auth/mask";
import { scopesWith } from "~/auth/permissions";
import { grantInForce } from "~/auth/rules";
import { newId } from "~/ids";
import { containsText } from "~/platform/area.server";
import type { Day } from "~/platform/days";
import { isUniqueViolation } from "~/registry/maintain.server";
import type { CompanyInput, CompanyListParams, CompanyUpdateInput, StaffInput } from "./company-schema";
import { CREDIT_CODE_MESSAGES } from "./company-schema";
import { averageTenths, creditCodeProblem, normaliseCreditCode } from "./rules";

type Failure = { ok: false; errors: Record<string, string> };

/** The last day a contract serves: its termination day if ended early, else its end day. */
const lastServiceDay = sql<string>`coalesce(${serviceContracts.terminatedOn}, ${serviceContracts.endDay})`;

/** Contracts in force on `day` (both ends included). */
function servingOn(day: Day): SQL {
  return and(lte(serviceContracts.startDay, day), gte(lastServiceDay, sql`${day}::date`))!;
}

/** The audit scope of a register write: the broadest node where the actor may manage companies. */
function manageScope(actor: Actor): string | null {
  return scopesWith(actor.grants, "company:manage").sort((a, b) => a.length - b.length)[0] ?? null;
}

// ————————————————————————————————————————————————————————— the register

/** The register, paged, sorted and filtered in SQL, with the number of compounds each company serves on `today`. */
export async function listCompanies(db: Db, p: CompanyListParams, today: Day, opts: { all?: boolean } = {}) {
  const serving = db
    .select({ companyId: serviceContracts.companyId, n: sql<number>`count(distinct ${serviceContracts.compoundId})::int`.as("n") })
    .from(serviceContracts)
    .where(servingOn(today))
    .groupBy(serviceContracts.companyId)
    .as("serving");
  const conds: SQL[] = [];
  if (p.q) {
    const code = normaliseCreditCode(p.q);
    conds.push(or(containsText(propertyCompanies.name, p.q), ...(code ? [containsText(propertyCompanies.creditCode, code)] : []))!);
  }
  if (p.party) conds.push(eq(propertyCompanies.hasPartyOrg, p.party === "yes"));
  const where = conds.length ? and(...conds) : undefined;
  const sortCol = { name: propertyCompanies.name, createdAt: propertyCompanies.createdAt }[p.sort];
  const rows = await db
    .select({
      id: propertyCompanies.id,
      name: propertyCompanies.name,
      creditCode: propertyCompanies.creditCode,
      contactName: propertyCompanies.contactName,
      contactPhone: propertyCompanies.contactPhone,
      hasPartyOrg: propertyCompanies.hasPartyOrg,
      partyOrgName: partyOrgs.name,
      servingNow: sql<number>`coalesce(${serving.n}, 0)::int`,
      createdAt: propertyCompanies.createdAt,
    })
    .from(propertyCompanies)
    .leftJoin(partyOrgs, eq(partyOrgs.id, propertyCompanies.partyOrgId))
    .leftJoin(serving, eq(serving.companyId, propertyCompanies.id))
    .where(where)
    .orderBy(p.dir === "asc" ? asc(sortCol) : desc(sortCol), asc(propertyCompanies.id))
    .limit(opts.all ? 100_000 : p.size)
    .offset(opts.all ? 0 : (p.page - 1) * p.size);
  const total = Number((await db.select({ n: count() }).from(propertyCompanies).where(where))[0]?.n ?? 0);
  return {
    total,
    rows: rows.map((r) => ({ ...r, contactPhone: maskPhone(r.contactPhone), servingNow: Number(r.servingNow), createdAt: r.createdAt.toISOString() })),
  };
}

/** The Party organisations a company may name as its own (the select on the company form). */
export async function partyOrgOptions(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: partyOrgs.id, name: partyOrgs.name }).from(partyOrgs).orderBy(asc(partyOrgs.kind), asc(partyOrgs.name));
}

/** Checks shared by registration and edits (the schema checked the same; a caller may not have used it). */
async function checkCompany(db: Db, input: { creditCode: string; hasPartyOrg: boolean; partyOrgId: string | null }, selfId: string | null): Promise<Failure | null> {
  const problem = creditCodeProblem(input.creditCode);
  if (problem) return { ok: false, errors: { creditCode: CREDIT_CODE_MESSAGES[problem] } };
  if (input.partyOrgId !== null) {
    if (!input.hasPartyOrg) return { ok: false, errors: { partyOrgId: "governance.companies.errors.partyOrgWithoutFlag" } };
    if (!(await db.select({ id: partyOrgs.id }).from(partyOrgs).where(eq(partyOrgs.id, input.partyOrgId))).length) {
      return { ok: false, errors: { partyOrgId: "governance.companies.errors.partyOrgNotFound" } };
    }
  }
  const same = await db.select({ id: propertyCompanies.id }).from(propertyCompanies).where(eq(propertyCompanies.creditCode, normaliseCreditCode(input.creditCode)));
  if (same.some((c) => c.id !== selfId)) return { ok: false, errors: { creditCode: "governance.errors.creditCodeTaken" } };
  return null;
}

const TAKEN: Failure = { ok: false, errors: { creditCode: "governance.errors.creditCodeTaken" } };

/** Register a company (company:manage). Audited as company.register. */
export async function registerCompany(db: Db, actor: Actor, input: CompanyInput, now: Date): Promise<{ ok: true; id: string } | Failure> {
  const bad = await checkCompany(db, input, null);
  if (bad) return bad;
  const row = {
    id: newId("co"),
    name: input.name,
    creditCode: normaliseCreditCode(input.creditCode),
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    address: input.address,
    qualificationNotes: input.qualificationNotes,
    hasPartyOrg: input.hasPartyOrg,
    partyOrgId: input.partyOrgId,
    registeredBy: actor.user.id,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await db.transaction(async (tx) => {
      await tx.insert(propertyCompanies).values(row);
      await writeAudit(tx, now, {
        actor: auditActor(actor),
        action: "company.register",
        target: { kind: "company", id: row.id },
        scopePath: manageScope(actor),
        ip: actor.ip,
        after: maskRecord(row),
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return TAKEN;
    throw e;
  }
  return { ok: true, id: row.id };
}

/** Edit a company's details (company:manage); an empty contact phone keeps the stored one. Null: no such company. */
export async function updateCompany(db: Db, actor: Actor, companyId: string, input: CompanyUpdateInput, now: Date): Promise<{ ok: true } | Failure | null> {
  const before = (await db.select().from(propertyCompanies).where(eq(propertyCompanies.id, companyId)))[0];
  if (!before) return null;
  const bad = await checkCompany(db, input, companyId);
  if (bad) return bad;
  const changes = {
    name: input.name,
    creditCode: normaliseCreditCode(input.creditCode),
    contactName: input.contactName,
    contactPhone: input.contactPhone ?? before.contactPhone,
    address: input.address,
    qualificationNotes: input.qualificationNotes,
    hasPartyOrg: input.hasPartyOrg,
    partyOrgId: input.partyOrgId,
    updatedAt: now,
  };
  try {
    await db.transaction(async (tx) => {
      await tx.update(propertyCompanies).set(changes).where(eq(propertyCompanies.id, companyId));
      await writeAudit(tx, now, {
        actor: auditActor(actor),
        action: "company.update",
        target: { kind: "company", id: companyId },
        scopePath: manageScope(actor),
        ip: actor.ip,
        before: maskRecord(before),
        after: maskRecord({ ...before, ...changes }),
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return TAKEN;
    throw e;
  }
  return { ok: true };
}

/** One company with the name of its Party organisation, or null. */
export async function getCompany(db: Db, companyId: string) {
  const r = (
    await db
      .select({ company: propertyCompanies, partyOrgName: partyOrgs.name })
      .from(propertyCompanies)
      .leftJoin(partyOrgs, eq(partyOrgs.id, propertyCompanies.partyOrgId))
      .where(eq(propertyCompanies.id, companyId))
  )[0];
  return r ? { ...r.company, partyOrgName: r.partyOrgName } : null;
}

// ————————————————————————————————————————————————————————— the company page

export type CompanyContractRow = {
  id: string;
  compoundId: string;
  compoundName: string;
  startDay: Day;
  endDay: Day;
  terminatedOn: Day | null;
  /** Ended before the agreed end day. */
  endedEarly: boolean;
};

/** The company's contracts split into those serving on `today`, those starting later and those ended. */
export async function companyContracts(db: Db, companyId: string, today: Day) {
  const rows = await db
    .select({
      id: serviceContracts.id,
      compoundId: serviceContracts.compoundId,
      compoundName: areaNodes.name,
      startDay: serviceContracts.startDay,
      endDay: serviceContracts.endDay,
      terminatedOn: serviceContracts.terminatedOn,
    })
    .from(serviceContracts)
    .innerJoin(areaNodes, eq(areaNodes.id, serviceContracts.compoundId))
    .where(eq(serviceContracts.companyId, companyId))
    .orderBy(desc(serviceContracts.startDay), asc(areaNodes.name));
  const all: CompanyContractRow[] = rows.map((r) => ({ ...r, endedEarly: r.terminatedOn !== null && r.terminatedOn < r.endDay }));
  const last = (c: CompanyContractRow) => c.terminatedOn ?? c.endDay;
  return {
    serving: all.filter((c) => c.startDay <= today && today <= last(c)),
    upcoming: all.filter((c) => c.startDay > today),
    before: all.filter((c) => last(c) < today),
  };
}

/** The company's staff grants, current first, with the holder's name and masked phone. */
export async function companyStaff(db: Db, companyId: string, now: Date) {
  const rows = await db
    .select({ grant: roleGrants, name: users.name, phone: users.phone })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.scopeKind, "company"), eq(roleGrants.companyId, companyId), eq(roleGrants.role, "property_staff")))
    .orderBy(desc(roleGrants.validFrom), asc(users.name));
  const out = rows.map((r) => ({
    grantId: r.grant.id,
    userId: r.grant.userId,
    name: r.name,
    phone: maskPhone(r.phone),
    since: r.grant.validFrom.toISOString(),
    until: r.grant.validTo?.toISOString() ?? null,
    inForce: grantInForce(r.grant, now),
  }));
  return [...out.filter((s) => s.inForce), ...out.filter((s) => !s.inForce)];
}

// ————————————————————————————————————————————————————————— staff accounts

/**
 * Give a person a staff account of the company (company:manage): a property_staff grant scoped to the company.
 * A phone that has an account is granted; otherwise the account is created as the user administration creates
 * one (app/auth/users.server.ts createUser: no password; the person sets one with "forgot password" by SMS).
 * Null: no such company.
 */
export async function addStaff(
  db: Db,
  actor: Actor,
  companyId: string,
  input: StaffInput,
  now: Date,
): Promise<{ ok: true; created: boolean; userId: string; grantId: string } | Failure | null> {
  const company = (await db.select({ id: propertyCompanies.id, name: propertyCompanies.name }).from(propertyCompanies).where(eq(propertyCompanies.id, companyId)))[0];
  if (!company) return null;
  const existing = (await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.phone, input.phone)))[0];
  if (existing) {
    const held = await db
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.userId, existing.id),
          eq(roleGrants.scopeKind, "company"),
          eq(roleGrants.companyId, companyId),
          eq(roleGrants.role, "property_staff"),
          lte(roleGrants.validFrom, now),
          or(isNull(roleGrants.validTo), gt(roleGrants.validTo, now)),
        ),
      );
    if (held.length) return { ok: false, errors: { phone: "governance.companies.errors.alreadyStaff" } };
  }
  const userId = existing?.id ?? newId("usr");
  const scopePath = manageScope(actor);
  const grant = {
    id: newId("grt"),
    userId,
    role: "property_staff" as const,
    scopeKind: "company" as const,
    nodeId: null,
    companyId,
    partyOrgId: null,
    validFrom: now,
    validTo: null,
    grantedBy: actor.user.id,
    createdAt: now,
  };
  try {
    await db.transaction(async (tx) => {
      if (!existing) {
        const user = { id: userId, name: input.name, phone: input.phone, accountNo: null, createdAt: now };
        await tx.insert(users).values(user);
        await writeAudit(tx, now, {
          actor: auditActor(actor),
          action: "user.create",
          target: { kind: "user", id: userId },
          scopePath,
          ip: actor.ip,
          after: maskRecord({ ...user, role: grant.role, companyId }),
        });
      }
      await tx.insert(roleGrants).values(grant);
      await writeAudit(tx, now, {
        actor: auditActor(actor),
        action: "company.staff_add",
        target: { kind: "company", id: companyId },
        scopePath,
        ip: actor.ip,
        after: maskRecord({ grantId: grant.id, userId, name: existing?.name ?? input.name, phone: input.phone, role: grant.role, created: !existing }),
      });
    });
  } catch (e) {
    // Someone registered the phone in between: the form answers as for a taken phone.
    if (isUniqueViolation(e)) return { ok: false, errors: { phone: "errors.phoneTaken" } };
    throw e;
  }
  return { ok: true, created: !existing, userId, grantId: grant.id };
}

/**
 * End a staff grant of the company (company:manage): its end is set to now, the row stays. False when the
 * grant is not a staff grant of this company.
 */
export async function endStaff(db: Db, actor: Actor, companyId: string, grantId: string, now: Date): Promise<boolean> {
  const g = (
    await db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.scopeKind, "company"), eq(roleGrants.companyId, companyId), eq(roleGrants.role, "property_staff")))
  )[0];
  if (!g) return false;
  if (!grantInForce(g, now) && g.validFrom <= now) return true; // already ended
  const validTo = g.validFrom > now ? g.validFrom : now;
  await db.transaction(async (tx) => {
    await tx.update(roleGrants).set({ validTo }).where(eq(roleGrants.id, grantId));
    await writeAudit(tx, now, {
      actor: auditActor(actor),
      action: "company.staff_end",
      target: { kind: "company", id: companyId },
      scopePath: manageScope(actor),
      ip: actor.ip,
      before: maskRecord(g),
      after: maskRecord({ ...g, validTo }),
    });
  });
  return true;
}
