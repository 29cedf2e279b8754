import type { Role } from "~db/schema/auth";
import { ROLES } from "~db/schema/auth";

/**
 * Permissions as typed strings, one table, one check (style.md habit 4). The server always checks through
 * app/auth/guard.server.ts; the UI may use `can()` only to hide what the server would refuse anyway.
 */
const ALL = ROLES;
export const PERMISSIONS = {
  /** See an area node (district, street, community) and what lies inside it. */
  "area:view": ["city_admin", "street_officer", "community_worker", "party_reviewer"],
  /** See a compound's home. */
  "compound:view": ALL,
  "audit:read": ["city_admin", "street_officer"],
  "user:manage": ["city_admin", "street_officer", "community_worker"],
  "grant:manage": ["city_admin", "street_officer", "community_worker"],
  /** Reveal a full phone or ID number (with re-authentication; the reveal is audited). */
  "person:reveal": ["city_admin", "street_officer", "community_worker"],
  /** Keep the register of Party organisations and what each covers. */
  "party:manage": ["city_admin"],
  /** Keep the holiday calendar (State Council's rest days and 调休 working days). */
  "calendar:manage": ["city_admin"],
  /** Maintain the registry (buildings, units, owners, ownership) within scope. */
  "registry:manage": ["city_admin", "street_officer", "community_worker"],
  /** Read the registry of a compound: units, areas and the owner roll (names masked as needed). */
  "registry:view": ["city_admin", "street_officer", "community_worker", "committee_member", "prep_group_member"],
  /** Post and take down notices on a compound's notice board. */
  "notice:post": ["city_admin", "street_officer", "community_worker", "committee_member", "prep_group_member", "property_staff"],
  /** Verify or reject owners' claims to units. */
  "claim:verify": ["city_admin", "street_officer", "community_worker", "committee_member"],
  /** See a compound's owners' decisions once noticed: agenda, dates, results. */
  "decision:view": ALL,
  /** Draft and run an owners' assembly meeting: agenda, notice, objections, proxies, opening and closing. */
  "decision:organise": ["street_officer", "committee_member", "prep_group_member"],
  /** Open the ballot page and object to the roll; whether one is on the roll is the decision's own check. */
  "decision:vote": ALL,
  /** Download a closed decision's record (the compound's owners and the supervising street office). */
  "decision:record": ["street_officer", "committee_member", "prep_group_member", "owner"],
  /** Download labels.json: who is behind each pseudonym (the organiser and the street office). */
  "decision:labels": ["street_officer", "committee_member", "prep_group_member"],
  /** See a compound's committee election: the preparatory group, the published candidate list, objections. */
  "election:view": ALL,
  /** Form and dissolve a preparatory group, settle objections to it, follow every compound's stage. */
  "election:supervise": ["city_admin", "street_officer"],
  /** Run the election for the group: set it up, record organisations' nominations, submit, publish, answer objections. */
  "election:organise": ["street_officer", "community_worker", "prep_group_member"],
  /** Vet candidates jointly (联审) for a Party organisation that covers the compound. */
  "election:review": ["party_reviewer"],
  /** Choose which Party organisations a street requires for joint vetting. */
  "election:configure": ["city_admin", "street_officer"],
  /** See the register of property companies (and a company's page). */
  "company:view": ["city_admin", "street_officer", "community_worker"],
  /** Register and edit property companies and their staff accounts. */
  "company:manage": ["city_admin", "street_officer"],
  /** See who manages a compound, its service standards and fee schedule, and rate the service. */
  "service:view": ALL,
  /** Record a management-model change (with its basis) and service contracts. */
  "model:manage": ["street_officer", "committee_member"],
  /** Assign community quasi-property service to an unmanaged compound as an interim measure (the street office). */
  "model:assign_interim": ["street_officer"],
  /** Confirm handover items for one's own side. */
  "handover:confirm": ["street_officer", "community_worker", "committee_member", "property_staff"],
  /** Read service contracts in full (the signed document, fee model, notice). */
  "contract:view": ["city_admin", "street_officer", "community_worker", "committee_member", "property_staff"],
  /** See a compound's owners' committee: its term, members, alternates, tasks with legal deadlines, filings. */
  "committee:view": ["city_admin", "street_officer", "community_worker", "committee_member"],
  /** Act for the committee as a member in office: the first meeting, the member list, filings (备案). */
  "committee:act": ["committee_member"],
  /** Record membership changes (resignation, removal, no longer an owner) and seat alternates in vacancies. */
  "committee:members": ["street_officer", "committee_member"],
  /** The street office's side: accept or return filings, see committee status per compound. */
  "committee:supervise": ["city_admin", "street_officer"],
  /** See a compound's fee accounts: schedules, runs, bills, payments, arrears (payers' names masked), collection rate. */
  "fees:view": ["city_admin", "street_officer", "community_worker", "committee_member", "property_staff"],
  /**
   * Collect: fee schedules, billing runs, payments, reminders. Only for the collecting body under the model in
   * force (the context checks the side: the company's staff, a committee member, the community's worker).
   */
  "fees:collect": ["community_worker", "committee_member", "property_staff"],
  /** See one's own bills (an owner's units, a resident's unit), pay them online, download receipts. */
  "fees:pay": ["owner", "resident"],
  /** Collection rates and arrears per compound across an area. */
  "fees:supervise": ["city_admin", "street_officer"],
  /** Demo mode only: move the server clock. */
  "clock:advance": ["city_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export type ActiveGrant = {
  id: string;
  role: Role;
  scopeKind: "node" | "company" | "party_org";
  nodeId: string | null;
  /** Materialised path of the grant's node ("/city/d1/"); a grant covers every node whose path starts with it. */
  nodePath: string | null;
  nodeKind: string | null;
  nodeName: string | null;
  validTo: Date | null;
};

export function roleHas(role: Role, perm: Permission): boolean {
  return (PERMISSIONS[perm] as readonly Role[]).includes(role);
}

/** Does any grant give `perm` at the node with path `targetPath`? */
export function can(grants: readonly ActiveGrant[], perm: Permission, targetPath: string): boolean {
  return grants.some((g) => g.nodePath !== null && targetPath.startsWith(g.nodePath) && roleHas(g.role, perm));
}

/** The grants that give `perm` somewhere (for lists that span a user's scopes). */
export function scopesWith(grants: readonly ActiveGrant[], perm: Permission): string[] {
  return grants.filter((g) => g.nodePath !== null && roleHas(g.role, perm)).map((g) => g.nodePath!);
}
