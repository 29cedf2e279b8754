// `npm run admin:create -- --phone 13800000000 --name 周建国 [--city 江安市]`
// Creates a city administrator. The password is asked for (hidden) on a terminal, or read from stdin.
import { parseArgs } from "node:util";
import readline from "node:readline";
import { appDbHandle, closeAppDb, migrateDb } from "~db/client.server";
import { createCityAdmin } from "~/auth/admin-create.server";
import { normalisePhone } from "~/auth/rules";
import { now, initClock } from "~/clock.server";
import { seedHolidays } from "~seeds/holidays";

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  }
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // Hide what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(q)) process.stdout.write(q);
      };
      rl.question(q, (a) => {
        rl.close();
        process.stdout.write("\n");
        resolve(a);
      });
    });
  const a = await ask("Password (at least 8 characters): ");
  const b = await ask("Password again: ");
  if (a !== b) throw new Error("The two passwords differ.");
  return a;
}

async function main() {
  const { values } = parseArgs({
    options: { phone: { type: "string" }, name: { type: "string" }, city: { type: "string" } },
    strict: true,
  });
  const phone = normalisePhone(values.phone ?? "");
  if (!phone || !values.name?.trim()) {
    console.error("Usage: npm run admin:create -- --phone 13800000000 --name 姓名 [--city 城市名]");
    process.exit(2);
  }
  const password = await readPassword();
  const h = await appDbHandle();
  await migrateDb(h);
  await initClock(h.db);
  const r = await createCityAdmin(h.db, { phone, name: values.name.trim(), password, cityName: values.city }, now());
  // The State Council's holiday calendars the app ships with (reference data every legal period needs).
  if (r.ok) await seedHolidays(h.db, now());
  await closeAppDb();
  if (!r.ok) {
    console.error(`Not created: ${r.reason}`);
    process.exit(1);
  }
  console.log(`City administrator created (user ${r.userId}, city ${r.cityId}). Log in at /login with ${phone}.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
