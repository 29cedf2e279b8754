/**
 * The residents' service page (rules.md §3): who manages the compound today and how to reach them, the model in
 * words and since when, the service standards and the fee schedule that apply, a scheduled change, and the
 * quarterly rating. Who serves comes only from `responsibleFor` over the stored history (./lookup.server.ts).
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, contractFeeStandards, managementPeriods, propertyCompanies, serviceContracts, type ServiceLevel } from "~db/schema";
import { compoundContacts } from "~/registry/claims.server";
import { shanghaiDay, type Day } from "~/platform/days";
import { compoundService } from "./lookup.server";
import { compoundRatingSummary, myRating, raterStanding, type RatingSummary } from "./ratings.server";
import { expiryWarning, modelOn, quarterOf, responsibleFor, type ExpiryWarning, type ManagementModel, type Responsible } from "./rules";

/** Who answers for a duty, as residents see it. A company's service phone is public; people's phones are masked. */
export type ServiceParty =
  | { kind: "company"; companyId: string; name: string; contactName: string; contactPhone: string; address: string | null; hasPartyOrg: boolean }
  | { kind: "owners_committee" | "self_management_committee"; moneyHolder: string | null }
  | { kind: "community"; nodeId: string | null; name: string | null }
  | { kind: "none"; reason: "NO_MODEL" | "NO_CONTRACT" };

export type FeeLine = {
  /** null: every unit (a quasi-property fee is one rate per m²). */
  unitKind: "dwelling" | "shop" | "parking" | null;
  item: "property" | "parking" | "other";
  basis: "per_m2_month" | "per_unit_month";
  rateFen: number;
  label: string | null;
};

export type ServicePage = {
  today: Day;
  current: {
    model: ManagementModel;
    fromDay: Day;
    basisKind: "decision" | "interim_assignment" | "initial";
    selfBody: "owners_committee" | "self_management_committee" | null;
    maintenanceBy: "body" | "community" | null;
    moneyHolder: string | null;
    community: string | null;
    quasiFeeFen: number | null;
  } | null;
  upcoming: { model: ManagementModel; fromDay: Day } | null;
  billing: ServiceParty;
  maintenance: ServiceParty;
  /** Staff whose grants cover the compound and who answer for the responsible parties (phones masked). */
  contacts: { role: string; name: string; phone: string; node: string }[];
  contract: {
    id: string;
    companyName: string;
    startDay: Day;
    endDay: Day;
    feeModel: "lump_sum" | "remuneration";
    remunerationPerMille: number | null;
    noticeDays: number;
    serviceLevel: ServiceLevel;
    expiry: ExpiryWarning;
  } | null;
  fees: FeeLine[];
  rating: {
    quarter: string;
    standing: "owner" | "resident" | null;
    mine: { stars: number; comment: string | null; createdAt: string } | null;
    canRate: boolean;
    summary: RatingSummary;
  };
};

async function nodeName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [n] = await db.select({ name: areaNodes.name }).from(areaNodes).where(eq(areaNodes.id, id));
  return n?.name ?? null;
}

async function party(db: Db, r: Responsible, moneyHolder: string | null): Promise<ServiceParty> {
  switch (r.kind) {
    case "company": {
      const [c] = await db.select().from(propertyCompanies).where(eq(propertyCompanies.id, r.companyId));
      return { kind: "company", companyId: c.id, name: c.name, contactName: c.contactName, contactPhone: c.contactPhone, address: c.address, hasPartyOrg: c.hasPartyOrg };
    }
    case "owners_committee":
    case "self_management_committee":
      return { kind: r.kind, moneyHolder };
    case "community":
      return { kind: "community", nodeId: r.nodeId, name: await nodeName(db, r.nodeId) };
    case "none":
      return r;
  }
}

const CONTACT_ROLE: Record<ServiceParty["kind"], string | null> = {
  company: "property_staff",
  owners_committee: "committee_member",
  self_management_committee: "committee_member",
  community: "community_worker",
  none: null,
};

