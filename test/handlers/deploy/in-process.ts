// The real app loaded into an in-process Probot that talks to the emulator: handler tests that
// need GitHub's state to change between events (reactions, check runs, deployment statuses)
// without starting the app as its own process.
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import app from "../../../src/app.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export async function startInProcess(): Promise<{ gh: Emulator; probot: Probot }> {
  const gh = await startEmulator();
  const probot = new Probot({
    appId: 1,
    privateKey,
    baseUrl: `${gh.url}/api/v3`,
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    logLevel: "fatal",
  });
  probot.load(app);
  return { gh, probot };
}
