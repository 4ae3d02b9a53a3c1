// Deploys every Worker in migration-wave order: `npm run deploy` (written by migrator).
//
// A Worker whose folder holds a `.secrets` file (NAME=value lines, never committed) is deployed
// with `--secrets-file`: a new Worker with required secrets can only get them that way.
// Arguments go to every `wrangler deploy`: `npm run deploy -- --dry-run`.
// `node scripts/deploy.mjs --only shop-api` deploys one Worker.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const plan = JSON.parse(readFileSync(join(root, "workers.json"), "utf8"));
const wrangler = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
if (!existsSync(wrangler)) {
  console.error("deploy: wrangler is not installed; run `npm install` first");
  process.exit(2);
}
const args = process.argv.slice(2);
let only = null;
const at = args.indexOf("--only");
if (at >= 0) {
  only = args[at + 1];
  args.splice(at, 2);
  if (!plan.workers.some((worker) => worker.name === only)) {
    console.error(`deploy: no Worker named ${only} in workers.json`);
    process.exit(2);
  }
}
for (const worker of plan.workers) {
  if (only && worker.name !== only) continue;
  const command = ["deploy", "-c", worker.config, ...args];
  const secrets = join(dirname(worker.config), ".secrets");
  if (existsSync(join(root, secrets))) command.push("--secrets-file", secrets);
  console.log(`\n== wave ${worker.wave}: ${worker.name}`);
  const result = spawnSync(process.execPath, [wrangler, ...command], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`deploy: ${worker.name} failed; the Workers after it were not deployed`);
    process.exit(result.status ?? 1);
  }
}
