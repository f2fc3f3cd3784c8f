import { describe, expect, it } from "vitest";
import { permissionAtLeast } from "../../../src/policy/commands/permission.js";

describe("permissionAtLeast", () => {
  it.each([
    ["admin", "write", true],
    ["maintain", "write", true],
    ["write", "write", true],
    ["push", "write", true],
    ["triage", "write", false],
    ["read", "write", false],
    ["pull", "read", true],
    ["none", "read", false],
    ["", "read", false],
    ["superuser", "read", false],
    ["ADMIN", "admin", true],
    ["maintain", "admin", false],
    ["triage", "triage", true],
  ] as const)("%s is at least %s: %s", (have, need, expected) => {
    expect(permissionAtLeast(have, need)).toBe(expected);
  });
});
