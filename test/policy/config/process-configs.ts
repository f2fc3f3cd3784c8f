// The five processes of PROCESSES.md, written as their teams would write them. Shared by the
// parse tests and the JSON Schema test, so both judge the same files.
export const GWCELERY = `
versioning: { scheme: pep440 }
tag: "v{version}"
tag_message: "Version {version}"
changelog:
  file: CHANGES.rst
  heading: '{version} "{codename}" ({date:YYYY-MM-DD})'
  unreleased: "{version} (unreleased)"
  empty: "No changes yet."
  via: commit
  commit_message: 'Update changelog for version {version} "{codename}"'
  closes_issue: true
codenames: cryptids
codename_per: minor
checklist:
  template: .github/ISSUE_TEMPLATE/release.md
  title: "Release version {version}"
  labels: [release]
  open_on: [release-branch, prerelease, command]
  release_branch: "release/v{version}"
environments:
  playground:
    follows: { branch: main }
    checks: [tests]
    deploy: { workflow: deploy.yml, inputs: { environment: "{env}", ref: "{sha}" } }
  production:
    deploy: { workflow: deploy.yml, inputs: { environment: "{env}", ref: "{tag}" } }
`;

export const UKRDC = `
versioning: { scheme: pep440 }
version_files: ["ukrdc/services/__init__.py"]
downstream:
  - { repo: renalreg/ukrdc-webapi, file: requirements.txt, branch: release, package: ukrdc-services }
environments:
  development:
    follows: { branch: master }
    deploy: { workflow: deploy.yml, inputs: { environment: "{env}", ref: "{sha}" } }
  staging:
    follows: { release: prereleased }
    deploy: { workflow: deploy.yml, inputs: { environment: "{env}", version: "{version}" } }
  production:
    follows: { release: published }
    requires: [staging]
    deploy: { workflow: deploy.yml, ref: release, inputs: { environment: "{env}", version: "{version}" } }
`;

export const GREEN_WEB = `
environments:
  staging:
    follows: { branch: staging }
    checks: [tests]
    trusted: [OWNER, MEMBER, COLLABORATOR]
    migrations: { check: pending-migrations, inputs: { migrate: "true" } }
    queue: true
    deploy: { workflow: deploy.yml, inputs: { environment: staging, ref: "{sha}" } }
  production:
    follows: { branch: master }
    checks: [tests]
    migrations: { check: pending-migrations, inputs: { migrate: "true" } }
    queue: true
    lock_timeout: 30m
    deploy: { workflow: deploy.yml, inputs: { environment: production, ref: "{sha}" } }
`;

export const OPENVERSE = `
versioning: { scheme: calver, calver: YYYY.MM.DD.HH.mm.ss }
tag: "{app}-{version}"
release_name: "{app}-{version}"
apps:
  api: { paths: ["api/**"], labels: ["🧱 stack: api"] }
  frontend: { paths: ["frontend/**"], labels: ["🧱 stack: frontend"] }
  catalog: { paths: ["catalog/**"], labels: ["🧱 stack: catalog"] }
  ingestion_server: { paths: ["ingestion_server/**"], labels: ["🧱 stack: ingestion server"] }
notes:
  draft: true
  line: "- {title} ([#{number}]({url})) by @{author}"
  categories:
    - { title: New Features, labels: ["🌟 goal: addition"] }
    - { title: Improvements, labels: ["✨ goal: improvement"] }
    - { title: Internal Improvements, labels: ["🤖 aspect: dx"] }
    - { title: Bug Fixes, labels: ["🛠 goal: fix"] }
  exclude_labels: [skip-changelog]
changelog:
  path: "documentation/changelogs/{app}/{version}.md"
  heading: "{version}"
  branch: "changelog/{tag}"
  title: "Publish changelog for {tag}"
  labels: [skip-changelog]
  back_to_development: false
environments:
  staging:
    follows: { branch: main }
    image_tag: "{sha}"
    deploy:
      workflow: deploy-staging.yml
      repo: WordPress/openverse-infrastructure
      inputs: { app: "{app}", tag: "{sha}", actor: "{actor}" }
  production:
    follows: { release: published }
    image_tag: "rel-{version}"
    deploy:
      workflow: deploy-production.yml
      repo: WordPress/openverse-infrastructure
      inputs: { app: "{app}", tag: "rel-{version}", actor: "{actor}" }
    verify: { url: "https://api.openverse.org/version", expect: "rel-{version}" }
`;

export const HCA = `
environments:
  dev:
    follows: { branch: dev }
    image_tag: "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}"
    deploy: { workflow: deploy.yml, inputs: { environment: "{env}", image: "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}" } }
  staging:
    follows: { branch: master }
    image_tag: "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}"
    deploy: { workflow: deploy.yml, inputs: { environment: "{env}", image: "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}" } }
  prod:
    requires: [staging]
    approvals: 2
    approvals_within: 24h
    image_tag: "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}"
    pointer_tag: prod-deployed
    deploy: { workflow: deploy.yml, inputs: { environment: "{env}", image: "{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}" } }
`;

export const PROCESS_CONFIGS = [
  ["GWCelery", GWCELERY, "emfollow/gwcelery"],
  ["UKRDC", UKRDC, "renalreg/ukrdc-services"],
  ["Green Web Foundation", GREEN_WEB, "thegreenwebfoundation/admin-portal"],
  ["Openverse", OPENVERSE, "WordPress/openverse"],
  ["HCA ingest", HCA, "ebi-ait/ingest-core"],
] as const;
