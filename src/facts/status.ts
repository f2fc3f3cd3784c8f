// Facts of what is deployed where, for /status and the dashboard, and of config changes.

// biome-ignore lint/suspicious/noEmptyInterface: filled as the status features move onto the port
export interface StatusFacts {}
