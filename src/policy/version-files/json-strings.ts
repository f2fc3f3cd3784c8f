// Finds where each string value of a JSON document sits, with its key path, so one value can be
// replaced in place. Re-serialising with JSON.stringify would lose the file's indentation, key
// order quirks and trailing newline, and make every version bump a noisy diff.

export interface JsonString {
  /** Keys from the root, e.g. `["dependencies", "ukrdc-services"]`. */
  readonly path: readonly string[];
  readonly value: string;
  /** Offsets of the literal including its quotes. */
  readonly start: number;
  readonly end: number;
}

class Scanner {
  index = 0;
  readonly found: JsonString[] = [];
  constructor(readonly text: string) {}

  fail(): never {
    throw new SyntaxError(`unexpected ${this.text.charAt(this.index) || "end"} at offset ${this.index}`);
  }

  space(): void {
    while (/\s/.test(this.text.charAt(this.index))) this.index += 1;
  }

  string(): { value: string; start: number; end: number } {
    const start = this.index;
    if (this.text.charAt(this.index) !== '"') this.fail();
    this.index += 1;
    while (this.index < this.text.length && this.text.charAt(this.index) !== '"') {
      this.index += this.text.charAt(this.index) === "\\" ? 2 : 1;
    }
    if (this.index >= this.text.length) this.fail();
    this.index += 1;
    // JSON.parse decodes escapes exactly; the scanner only needs the literal's span.
    const value: unknown = JSON.parse(this.text.slice(start, this.index));
    if (typeof value !== "string") this.fail();
    return { value, start, end: this.index };
  }

  value(path: readonly string[]): void {
    this.space();
    const char = this.text.charAt(this.index);
    if (char === "{") {
      this.object(path);
      return;
    }
    if (char === "[") {
      this.array(path);
      return;
    }
    if (char === '"') {
      this.found.push({ path, ...this.string() });
      return;
    }
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.index));
    if (!literal) this.fail();
    this.index += literal[0].length;
  }

  object(path: readonly string[]): void {
    this.index += 1;
    this.space();
    if (this.text.charAt(this.index) === "}") {
      this.index += 1;
      return;
    }
    for (;;) {
      this.space();
      const key = this.string().value;
      this.space();
      if (this.text.charAt(this.index) !== ":") this.fail();
      this.index += 1;
      this.value([...path, key]);
      this.space();
      const next = this.text.charAt(this.index);
      this.index += 1;
      if (next === "}") return;
      if (next !== ",") this.fail();
    }
  }

  array(path: readonly string[]): void {
    this.index += 1;
    this.space();
    if (this.text.charAt(this.index) === "]") {
      this.index += 1;
      return;
    }
    for (let i = 0; ; i += 1) {
      this.value([...path, String(i)]);
      this.space();
      const next = this.text.charAt(this.index);
      this.index += 1;
      if (next === "]") return;
      if (next !== ",") this.fail();
    }
  }
}

/** Every string value in the document, or undefined when the text is not JSON. */
export function jsonStrings(text: string): readonly JsonString[] | undefined {
  try {
    JSON.parse(text);
    const scanner = new Scanner(text);
    scanner.value([]);
    return scanner.found;
  } catch {
    return undefined;
  }
}

/** Replaces one string literal, keeping every other byte of the file. */
export function replaceJsonString(text: string, target: JsonString, value: string): string {
  return text.slice(0, target.start) + JSON.stringify(value) + text.slice(target.end);
}
