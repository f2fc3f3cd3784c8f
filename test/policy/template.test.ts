import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ALL_TOKENS, TemplateError, checkTemplate, matchTemplate, render, templateToPattern, templateTokens, tryRender } from "../../src/policy/template.js";

const SHA = "1c1f6ab9e0d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0";
const values = {
  version: "2.5.2",
  tag: "v2.5.2",
  app: "api",
  env: "staging",
  sha: SHA,
  codename: "Cactus cat",
  actor: "octocat",
  number: 42,
  previous: "2.5.1",
  title: "Fix the thing",
  url: "https://github.com/o/r/pull/42",
  author: "hubot",
  now: new Date("2024-01-01T19:52:14Z"),
} as const;

describe("render", () => {
  it.each([
    ["{version}", "2.5.2"],
    ["{tag}", "v2.5.2"],
    ["{app}", "api"],
    ["{env}", "staging"],
    ["{sha}", SHA],
    ["{sha7}", "1c1f6ab"],
    ["{sha8}", "1c1f6ab9"],
    ["{date:YYYY-MM-DD}", "2024-01-01"],
    ["{date}", "2024-01-01"],
    ["{date:DD-MM-YYYY HH:mm:ss}", "01-01-2024 19:52:14"],
    ["{epoch}", "1704138734"],
    ["{codename}", "Cactus cat"],
    ["{actor}", "octocat"],
    ["{number}", "42"],
    ["{previous}", "2.5.1"],
    ["{title}", "Fix the thing"],
    ["{url}", "https://github.com/o/r/pull/42"],
    ["{author}", "hubot"],
    ["{{literal}} {version}", "{literal} 2.5.2"],
    ['{version} "{codename}" ({date:YYYY-MM-DD})', '2.5.2 "Cactus cat" (2024-01-01)'],
    ["- {title} ([#{number}]({url})) by @{author}", "- Fix the thing ([#42](https://github.com/o/r/pull/42)) by @hubot"],
  ])("renders %s as %s", (template, expected) => {
    expect(render(template, values)).toBe(expected);
  });

  it("renders the Openverse release tag in UTC", () => {
    expect(render("api-{date:YYYY.MM.DD.HH.mm.ss}", { now: new Date("2024-01-01T19:52:14Z") })).toBe("api-2024.01.01.19.52.14");
  });

  it("renders the HCA image tag with an 8-character SHA and the epoch", () => {
    const now = new Date(1729512345 * 1000);
    expect(render("{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}", { env: "staging", sha: SHA, now })).toBe("staging-1c1f6ab9-21-10-2024.1729512345");
  });

  it("throws a TemplateError naming the missing value", () => {
    expect(() => render("v{version}", {})).toThrow(TemplateError);
    expect(() => render("v{version}", {})).toThrow('template "v{version}" needs {version}, which is not known here');
  });

  it("treats an invalid date as a missing time", () => {
    expect(tryRender("{epoch}", { now: new Date(Number.NaN) })).toMatchObject({ ok: false, code: "missing-value" });
  });

  it("refuses to render an invalid template", () => {
    expect(tryRender("{shaa}", values)).toEqual({
      ok: false,
      code: "invalid-template",
      error: 'template "{shaa}" is invalid: unknown token {shaa}; did you mean {sha}?',
    });
  });

  it("returns the value from tryRender when it renders", () => {
    expect(tryRender("v{version}", values)).toEqual({ ok: true, value: "v2.5.2" });
  });
});