/** Everything the residents' service page shows, for the account `userId`, on the day of `now`. */
export async function servicePage(db: Db, compound: { id: string; path: string }, userId: string, now: Date): Promise<ServicePage> {
  const today = shanghaiDay(now);
  const svc = await compoundService(db, compound.id);
  const entry = modelOn(svc.history, today);
  const row = entry
    ? (await db.select().from(managementPeriods).where(and(eq(managementPeriods.compoundId, compound.id), eq(managementPeriods.fromDay, entry.from))))[0]
    : undefined;
  const next = svc.history.filter((p) => p.from > today).sort((a, b) => (a.from < b.from ? -1 : 1))[0];

  const billingR = responsibleFor(svc, "billing", today);
  const maintenanceR = responsibleFor(svc, "maintenance", today);
  const holder = row?.moneyHolder ?? null;
  const [billing, maintenance] = await Promise.all([party(db, billingR, holder), party(db, maintenanceR, holder)]);

  const contractId = billingR.kind === "company" ? billingR.contractId : maintenanceR.kind === "company" ? maintenanceR.contractId : null;
  let contract: ServicePage["contract"] = null;
  let fees: FeeLine[] = [];
  if (contractId) {
    const [c] = await db
      .select({ c: serviceContracts, companyName: propertyCompanies.name })
      .from(serviceContracts)
      .innerJoin(propertyCompanies, eq(propertyCompanies.id, serviceContracts.companyId))
      .where(eq(serviceContracts.id, contractId));
    const end = c.c.terminatedOn ?? c.c.endDay;
    contract = {
      id: c.c.id, companyName: c.companyName, startDay: c.c.startDay, endDay: end, feeModel: c.c.feeModel, remunerationPerMille: c.c.remunerationPerMille,
      noticeDays: c.c.noticeDays, serviceLevel: c.c.serviceLevel, expiry: expiryWarning(end, today),
    };
    const UNIT_ORDER = { dwelling: 0, shop: 1, parking: 2 } as Record<string, number>;
    fees = (await db.select().from(contractFeeStandards).where(eq(contractFeeStandards.contractId, contractId)).orderBy(asc(contractFeeStandards.item)))
      .map((f) => ({ unitKind: f.unitKind as FeeLine["unitKind"], item: f.item, basis: f.basis, rateFen: f.rateFen, label: f.label }))
      .sort((a, b) => (UNIT_ORDER[a.unitKind ?? ""] ?? 9) - (UNIT_ORDER[b.unitKind ?? ""] ?? 9));
  } else if (row?.model === "quasi_property" && row.quasiFeeFen !== null) {
    fees = [{ unitKind: null, item: "property", basis: "per_m2_month", rateFen: row.quasiFeeFen, label: null }];
  }

  const roles = new Set([CONTACT_ROLE[billing.kind], CONTACT_ROLE[maintenance.kind]].filter(Boolean));
  const contacts = roles.size ? (await compoundContacts(db, compound.path, now)).filter((c) => roles.has(c.role)).map((c) => ({ ...c, phone: c.phone ?? "" })) : [];

  const quarter = quarterOf(today);
  const [standing, mine, summary] = await Promise.all([
    raterStanding(db, compound.id, userId, today),
    myRating(db, compound.id, userId, quarter),
    compoundRatingSummary(db, compound.id, today),
  ]);

  return {
    today,
    current: row
      ? {
          model: row.model, fromDay: row.fromDay, basisKind: row.basisKind, selfBody: row.selfBody, maintenanceBy: row.maintenanceBy, moneyHolder: row.moneyHolder,
          community: await nodeName(db, row.communityNodeId ?? (row.model === "quasi_property" ? svc.communityNodeId : null)), quasiFeeFen: row.quasiFeeFen,
        }
      : null,
    upcoming: next ? { model: next.model, fromDay: next.from } : null,
    billing,
    maintenance,
    contacts,
    contract,
    fees,
    rating: {
      quarter,
      standing,
      mine: mine ? { stars: mine.stars, comment: mine.comment, createdAt: mine.createdAt.toISOString() } : null,
      canRate: standing !== null && !mine && maintenanceR.kind !== "none",
      summary,
    },
  };
}
