/**
 * `npm run verify -- FILE`: verifies a decision record (docs: shared/decision-record.md). Prints exactly one
 * RFC 8785 canonical JSON object on stdout and exits 0 when `ok`, 1 when not; exits 2 with empty stdout and
 * one line on stderr when the file is not a structurally valid record.
 */
import { readFileSync } from "node:fs";
import { canonicalOutput, verifyRecord } from "../app/decisions/record";

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== "--");
  if (args.length !== 1) {
    process.stderr.write("usage: npm run verify -- FILE\n");
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(args[0]);
  } catch (e) {
    process.stderr.write(`cannot read ${args[0]}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
    return 2;
  }
  const r = verifyRecord(bytes);
  if (r.exit === 2) {
    process.stderr.write(`${r.message.replace(/[\r\n]+/g, " ")}\n`);
    return 2;
  }
  // The canonical text, newline-terminated like the worked examples' .verify.json files.
  process.stdout.write(`${canonicalOutput(r.output)}\n`);
  return r.exit;
}

process.exitCode = main(process.argv.slice(2));
