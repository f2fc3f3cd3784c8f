// Facts of releases, changelogs, checklists, draft notes, forward ports and downstream pins.

// biome-ignore lint/suspicious/noEmptyInterface: filled as the release features move onto the port
export interface ReleaseFacts {}
