import { describe, expect, it } from "vitest";
import { raisePin } from "../../../src/policy/version-files/index.js";

const pin = { package: "ukrdc-services", version: "10.8.5" };

describe("raisePin in requirements.txt", () => {
  it.each([
    ["ukrdc-services==10.8.4\n", "ukrdc-services==10.8.5\n"],
    ["fastapi==0.110.0\nukrdc-services==10.8.4\nsqlalchemy==2.0.0\n", "fastapi==0.110.0\nukrdc-services==10.8.5\nsqlalchemy==2.0.0\n"],
    ["ukrdc-services[kafka]==10.8.4  # pinned by the bot\n", "ukrdc-services[kafka]==10.8.5  # pinned by the bot\n"],
    ['ukrdc_services == 10.8.4 ; python_version >= "3.9"\n', 'ukrdc_services == 10.8.5 ; python_version >= "3.9"\n'],
    ["ukrdc-services~=10.8.4\r\n", "ukrdc-services~=10.8.5\r\n"],
    ["ukrdc-services==10.8.5\n", "ukrdc-services==10.8.5\n"],
  ])("raises %j", (content, expected) => {
    expect(raisePin(content, "requirements.txt", pin)).toBe(expected);
  });

  it("refuses a range", () => {
    expect(raisePin("ukrdc-services>=10.8,<11\n", "requirements.txt", pin)).toEqual({
      error: "ukrdc-services is pinned to a range (ukrdc-services>=10.8,<11); raise it by hand.",
    });
  });

  it("refuses a file without the package", () => {
    expect(raisePin("fastapi==0.110.0\n", "requirements.txt", pin)).toEqual({
      error: "requirements file has no pin for ukrdc-services (such as ukrdc-services==10.8.5).",
    });
  });

  it("does not touch a package whose name only starts the same", () => {
    expect(raisePin("ukrdc-services-extra==1.0.0\nukrdc-services==10.8.4\n", "requirements.txt", pin)).toBe(
      "ukrdc-services-extra==1.0.0\nukrdc-services==10.8.5\n",
    );
  });
});

describe("raisePin in package.json", () => {
  const content = `{
  "name": "webapp",
  "dependencies": {
    "@org/services": "^10.8.4",
    "react": "18.2.0"
  },
  "devDependencies": { "@org/services": "~10.8.4" }
}
`;

  it("raises every dependency table and keeps the range operator", () => {
    expect(raisePin(content, "package.json", { package: "@org/services", version: "10.8.5" })).toBe(
      content.replace('"^10.8.4"', '"^10.8.5"').replace('"~10.8.4"', '"~10.8.5"'),
    );
  });

  it("refuses a dependency that is not a single version", () => {
    const git = '{"dependencies": {"@org/services": "github:org/services#main"}}';
    expect(raisePin(git, "package.json", { package: "@org/services", version: "10.8.5" })).toEqual({
      error: '@org/services is required as "github:org/services#main", which is not a single version; raise it by hand.',
    });
  });

  it("refuses a package.json without the dependency", () => {
    expect(raisePin(content, "package.json", pin)).toEqual({ error: "package.json does not depend on ukrdc-services." });
  });
});

it("refuses a file type it does not know", () => {
  expect(raisePin("", "Pipfile", pin)).toEqual({ error: "Release Pilot cannot raise a pin in Pipfile; it knows requirements*.txt and package.json." });
});
