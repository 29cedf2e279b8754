import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, timestamptz } from "./columns";
import { areaNodes } from "./platform";

export const ROLES = [
  "city_admin",
  "street_officer",
  "community_worker",
  "party_reviewer",
  "prep_group_member",
  "committee_member",
  "property_staff",
  "owner",
  "resident",
] as const;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** 11-digit mainland mobile number; the login identifier. Masked on screen. */
    phone: text("phone"),
    /** For people sharing a family phone: an account number that logs in instead of the phone. */
    accountNo: text("account_no"),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: text("locale", { enum: ["zh-CN", "en"] }).notNull().default("zh-CN"),
    largeText: boolean("large_text").notNull().default(false),
    disabledAt: timestamptz("disabled_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_phone_uq").on(t.phone),
    uniqueIndex("users_account_no_uq").on(t.accountNo),
    check("users_login_id", sql`${t.phone} is not null or ${t.accountNo} is not null`),
  ],
);

/** Sessions after Lucia's guide: the token is `${id}.${secret}`; only SHA-256(secret) is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    secretHash: text("secret_hash").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamptz("last_seen_at").notNull(),
    /** When the user last re-entered their password in this session (security.md item 6). */
    reauthAt: timestamptz("reauth_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** A user holds a role at a scope: a node of the area tree, a property company or a Party organisation.
 *  Validity is checked against the server clock, so an expired grant needs no job to revoke it. */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "restrict" }),
    role: text("role", { enum: ROLES }).notNull(),
    scopeKind: text("scope_kind", { enum: ["node", "company", "party_org"] }).notNull(),
    nodeId: text("node_id").references(() => areaNodes.id, { onDelete: "restrict" }),
    /** Set for company-scoped grants; the table arrives with the management-models issue. */
    companyId: text("company_id"),
    /** Set for Party-organisation grants; the table arrives with the registry issue. */
    partyOrgId: text("party_org_id"),
    validFrom: timestamptz("valid_from").notNull(),
    validTo: timestamptz("valid_to"),
    grantedBy: text("granted_by"),
    createdAt: createdAt(),
  },
  (t) => [
    index("role_grants_user_idx").on(t.userId),
    index("role_grants_node_idx").on(t.nodeId),
    check(
      "role_grants_scope",
      sql`(${t.scopeKind} = 'node' and ${t.nodeId} is not null) or (${t.scopeKind} = 'company' and ${t.companyId} is not null) or (${t.scopeKind} = 'party_org' and ${t.partyOrgId} is not null)`,
    ),
    check("role_grants_valid", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

/** Failed logins, counted per account and per IP over a sliding window (security.md item 3). */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: text("id").primaryKey(),
    key: text("key").notNull(),
    at: timestamptz("at").notNull(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);

/** One-time codes (password reset). Only an HMAC of the code is stored; never logged. */
export const oneTimeCodes = pgTable(
  "one_time_codes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["password_reset"] }).notNull(),
    codeHash: text("code_hash").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("one_time_codes_user_idx").on(t.userId)],
);
