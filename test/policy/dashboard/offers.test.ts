// The dashboard's offers and ticks: what is offered comes from the state, a tick is a box the bot
// drew going from unticked to ticked, and the command run is the offer's, whatever the body says.
import { describe, expect, it } from "vitest";
import { dashboardOffers, decideTick, offerLines, tickedOfferIds } from "../../../src/policy/dashboard/index.js";
import type { EnvironmentStatus, StatusFacts } from "../../../src/policy/status/index.js";

const SHA = "a".repeat(40);
const OLD = "b".repeat(40);
const deployed = (sha: string, imageTag?: string) => ({
  ref: sha,
  sha,
  at: "2024-10-21T12:00:00Z",
  by: "leo",
  ...(imageTag === undefined ? {} : { imageTag }),
});

function env(name: string, apps: EnvironmentStatus["apps"], requires?: string[]): EnvironmentStatus {
  return { name, url: null, apps, lock: undefined, ...(requires === undefined ? {} : { requires }) };
}

function status(environments: EnvironmentStatus[], multiApp = false): StatusFacts {
  return { repo: "acme/shop", now: "2024-10-21T12:00:00Z", multiApp, environments, apps: [], checklists: undefined };
}

describe("dashboardOffers", () => {
  it("offers to promote along requires what the target does not run yet", () => {
    const offers = dashboardOffers(
      status([env("staging", [{ app: "shop", deployed: deployed(SHA) }]), env("production", [{ app: "shop", deployed: deployed(OLD) }], ["staging"])]),
    );
    expect(offers).toEqual([
      { id: "promote:staging:production:shop", label: "promote staging → production (aaaaaaa)", command: "/promote staging production" },
    ]);
  });

  it("follows the config's order when no environment requires another, and names the app in a monorepo", () => {
    const offers = dashboardOffers(
      status(
        [
          env("dev", [{ app: "api", deployed: deployed(SHA, "api-1.2") }]),
          env("staging", [{ app: "api", deployed: undefined }]),
          env("prod", [{ app: "api", deployed: undefined }]),
        ],
        true,
      ),
    );
    expect(offers.map((offer) => offer.command)).toEqual(["/promote dev staging api"]);
    expect(offers[0]?.label).toBe("promote dev → staging (api api-1.2)");
  });

  it("offers nothing to promote when the target already runs it, and retry and roll back for a failure", () => {
    const same = dashboardOffers(
      status([env("staging", [{ app: "shop", deployed: deployed(SHA) }]), env("production", [{ app: "shop", deployed: deployed(SHA) }], ["staging"])]),
    );
    expect(same).toEqual([]);
    const failed = dashboardOffers(status([env("production", [{ app: "shop", deployed: deployed(OLD), failed: deployed(SHA) }])]));
    expect(failed.map((offer) => offer.command)).toEqual(["/deploy production aaaaaaa", "/rollback production"]);
  });
});

describe("ticks", () => {
  const offers = dashboardOffers(
    status([env("staging", [{ app: "shop", deployed: deployed(SHA) }]), env("production", [{ app: "shop", deployed: undefined }], ["staging"])]),
  );
  const drawn = offerLines(offers).join("\n");
  const ticked = drawn.replace("- [ ] ", "- [x] ");

  it("counts a drawn box going from unticked to ticked, and nothing else", () => {
    expect(tickedOfferIds(drawn, ticked)).toEqual(["promote:staging:production:shop"]);
    expect(tickedOfferIds(ticked, ticked)).toEqual([]);
    expect(tickedOfferIds("", ticked)).toEqual([]);
    expect(tickedOfferIds(drawn, `${ticked}\n- [x] x <!-- release-pilot:offer=retry:production:shop:deadbee -->`)).toEqual(["promote:staging:production:shop"]);
  });

  const facts = { repo: { owner: "acme", repo: "shop" }, issueNumber: 9, editedAt: "2024-10-21T12:00:00Z", sender: { login: "leo", isBot: false }, offers };

  it("runs the offer's own command, whatever the box's text says", () => {
    const decision = decideTick({ ...facts, ticked: ["promote:staging:production:shop"] });
    expect(decision.kind).toBe("run");
    if (decision.kind !== "run") return;
    expect(decision.offer.command).toBe("/promote staging production");
    expect(decision.announce).toMatchObject({ kind: "comment", issueNumber: 9, key: "dashboard-tick:promote:staging:production:shop:2024-10-21T12:00:00Z" });
    expect(decision.announce.body).toBe(
      "@leo ticked **promote staging → production (aaaaaaa)** on the dashboard, which runs `/promote staging production` as @leo.",
    );
  });

  it("says a box that is not offered now ran nothing, and ignores a bot's edit", () => {
    const gone = decideTick({ ...facts, ticked: ["retry:production:shop:deadbee"] });
    expect(gone.kind).toBe("nothing");
    expect(gone.plan.actions[0]).toMatchObject({ kind: "comment", body: expect.stringContaining("is not offered any more") });
    expect(decideTick({ ...facts, sender: { login: "renovate[bot]", isBot: true }, ticked: ["promote:staging:production:shop"] }).plan.actions).toEqual([]);
  });
});

describe("promotionChart", () => {
  it("links environments in the config's order when none requires another, dotted as inferred", async () => {
    const { promotionChart } = await import("../../../src/policy/dashboard/promotion.js");
    const chart = promotionChart(status([env("dev", []), env("staging", []), env("prod", [])]).environments);
    expect(chart.filter((line) => line.includes("-->") || line.includes("-.->"))).toEqual(["  env_dev -.-> env_staging", "  env_staging -.-> env_prod"]);
    const required = promotionChart(status([env("staging", []), env("prod", [], ["staging"])]).environments);
    expect(required.filter((line) => line.includes("->"))).toEqual(["  env_staging --> env_prod"]);
  });
});
