# Writes src/policy/changelog/column-width-data.ts from the Unicode tables docutils measures
# section titles with (docutils.utils.column_width: east_asian_width W/F count two columns,
# combining characters none). Run with the Python that has docutils: /usr/bin/python3 on Debian.
#   /usr/bin/python3 test/policy/changelog/column-width-data.py
import unicodedata


def ranges(pred):
    out = []
    for c in range(0x110000):
        if pred(chr(c)):
            if out and out[-1][1] == c - 1:
                out[-1][1] = c
            else:
                out.append([c, c])
    return out


def lines(rs):
    parts = [f"{a:x}" if a == b else f"{a:x}-{b:x}" for a, b in rs]
    out, cur = [], ""
    for p in parts:
        if len(cur) + len(p) + 1 > 140:
            out.append(cur)
            cur = p
        else:
            cur = p if not cur else cur + " " + p
    out.append(cur)
    return out


text = [
    "// Generated from Python's unicodedata (Unicode %s), which docutils' column_width reads:" % unicodedata.unidata_version,
    "// code points whose east_asian_width is W or F, and those with a non-zero combining class.",
    "// Regenerate with the script in test/policy/changelog/column-width-data.py; do not edit by hand.",
    "",
]
for name, rs in (
    ("WIDE", ranges(lambda ch: unicodedata.east_asian_width(ch) in "WF")),
    ("COMBINING", ranges(lambda ch: unicodedata.combining(ch) != 0)),
):
    text.append("/** Hex code point ranges (`a-b` or `a`), space separated. */")
    text.append(f"export const {name} = [")
    text.extend(f'  "{line}",' for line in lines(rs))
    text.append('].join(" ");')
    text.append("")
with open("src/policy/changelog/column-width-data.ts", "w") as f:
    f.write("\n".join(text))
