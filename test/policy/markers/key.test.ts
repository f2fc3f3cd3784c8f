// The key marker codec: what the executor writes, facts read back, across formats.
import { describe, expect, it } from "vitest";
import { hasKey, keyMarker, keyOf, withKeyMarker } from "../../../src/policy/markers/key.js";

describe("the key marker", () => {
  it("round-trips a key with characters a marker cannot hold as they are", () => {
    const key = "deploy:production@api:abc --> <b> café";
    const body = withKeyMarker("Deploying.", key);
    expect(keyOf(body)).toBe(key);
    expect(hasKey(body, key)).toBe(true);
    expect(body).not.toContain("-->  <b>");
  });

  it("appends the marker once, however often it is asked", () => {
    const once = withKeyMarker("text", "k");
    expect(withKeyMarker(once, "k")).toBe(once);
  });

  it("reads format 1 written before the format had a number, and with v=1", () => {
    expect(keyOf("x\n\n<!-- release-pilot:key=changelog%3Av1.0.0 -->\n")).toBe("changelog:v1.0.0");
    expect(keyOf("<!-- release-pilot:key=changelog%3Av1.0.0 v=1 -->")).toBe("changelog:v1.0.0");
  });

  it("leaves a later format's marker unread, and finds a format-1 marker after it", () => {
    expect(keyOf("<!-- release-pilot:key=a v=2 -->")).toBeUndefined();
    expect(keyOf("<!-- release-pilot:key=a v=2 -->\n<!-- release-pilot:key=b -->")).toBe("b");
  });

  it("reads no key from a malformed escape or a body that has none", () => {
    expect(keyOf("<!-- release-pilot:key=%E0%A4%A -->")).toBeUndefined();
    expect(keyOf(null)).toBeUndefined();
    expect(keyOf("no marker")).toBeUndefined();
    expect(keyMarker("k")).toBe("<!-- release-pilot:key=k -->");
  });
});
