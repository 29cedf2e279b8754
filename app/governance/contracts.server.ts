/**
 * Service contracts (rules.md §3): recording a contract with its fee standards, service level and signed document;
 * ending one early by an owners' decision with the notice period (民法典 Art. 946); the contract page; and the
 * street's list of contracts about to expire or ended without a successor. Each write is one transaction that
 * also writes its audit row; another compound's contract is not found.
 */
import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, compounds, contractFeeStandards, decisions, files, managementPeriods, propertyCompanies, serviceContracts } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { newId } from "~/ids";
import { escapeLike, nodePath, withinPath } from "~/platform/area.server";
import { storeFiles, type CheckedFile } from "~/platform/files.server";
import { addDays, type Day } from "~/platform/days";
import type { FieldErrors } from "~/ui/form.server";
import { earliestDismissalEnd, EXPIRY_URGENT_DAYS, EXPIRY_WARN_DAYS, overlappingContract, periodValid } from "./rules";
import { basisProblemKey, decisionBasisProblem, terminationProblem, type TerminationProblem } from "./management-rules";
import { contractStatus, decisionFactsOf, managerDecisionChoices } from "./models.server";
import type { ContractInput, ExpiringListParams } from "./contract-schema";
import type { TerminateInput } from "./model-schema";

type Fail = { ok: false; errors: FieldErrors; earliest?: Day };
const fail = (field: string, key: string, extra: Partial<Fail> = {}): Fail => ({ ok: false, errors: { [field]: key }, ...extra });

/** The companies on the register, for the contract form's select. */
export async function companyChoices(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: propertyCompanies.id, name: propertyCompanies.name }).from(propertyCompanies).orderBy(asc(propertyCompanies.name), asc(propertyCompanies.id));
}

/** What the new-contract form needs: the register and the decisions that may carry the contract. */
export async function contractFormPage(db: Db, compoundId: string) {
  const [companies, choices] = await Promise.all([companyChoices(db), managerDecisionChoices(db, compoundId)]);
  return { companies, decisions: choices };
}

/**
 * Record a service contract. Refused, with nothing written: an unknown company, an inverted period, a decision
 * that cannot carry it, or a period sharing a day with another contract of the compound (to its last day of
 * service). The compound row is locked first, so two contracts recorded at once cannot both pass the overlap check.
 */
export async function createContract(
  db: Db,
  actor: { id: string; name: string },
  compoundId: string,
  input: ContractInput,
  document: CheckedFile | null,
  now: Date,
): Promise<Fail | { ok: true; id: string }> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: compounds.id }).from(compounds).where(eq(compounds.id, compoundId)).for("update");
    if (!locked) return fail("_form", "errors.invalid");
    const [company] = await tx.select({ id: propertyCompanies.id, name: propertyCompanies.name }).from(propertyCompanies).where(eq(propertyCompanies.id, input.companyId));
    if (!company) return fail("companyId", "governance.contracts.errors.companyUnknown");
    if (!periodValid({ start: input.startDay, end: input.endDay })) return fail("endDay", "governance.errors.periodInverted");
    const cited = input.motionId ? await decisionFactsOf(tx, input.motionId) : null;
    if (input.motionId) {
      const problem = decisionBasisProblem(compoundId, cited?.facts ?? null);
      if (problem) return fail("motionId", basisProblemKey(problem));
    }
    const existing = await tx
      .select({ id: serviceContracts.id, start: serviceContracts.startDay, end: sql<Day>`coalesce(${serviceContracts.terminatedOn}, ${serviceContracts.endDay})::text` })
      .from(serviceContracts)
      .where(eq(serviceContracts.compoundId, compoundId));
    if (overlappingContract(existing, { id: "", start: input.startDay, end: input.endDay })) return fail("startDay", "governance.errors.contractOverlap");

    const id = newId("svc");
    const [doc] = document ? await storeFiles(tx, { compoundId, ownerKind: "contract", ownerId: id, createdBy: actor.id }, [document], now) : [];
    await tx.insert(serviceContracts).values({
      id,
      compoundId,
      companyId: company.id,
      startDay: input.startDay,
      endDay: input.endDay,
      feeModel: input.feeModel,
      remunerationPerMille: input.feeModel === "remuneration" ? input.remunerationPerMille : null,
      noticeDays: input.noticeDays,
      serviceLevel: input.serviceLevel,
      documentFileId: doc?.id ?? null,
      decisionId: cited?.decisionId ?? null,
      createdBy: actor.id,
      createdAt: now,
    });
    if (input.rates.length) await tx.insert(contractFeeStandards).values(input.rates.map((r) => ({ id: newId("cfs"), contractId: id, ...r })));
    await writeAudit(tx, now, {
      actor,
      action: "contract.create",
      target: { kind: "service_contract", id },
      scopePath: await nodePath(tx, compoundId),
      after: {
        companyId: company.id, company: company.name, startDay: input.startDay, endDay: input.endDay, feeModel: input.feeModel,
        remunerationPerMille: input.remunerationPerMille, noticeDays: input.noticeDays, decisionId: cited?.decisionId ?? null,
        documentFileId: doc?.id ?? null, rates: input.rates.length,
      },
    });
    return { ok: true as const, id };
  });
}

