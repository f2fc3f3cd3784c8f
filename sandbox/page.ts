// The sandbox's last word: one HTML page of the repository as people will see it on GitHub (its
// issues and pull requests with the bot's comments, the releases, the deployments), each body
// rendered from the bot's own Markdown as GitHub renders it: GFM through marked, raw HTML limited
// to what GitHub keeps, Mermaid charts drawn by Mermaid. `test/e2e/sandbox.test.ts` opens it in
// headless Chromium and requires that it renders without an error.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Marked, type Tokens } from "marked";
import type { Emulator } from "../test/emulator/index.js";

/** GitHub's sanitizer keeps a short list of tags (and drops comments from view); everything else is shown as text. */
const KEPT_HTML = /^<\/?(details|summary|br|sub|sup|b|i|em|strong|code|kbd|p|div|span)(\s[^<>]*)?\/?>$|^<!--[\s\S]*?-->$/i;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const markdown = new Marked({
  gfm: true,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      // Tags GitHub keeps pass (attributes other than these tags' own are not expected here);
      // a <script> or an onclick in a title would be shown, not run.
      return text
        .split(/(<[^<>]*>|<!--[\s\S]*?-->)/)
        .map((part) => (part.startsWith("<") && KEPT_HTML.test(part) && !/\son\w+=/i.test(part) ? part : escapeHtml(part)))
        .join("");
    },
    code({ text, lang }: Tokens.Code): string {
      if (lang === "mermaid") return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
      return `<pre><code>${escapeHtml(text)}</code></pre>\n`;
    },
  },
});

function render(body: string | null | undefined): string {
  return markdown.parse(body ?? "", { async: false });
}

function section(title: string, items: readonly string[]): string {
  return `<section><h2>${escapeHtml(title)}</h2>\n${items.length === 0 ? "<p>None.</p>" : items.join("\n")}</section>`;
}

/** The page's HTML; `mermaid.min.js` is expected beside it. */
export function statePage(gh: Emulator, owner: string, repo: string): string {
  const comments = gh.comments(owner, repo);
  const thread = (number: number) =>
    comments
      .filter((comment) => comment.issueNumber === number)
      .map(
        (comment) =>
          `<div class="comment"><div class="who">${escapeHtml(comment.user.login)}</div><div class="markdown-body">${render(comment.body)}</div></div>`,
      )
      .join("\n");
  const pulls = new Set(gh.pulls(owner, repo).map((pull) => pull.number));
  const threads = [...gh.issues(owner, repo).filter((issue) => !pulls.has(issue.number)), ...gh.pulls(owner, repo)].sort((a, b) => a.number - b.number);
  const issues = threads.map(
    (issue) =>
      `<article class="issue"><h3>#${issue.number} ${escapeHtml(issue.title)} <span class="state">${pulls.has(issue.number) ? "pull request, " : ""}${issue.state}</span></h3>` +
      `<div class="markdown-body">${render(issue.body)}</div>${thread(issue.number)}</article>`,
  );
  const releases = gh
    .releases(owner, repo)
    .map(
      (release) =>
        `<article class="release"><h3>${escapeHtml(release.name ?? release.tag_name)} <span class="state">${release.draft ? "draft" : release.prerelease ? "pre-release" : "published"}</span></h3>` +
        `<div class="markdown-body">${render(release.body)}</div></article>`,
    );
  const deployments = gh.deployments(owner, repo).map((deployment) => {
    const states = [...deployment.statuses].sort((a, b) => a.id - b.id).map((status) => escapeHtml(status.state));
    return `<tr><td>${deployment.id}</td><td>${escapeHtml(deployment.environment)}</td><td><code>${deployment.sha.slice(0, 7)}</code></td><td>${states.join(" → ") || "pending"}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`${owner}/${repo}`)}: what Release Pilot left</title>
<style>
body { font-family: -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; color: #1f2328; }
article, .comment { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem 1rem; margin: 0.5rem 0; }
.comment { margin-left: 2rem; } .who { font-weight: 600; color: #59636e; } .state { font-size: 0.8em; color: #59636e; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: 0.2rem 0.5rem; }
</style></head>
<body data-rendered="pending">
<h1>${escapeHtml(`${owner}/${repo}`)}</h1>
${section("Issues and pull requests", issues)}
${section("Releases", releases)}
${section("Deployments", deployments.length === 0 ? [] : [`<table><tr><th>id</th><th>environment</th><th>commit</th><th>states</th></tr>${deployments.join("")}</table>`])}
<script>
  window.renderErrors = [];
  window.addEventListener("error", (event) => window.renderErrors.push(String(event.message)));
</script>
<script src="mermaid.min.js"></script>
<script>
  (async () => {
    try {
      mermaid.initialize({ startOnLoad: false });
      await mermaid.run({ querySelector: "pre.mermaid" });
      const drawn = document.querySelectorAll("pre.mermaid svg").length;
      document.body.dataset.mermaid = String(drawn);
      document.body.dataset.rendered = window.renderErrors.length === 0 ? "ok" : "error";
    } catch (error) {
      window.renderErrors.push(String(error));
      document.body.dataset.rendered = "error";
    }
    document.body.dataset.errors = window.renderErrors.join(" | ");
  })();
</script>
</body></html>
`;
}

/** Writes the page and Mermaid beside it into `dir`; returns the page's path. */
export function writeStatePage(gh: Emulator, owner: string, repo: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const require = createRequire(import.meta.url);
  copyFileSync(join(dirname(require.resolve("mermaid/package.json")), "dist/mermaid.min.js"), join(dir, "mermaid.min.js"));
  const page = join(dir, "index.html");
  writeFileSync(page, statePage(gh, owner, repo));
  return page;
}
