import { describe, expect, it } from "vitest";
import { renderStatus, type StatusFacts } from "../../../src/policy/status/index.js";

const NOW = "2024-01-03T12:00:00.000Z";

function openverse(overrides: Partial<StatusFacts> = {}): StatusFacts {
  return {
    repo: "WordPress/openverse",
    now: NOW,
    multiApp: true,
    environments: [
      {
        name: "staging",
        url: "https://staging.openverse.org",
        apps: [
          {
            app: "api",
            deployed: {
              ref: "main",
              sha: "1c1f6ab9e2d04c5f8a7b3e6d9c0a1b2c3d4e5f60",
              imageTag: "1c1f6ab9e2d04c5f8a7b3e6d9c0a1b2c3d4e5f60",
              at: "2024-01-03T09:15:00Z",
              by: "dhruvkb",
            },
          },
          { app: "frontend", deployed: undefined },
        ],
        lock: undefined,
      },
      {
        name: "production",
        url: null,
        apps: [
          {
            app: "api",
            deployed: {
              ref: "api-2024.01.01.19.52.14",
              sha: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
              imageTag: "rel-2024.01.01.19.52.14",
              at: "2024-01-01T20:01:00Z",
              by: "sarayourfriend",
            },
          },
          {
            app: "frontend",
            deployed: {
              ref: "frontend-2023.12.20.10.00.00",
              sha: "abcdef0123456789abcdef0123456789abcdef01",
              at: "2023-12-20T10:05:00Z",
              by: "release-pilot[bot]",
            },
          },
        ],
        lock: { holder: "zackkrida", reason: "Redis migration | step 2", expiresAt: "2024-01-03T14:00:00.000Z" },
      },
    ],
    apps: [
      {
        name: "api",
        lastRelease: {
          tag: "api-2024.01.01.19.52.14",
          publishedAt: "2024-01-01T19:52:14Z",
          url: "https://github.com/WordPress/openverse/releases/tag/api-2024.01.01.19.52.14",
        },
        mergedSince: 3,
        capped: false,
      },
      { name: "frontend", lastRelease: undefined, mergedSince: 100, capped: true },
    ],
    checklists: [{ number: 3601, title: "Release version 2024.01.04", url: "https://github.com/WordPress/openverse/issues/3601", done: 4, total: 9 }],
    ...overrides,
  };
}

describe("renderStatus", () => {
  it("renders deployments, locks, unreleased PRs and checklists of a monorepo as tables", () => {
    expect(renderStatus(openverse())).toMatchSnapshot();
  });

  it("leaves out the app column in a single-app repository", () => {
    const facts = openverse({
      multiApp: false,
      environments: [
        {
          name: "production",
          url: null,
          apps: [{ app: "gwcelery", deployed: { ref: "v2.5.2", sha: "0123456789abcdef0123456789abcdef01234567", at: "2024-11-18T10:00:00Z", by: "lpsinger" } }],
          lock: undefined,
        },
      ],
      apps: [{ name: "gwcelery", lastRelease: undefined, mergedSince: 1, capped: false }],
      checklists: [],
    });
    expect(renderStatus(facts)).toMatchSnapshot();
  });

  it("shows an expired lock as free", () => {
    const facts = openverse();
    const expired = { ...facts, now: "2024-01-04T00:00:00.000Z" };
    expect(renderStatus(expired)).not.toContain("🔒");
  });

  it("leaves out checklists when the config has none", () => {
    expect(renderStatus(openverse({ checklists: undefined }))).not.toContain("checklists");
  });
});
