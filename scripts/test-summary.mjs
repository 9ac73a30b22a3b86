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
const failedTests = report.numFailedTests + (report.numFailedTestSuites ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
const unhandled = report.success === false && failedTests === 0 ? 1 : 0;
const failed = failedTests + unhandled + failedChecks;
console.log(`${report.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
