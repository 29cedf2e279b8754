import { timestamp, text } from "drizzle-orm/pg-core";

/** timestamptz, returned as a Date. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Rows are stamped from the server clock by the use-case (app/clock.server.ts), never by now() in SQL,
 *  so the demo clock moves every timestamp consistently. */
export const createdAt = () => timestamptz("created_at").notNull();

/** Text primary key with a readable prefix (usr_…, ses_…). */
export const idColumn = (name = "id") => text(name).primaryKey();

