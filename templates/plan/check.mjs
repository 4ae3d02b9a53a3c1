// The smoke check of the deployed Workers: `npm run check` (written by migrator; yours to keep).
//
// Calls GET /__migrator/check on every Worker listed in workers.json with the header
// x-migrator-check set to $MIGRATOR_CHECK_TOKEN, prints each binding's status, and exits 1
// when a Worker does not answer or any binding reports "error".
//
//   MIGRATOR_CHECK_TOKEN=...        the token set as that secret on every Worker (required)
//   WORKERS_DEV_SUBDOMAIN=...       your workers.dev subdomain, for Workers without routes
//   MIGRATOR_CHECK_URL_<WORKER>=... the check URL of one Worker (name in upper case, - as _)
//   node scripts/check.mjs [WORKER ...]   check only these Workers
import { readFileSync } from "node:fs";

const plan = JSON.parse(readFileSync(new URL("../workers.json", import.meta.url), "utf8"));
const token = process.env.MIGRATOR_CHECK_TOKEN;
if (!token) {
  console.error("check: set MIGRATOR_CHECK_TOKEN to the token the Workers hold (the MIGRATOR_CHECK_TOKEN secret)");
  process.exit(2);
}
const only = process.argv.slice(2);
const unknown = only.filter((name) => !plan.workers.some((worker) => worker.name === name));
if (unknown.length) {
  console.error(`check: no Worker named ${unknown.join(", ")} in workers.json`);
  process.exit(2);
}

function urlOf(worker) {
  const override = process.env[`MIGRATOR_CHECK_URL_${worker.name.toUpperCase().replaceAll("-", "_")}`];
  if (override) return override;
  if (worker.check_url) return worker.check_url;
  const subdomain = process.env.WORKERS_DEV_SUBDOMAIN;
  return subdomain ? `https://${worker.name}.${subdomain}.workers.dev/__migrator/check` : null;
}

let failed = false;
for (const worker of plan.workers) {
  if (only.length && !only.includes(worker.name)) continue;
  const url = urlOf(worker);
  if (!url) {
    console.log(`${worker.name}: skipped (no route; set WORKERS_DEV_SUBDOMAIN or MIGRATOR_CHECK_URL_...)`);
    continue;
  }
  let response;
  try {
    response = await fetch(url, { headers: { "x-migrator-check": token }, signal: AbortSignal.timeout(20000) });
  } catch (error) {
    console.log(`${worker.name}: error: ${url}: ${error.cause?.message ?? error.message}`);
    failed = true;
    continue;
  }
  let body;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok || body === null || typeof body.bindings !== "object" || body.bindings === null) {
    const hint = response.status === 404 ? " (is MIGRATOR_CHECK_TOKEN set on this Worker, and to this value?)" : "";
    console.log(`${worker.name}: error: ${url} answered ${response.status}${hint}`);
    failed = true;
    continue;
  }
  const bindings = Object.entries(body.bindings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const errors = bindings.filter(([, result]) => result?.status === "error");
  console.log(`${worker.name}: ${errors.length ? "error" : "ok"} (${url})`);
  for (const [name, result] of bindings) {
    console.log(`  ${name}: ${result?.status ?? "?"}${result?.detail ? ` - ${result.detail}` : ""}`);
  }
  if (errors.length) failed = true;
}
process.exit(failed ? 1 : 0);
