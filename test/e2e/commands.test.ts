// Who the bot obeys, end to end: permission read from GitHub at processing time, bots ignored,
// every refusal and every broken config answered in a comment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { examplePayload } from "./fixtures/payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "acme";
const CONFIG = `environments:
  staging: { follows: { branch: main }, deploy: { workflow: deploy.yml } }
  production: { deploy: { workflow: deploy.yml } }
`;
let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo: "web", files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG) } });
  gh.createRepo({
    owner,
    repo: "broken",
    files: { ".github/release-pilot.yml": "environments:\n  prod: { aprovals: 2 }\n", ...workflowsFor("environments:\n  prod: { aprovals: 2 }\n") },
  });
  gh.setPermission(owner, "web", "maintainer", "write");
  gh.setPermission(owner, "web", "reader", "read");
  gh.setPermission(owner, "broken", "maintainer", "admin");
  app = await startApp({ emulator: gh });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

async function command(repo: string, body: string, login: string, type = "User") {
  const number = gh.addIssue({ owner, repo, title: "Release" });
  const commentId = gh.addComment(owner, repo, number, body, login);
  const payload = examplePayload("issue_comment", "created", {
    owner,
    repo,
    installationId: 1,
    sender: login,
    overrides: { issue: { number }, comment: { id: commentId, body, user: { login, type } }, sender: { login, type } },
  });
  const sent = await app.send("issue_comment", payload);
  expect(sent.status).toBeLessThan(300);
  return { number, commentId };
}

function botReplies(repo: string, number: number) {
  return gh.comments(owner, repo, number).filter((c) => c.user.login === "release-pilot[bot]");
}

describe("slash commands", () => {
  it("answers /help from a maintainer with the commands and this repository's environments", async () => {
    const { number, commentId } = await command("web", "/help", "maintainer");
    const [answer] = await app.waitFor(() => (botReplies("web", number).length > 0 ? botReplies("web", number) : undefined));
    expect(answer!.body).toContain("/deploy");
    expect(answer!.body).toContain("staging");
    expect(gh.reactions(owner, "web", commentId)).toContain("eyes");
  });

  it("politely refuses someone with read access", async () => {
    const { number } = await command("web", "/deploy production", "reader");
    const [answer] = await app.waitFor(() => (botReplies("web", number).length > 0 ? botReplies("web", number) : undefined));
    expect(answer!.body).toMatch(/^@reader sorry, only people with write access/);
  });

  it("answers a typo with the nearest command", async () => {
    const { number } = await command("web", "/deplyo staging", "maintainer");
    const [answer] = await app.waitFor(() => (botReplies("web", number).length > 0 ? botReplies("web", number) : undefined));
    expect(answer!.body).toContain("/deploy");
  });

  it("ignores commands typed by bots", async () => {
    const { number } = await command("web", "/help", "dependabot[bot]", "Bot");
    expect(botReplies("web", number)).toEqual([]);
  });

  it("answers every command with the config's errors while the config is broken", async () => {
    const { number } = await command("broken", "/help", "maintainer");
    const [answer] = await app.waitFor(() => (botReplies("broken", number).length > 0 ? botReplies("broken", number) : undefined));
    expect(answer!.body).toContain("environments.prod");
  });
});
