// `npm run sandbox`: the bot against a local GitHub emulator, no account and no network. It starts
// the emulator, starts the built app as its own process (as `npm start` would), sends signed
// webhooks the way GitHub does, and prints what the bot did after each one.
import { readFileSync } from "node:fs";
import { startEmulator } from "../test/emulator/index.js";
import { examplePayload } from "../test/e2e/fixtures/payloads.js";
import { startApp } from "../test/e2e/harness.js";
import { describeChanges, snapshot } from "./snapshot.js";

const owner = "WordPress";
const repo = "openverse";
const TAG = "api-2024.01.01.19.52.14";
const NOTES = [
  "## New Features",
  "",
  "- Add a script to observe the API during Redis migration",
  "  ([#3575](https://github.com/WordPress/openverse/pull/3575)) by @dhruvkb",
  "",
].join("\n");

async function main(): Promise<void> {
  const gh = await startEmulator();
  const config = readFileSync(new URL("../examples/openverse.yml", import.meta.url), "utf8");
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": config, "api/manage.py": "" } });
  const app = await startApp({ emulator: gh });
  console.log(`Release Pilot sandbox: GitHub emulator at ${gh.url}, the app at ${app.url} (pid ${app.pid})`);
  console.log(`Repository ${owner}/${repo} with examples/openverse.yml as .github/release-pilot.yml\n`);

  const releaseId = gh.addRelease({ owner, repo, tag: TAG, name: TAG, body: NOTES });
  const payload = examplePayload("release", "published", {
    owner,
    repo,
    installationId: 1,
    sender: "dhruvkb",
    overrides: { release: { id: releaseId, tag_name: TAG, name: TAG, body: NOTES }, repository: { default_branch: "main" } },
  });
  const steps = [
    { title: `release.published ${TAG}`, deliveryId: "delivery-1" },
    { title: `release.published ${TAG} again (a redelivery)`, deliveryId: "delivery-1" },
  ];
  try {
    for (const step of steps) {
      const before = snapshot(gh, owner, repo);
      const sent = await app.send("release", payload, { deliveryId: step.deliveryId });
      console.log(`→ ${step.title}: answered ${sent.status}`);
      for (const line of describeChanges(gh, owner, repo, before, snapshot(gh, owner, repo))) console.log(`  ${line}`);
      console.log();
    }
    const file = `documentation/changelogs/api/2024.01.01.19.52.14.md`;
    console.log(`${file} on changelog/${TAG}:\n${gh.file(owner, repo, `changelog/${TAG}`, file) ?? "(missing)"}`);
    if (gh.violations.length > 0) {
      console.log(`GitHub API contract violations: ${JSON.stringify(gh.violations, null, 2)}`);
      process.exitCode = 1;
    }
  } finally {
    await app.stop();
    await gh.close();
  }
}

await main();
