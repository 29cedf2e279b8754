import { openDb, migrateDb } from "~db/client.server";
import { seedCity } from "~seeds/city-gen";
const h = await openDb({ kind: "postgres", url: process.env.DATABASE_URL! });
await migrateDb(h);
console.log(await seedCity(h.db, { perCompound: true }));
await h.close();
