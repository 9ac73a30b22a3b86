// Prints "N passed, M failed" from vitest's JSON report plus the number of failed static checks (argument 2);
// exits 1 if the report is missing or anything failed. An unhandled error vitest reports outside any test counts once.
import { readFileSync } from 'node:fs';

const failedChecks = Number(process.argv[3] ?? 0) || 0;
let report;
try {
  report = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8'));
} catch {
  console.log(`0 passed, ${1 + failedChecks} failed`);
  process.exit(1);
}
// A file that failed without a failed test (it did not load, a hook threw) counts once; a file whose
// tests failed is already counted by them (vitest's suite counters would count those twice more).
/** @type {{ status: string, assertionResults?: { status: string }[] }[]} */
const files = report.testResults ?? [];
const brokenFiles = files.filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed')).length;
const failedTests = report.numFailedTests + brokenFiles;
const unhandled = report.success === false && failedTests === 0 ? 1 : 0;
const failed = failedTests + unhandled + failedChecks;
console.log(`${report.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
