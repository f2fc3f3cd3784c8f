// The one codec of the deployment payload: what this app writes it reads back, in whichever form
// GitHub returns it (an object or JSON text), and a payload from before the format field existed
// reads as format 1.
import { describe, expect, it } from "vitest";
import { deploymentPayload, encodeDeploymentPayload, PAYLOAD_FORMAT } from "../../../src/policy/deploy/deployment-payload.js";

const written = {
  key: "deploy:production/api:abc:comment-1",
  app: "api",
  imageTag: "rel-1.2.3",
  requestedBy: "zackkrida",
  issueNumber: 12,
  withMigrations: true,
  release: { id: 7, tag: "api-1.2.3", prerelease: false },
  queuedBehind: "deploy:production/api:def:push-def",
  dispatch: '{"kind":"workflow"}',
  lockMs: 60_000,
};

describe("deploymentPayload reads what encodeDeploymentPayload wrote", () => {
  it("round-trips every field, as an object and as JSON text", () => {
    const payload = encodeDeploymentPayload(written);
    expect(deploymentPayload(payload)).toEqual({ format: PAYLOAD_FORMAT, ...written, releaseTag: "api-1.2.3" });
    expect(deploymentPayload(JSON.stringify(payload))).toEqual(deploymentPayload(payload));
  });

  it("writes the field names workflows and older releases read", () => {
    expect(encodeDeploymentPayload({ key: "k", app: "api", imageTag: "t", requestedBy: "p", issueNumber: 3 })).toEqual({
      app: "api",
      image_tag: "t",
      requested_by: "p",
      issue_number: 3,
      release_pilot_key: "k",
    });
  });

  it("reads a payload with no format field as format 1, an issue number sent back as text, and nothing from junk", () => {
    expect(deploymentPayload({ release_pilot_key: "k", issue_number: "12" })).toEqual({ format: 1, key: "k", issueNumber: 12 });
    expect(deploymentPayload("not json")).toEqual({ format: 1 });
    expect(deploymentPayload({ app: 5, image_tag: "" })).toEqual({ format: 1 });
  });
});
