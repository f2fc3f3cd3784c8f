// The /release command as it was typed, without its options: what a dry run's answer names.
import type { ReleaseCommand } from "../commands/types.js";

export function typedRelease(command: ReleaseCommand): string {
  return ["/release", command.level ?? command.version, command.app].filter((part) => part !== undefined).join(" ");
}
