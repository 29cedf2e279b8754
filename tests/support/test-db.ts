import { afterAll, beforeAll } from "vitest";
import type { DbHandle } from "~db/client.server";
import { testDb } from "./db";

/** In a test file: a fresh database copied from the template for the whole file, closed afterwards. */
export function useTestDb(): { readonly db: DbHandle["db"]; readonly handle: DbHandle } {
  const ref: { h?: DbHandle } = {};
  beforeAll(async () => {
    ref.h = await testDb();
  });
  afterAll(async () => {
    await ref.h?.close();
  });
  const handle = () => {
    if (!ref.h) throw new Error("the test database is not open yet");
    return ref.h;
  };
  return {
    get db() {
      return handle().db;
    },
    get handle() {
      return handle();
    },
  };
}
