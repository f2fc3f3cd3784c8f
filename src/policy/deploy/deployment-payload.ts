// The payload this app puts on the deployments it creates, read back. GitHub hands it back as the
// JSON object it was given, or as a string when it was created as one (the REST API accepts both:
// https://docs.github.com/en/rest/deployments/deployments#create-a-deployment, `payload`).

export function payloadObject(payload: unknown): Readonly<Record<string, unknown>> {
  if (typeof payload === "string") {
    try {
      return payloadObject(JSON.parse(payload));
    } catch {
      return {};
    }
  }
  return typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>) : {};
}
