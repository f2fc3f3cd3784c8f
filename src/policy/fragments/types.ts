// What a fragment tool's files compile to before they are written as changelog text.

/** One fragment file as read: its name in the directory, its type and issue, its text. */
export interface Fragment {
  readonly name: string;
  readonly type: string;
  readonly issue?: string;
  readonly text: string;
}

/** One line of a section: the text (undefined when the type shows only issues) and its issues. */
export interface FragmentEntry {
  readonly text: string | undefined;
  readonly issues: readonly string[];
}

export interface FragmentSection {
  readonly title: string;
  readonly entries: readonly FragmentEntry[];
}