/** The contract page: everything recorded, with the decisions that may end it early. Null = not this compound's. */
export async function contractPage(db: Db, compoundId: string, contractId: string, today: Day) {
  const [row] = await db
    .select({ c: serviceContracts, companyName: propertyCompanies.name, contactName: propertyCompanies.contactName })
    .from(serviceContracts)
    .innerJoin(propertyCompanies, eq(propertyCompanies.id, serviceContracts.companyId))
    .where(and(eq(serviceContracts.id, contractId), eq(serviceContracts.compoundId, compoundId)));
  if (!row) return null;
  const c = row.c;
  const [rates, doc, decisionRows, choices] = await Promise.all([
    db.select().from(contractFeeStandards).where(eq(contractFeeStandards.contractId, c.id)),
    c.documentFileId
      ? db.select({ id: files.id, displayName: files.displayName, mime: files.mime, size: files.size }).from(files).where(and(eq(files.id, c.documentFileId), eq(files.compoundId, compoundId)))
      : Promise.resolve([]),
    db.select({ id: decisions.id, title: decisions.title }).from(decisions).where(and(eq(decisions.compoundId, compoundId), sql`${decisions.id} in (${c.decisionId ?? ""}, ${c.terminationDecisionId ?? ""})`)),
    managerDecisionChoices(db, compoundId),
  ]);
  const title = new Map(decisionRows.map((d) => [d.id, d.title]));
  const order = { dwelling: 0, shop: 1, parking: 2 } as const;
  const itemOrder = { property: 0, parking: 1, other: 2 } as const;
  return {
    contract: {
      id: c.id,
      companyId: c.companyId,
      companyName: row.companyName,
      contactName: row.contactName,
      startDay: c.startDay,
      endDay: c.endDay,
      terminatedOn: c.terminatedOn,
      feeModel: c.feeModel,
      remunerationPerMille: c.remunerationPerMille,
      noticeDays: c.noticeDays,
      serviceLevel: c.serviceLevel,
      decision: c.decisionId ? { id: c.decisionId, title: title.get(c.decisionId) ?? "" } : null,
      terminationDecision: c.terminationDecisionId ? { id: c.terminationDecisionId, title: title.get(c.terminationDecisionId) ?? "" } : null,
      document: doc[0] ?? null,
      createdAt: c.createdAt.toISOString(),
      ...contractStatus(c, today),
    },
    rates: rates
      .sort((a, b) => order[a.unitKind] - order[b.unitKind] || itemOrder[a.item] - itemOrder[b.item])
      .map((r) => ({ unitKind: r.unitKind, item: r.item, basis: r.basis, rateFen: r.rateFen })),
    // Each decision that could end it, with the earliest last day its notice allows.
    decisions: choices.map((d) => ({ ...d, earliestEnd: d.decidedOn ? earliestDismissalEnd(d.decidedOn, c.noticeDays) : null })),
  };
}

const TERMINATION_KEYS: Record<TerminationProblem, string> = {
  OUTSIDE_PERIOD: "governance.contracts.errors.terminationOutsidePeriod",
  BEFORE_DECISION: "governance.contracts.errors.terminationBeforeDecision",
  NOTICE_TOO_SHORT: "governance.contracts.errors.noticeTooShort",
};

/**
 * End a contract early by an owners' decision (a closed, passed category-4 motion of this compound): the last day
 * of service is at least the notice after the decision day (60 days unless the contract agreed otherwise), unless
 * the decision itself sets the day. Sets terminated_on; the period is never rewritten. Null = not this compound's.
 */
export async function terminateContract(
  db: Db,
  actor: { id: string; name: string },
  compoundId: string,
  contractId: string,
  input: TerminateInput,
  now: Date,
): Promise<Fail | { ok: true } | null> {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(serviceContracts).where(and(eq(serviceContracts.id, contractId), eq(serviceContracts.compoundId, compoundId))).for("update");
    if (!c) return null;
    if (c.terminatedOn) return fail("_form", "governance.contracts.errors.alreadyTerminated");
    const cited = await decisionFactsOf(tx, input.motionId);
    const problem = decisionBasisProblem(compoundId, cited?.facts ?? null);
    if (problem || !cited) return fail("motionId", basisProblemKey(problem ?? "DECISION_NOT_FOUND"));
    const decidedOn = cited.decidedOn!;
    const tp = terminationProblem({ terminatedOn: input.terminatedOn, decidedOn, noticeDays: c.noticeDays, start: c.startDay, end: c.endDay, decisionSetsDay: input.decisionSetsDay });
    if (tp) return fail("terminatedOn", TERMINATION_KEYS[tp], tp === "NOTICE_TOO_SHORT" ? { earliest: earliestDismissalEnd(decidedOn, c.noticeDays) } : {});
    await tx.update(serviceContracts).set({ terminatedOn: input.terminatedOn, terminationDecisionId: cited.decisionId }).where(eq(serviceContracts.id, c.id));
    await writeAudit(tx, now, {
      actor,
      action: "contract.terminate",
      target: { kind: "service_contract", id: c.id },
      scopePath: await nodePath(tx, compoundId),
      before: { terminatedOn: null },
      after: { terminatedOn: input.terminatedOn, decisionId: cited.decisionId, motionId: cited.motionId, decidedOn, noticeDays: c.noticeDays, decisionSetsDay: input.decisionSetsDay },
    });
    return { ok: true as const };
  });
}