describe("checkTemplate", () => {
  it.each([
    ["{shaa}", ["unknown token {shaa}; did you mean {sha}?"]],
    ["{verison}", ["unknown token {verison}; did you mean {version}?"]],
    ["v{version", ["unclosed { at character 2; write {{ for a literal brace"]],
    ["v}", ["unmatched } at character 2; write }} for a literal brace"]],
    ["{date:QQ}", ["bad date format {date:QQ}; use letters from YYYY MM DD HH mm ss"]],
    ["{date:}", ["bad date format {date:}; use letters from YYYY MM DD HH mm ss"]],
    ["{date:YY-MM}", ["bad date format {date:YY-MM}; use letters from YYYY MM DD HH mm ss"]],
    ["{sha:7}", ["token {sha:7} takes no format; only {date:FORMAT} does"]],
    ["{}", [expect.stringMatching(/^empty token \{\}; use one of \{version\}/)]],
    ["{zzzzzzzz}", [expect.stringMatching(/^unknown token \{zzzzzzzz\}; use one of /)]],
    ["{shaa}-{verison}", ["unknown token {shaa}; did you mean {sha}?", "unknown token {verison}; did you mean {version}?"]],
  ])("reports %s", (template, errors) => {
    expect(checkTemplate(template)).toEqual(errors);
  });

  it.each(["v{version}", "api-{date:YYYY.MM.DD.HH.mm.ss}", "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}", "{{}}", "plain"])("accepts %s", (template) => {
    expect(checkTemplate(template)).toEqual([]);
  });

  it("refuses a known token that the field does not allow and suggests an allowed one", () => {
    expect(checkTemplate("{title}", ["version", "tag"])).toEqual(["token {title} cannot be used here; use one of {version}, {tag}"]);
    expect(checkTemplate("{tags}", ["version", "tag"])).toEqual(["unknown token {tags}; did you mean {tag}?"]);
  });

  it("lists the tokens a template uses", () => {
    expect(templateTokens("{app}-{version}-{app}")).toEqual(["app", "version"]);
  });

  const sentence = (error: string) => error.length > 0 && !/[\n\r]/.test(error) && error.trim() === error;

  it("never throws and reports every error as a one-line sentence", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom("{", "}", "a", "date", ":", "Y", "sha", "\n") })), (template) => {
        for (const error of checkTemplate(template)) expect(sentence(error)).toBe(true);
        const result = tryRender(template, values);
        if (!result.ok) expect(sentence(result.error)).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe("templateToPattern", () => {
  it.each([
    ["api-{date:YYYY.MM.DD.HH.mm.ss}", {}, String.raw`^api-(?<date>\d{4}\.\d{2}\.\d{2}\.\d{2}\.\d{2}\.\d{2})$`],
    ["v{version}", {}, "^v(?<version>.+)$"],
    ["{app}-{version}", { app: "api" }, "^api-(?<version>.+)$"],
    ["{app}-{version}", {}, "^(?<app>.+?)-(?<version>.+)$"],
  ])("turns %s into a pattern", (template, known, source) => {
    expect(templateToPattern(template, known).source).toBe(source);
  });

  it.each([
    ["api-{date:YYYY.MM.DD.HH.mm.ss}", { app: "api" }, "api-2024.01.01.19.52.14", { date: "2024.01.01.19.52.14" }],
    ["v{version}", {}, "v2.5.1rc1", { version: "2.5.1rc1" }],
    ["{app}-{version}", { app: "ingestion_server" }, "ingestion_server-1.2.3", { version: "1.2.3" }],
    [
      "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}",
      {},
      "staging-1c1f6ab9-21-10-2024.1729512345",
      { env: "staging", sha8: "1c1f6ab9", date: "21-10-2024", epoch: "1729512345" },
    ],
  ])("parses back what %s renders", (template, known, text, groups) => {
    expect(matchTemplate(template, text, known)).toEqual(groups);
  });

  it("does not match another app's tag", () => {
    expect(matchTemplate("{app}-{version}", "frontend-1.0.0", { app: "api" })).toBeUndefined();
  });

  it("back-references a repeated token", () => {
    expect(matchTemplate("{version}/{version}", "1.0/1.0")).toEqual({ version: "1.0" });
    expect(matchTemplate("{version}/{version}", "1.0/2.0")).toBeUndefined();
  });

  it("throws a TemplateError for an invalid template", () => {
    expect(() => templateToPattern("{nope}")).toThrow(TemplateError);
  });

  it("round-trips rendered templates", () => {
    const templates = ["v{version}", "{app}-{date:YYYY.MM.DD.HH.mm.ss}", "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}", "rel-{version}+{number}"];
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        fc.stringMatching(/^[0-9]+\.[0-9]+\.[0-9]+(rc[0-9]+)?$/),
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
        fc.stringMatching(/^[0-9a-f]{40}$/),
        (template, version, now, sha) => {
          const all = { version, now, sha, app: "api", env: "prod", number: 7 };
          const text = render(template, all);
          const groups = matchTemplate(template, text);
          expect(groups).toBeDefined();
          for (const [name, value] of Object.entries(groups ?? {})) {
            expect(value).toBe(render(`{${name === "date" ? template.match(/\{date:[^}]*\}/)?.[0].slice(1, -1) : name}}`, all));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("exports every token", () => {
    expect(ALL_TOKENS).toContain("sha8");
  });
});