/** The signed document of this compound's contract, or null. */
export async function contractDocument(db: Db, compoundId: string, contractId: string) {
  const [c] = await db.select({ fileId: serviceContracts.documentFileId }).from(serviceContracts).where(and(eq(serviceContracts.id, contractId), eq(serviceContracts.compoundId, compoundId)));
  if (!c?.fileId) return null;
  const [f] = await db.select().from(files).where(and(eq(files.id, c.fileId), eq(files.compoundId, compoundId), eq(files.ownerKind, "contract"), eq(files.ownerId, contractId)));
  return f ?? null;
}

// ————————————————————————————————————————————————————————— the street's expiring contracts

export type ExpiringRow = {
  contractId: string;
  compoundId: string;
  compoundName: string;
  companyName: string;
  startDay: Day;
  endDay: Day;
  terminatedOn: Day | null;
  /** The last day of service (termination day if ended early). */
  lastDay: Day;
  level: "expired" | "within_30" | "within_90";
  /** The next contract of the compound, if one is recorded: its first day. */
  successorStart: Day | null;
};

/**
 * Contracts of compounds under the node at `scopePath` whose service ends within 90 days, or has ended with no
 * later contract while the compound is still (or has no other model than) under a property company. Level as
 * expiryWarning gives it. Paged, sorted and filtered in SQL.
 */
export async function listExpiringContracts(db: Db, scopePath: string, p: ExpiringListParams, today: Day, opts: { all?: boolean } = {}) {
  const last = sql<Day>`coalesce(${serviceContracts.terminatedOn}, ${serviceContracts.endDay})`;
  const todayD = sql`${today}::date`;
  const warnD = sql`${addDays(today, EXPIRY_WARN_DAYS)}::date`;
  const urgentD = sql`${addDays(today, EXPIRY_URGENT_DAYS)}::date`;
  const successor = sql<Day | null>`(select min(s.start_day)::text from ${serviceContracts} s where s.compound_id = ${serviceContracts.compoundId} and s.start_day > ${last})`;
  const modelToday = sql`(select mp.model from ${managementPeriods} mp where mp.compound_id = ${serviceContracts.compoundId} and mp.from_day <= ${todayD} order by mp.from_day desc limit 1)`;
  const level = sql<ExpiringRow["level"]>`case when ${last} < ${todayD} then 'expired' when ${last} <= ${urgentD} then 'within_30' else 'within_90' end`;
  const where = and(
    withinPath(areaNodes.path, scopePath),
    or(
      and(sql`${last} >= ${todayD}`, sql`${last} <= ${warnD}`),
      and(sql`${last} < ${todayD}`, sql`${successor} is null`, sql`coalesce(${modelToday}, 'property_company') = 'property_company'`),
    ),
    p.level ? sql`${level} = ${p.level}` : undefined,
    p.q ? or(ilike(areaNodes.name, `%${escapeLike(p.q)}%`), ilike(propertyCompanies.name, `%${escapeLike(p.q)}%`)) : undefined,
  );
  const sortCol: SQL = p.sort === "compound" ? sql`${areaNodes.name}` : p.sort === "company" ? sql`${propertyCompanies.name}` : sql`${last}`;
  const order = p.dir === "asc" ? [asc(sortCol), asc(areaNodes.name), asc(serviceContracts.id)] : [desc(sortCol), desc(areaNodes.name), desc(serviceContracts.id)];
  const q = db
    .select({
      contractId: serviceContracts.id,
      compoundId: serviceContracts.compoundId,
      compoundName: areaNodes.name,
      companyName: propertyCompanies.name,
      startDay: serviceContracts.startDay,
      endDay: serviceContracts.endDay,
      terminatedOn: serviceContracts.terminatedOn,
      lastDay: sql<Day>`${last}::text`,
      level,
      successorStart: successor,
    })
    .from(serviceContracts)
    .innerJoin(areaNodes, eq(areaNodes.id, serviceContracts.compoundId))
    .innerJoin(propertyCompanies, eq(propertyCompanies.id, serviceContracts.companyId))
    .where(where)
    .orderBy(...order);
  const rows: ExpiringRow[] = opts.all ? await q.limit(100_000) : await q.limit(p.size).offset((p.page - 1) * p.size);
  const [{ n }] = await db
    .select({ n: count() })
    .from(serviceContracts)
    .innerJoin(areaNodes, eq(areaNodes.id, serviceContracts.compoundId))
    .innerJoin(propertyCompanies, eq(propertyCompanies.id, serviceContracts.companyId))
    .where(where);
  return { rows, total: Number(n) };
}
