#!/usr/bin/env python3
"""Checks that the documentation points at things that exist.

In README.md, docs/*.md and crates/*/README.md, outside fenced code blocks:
- every relative Markdown link `[text](path)` or `[text](path#anchor)` names a file or folder of the repository
  (and, for a link into a Markdown file, a heading of that file);
- every path in backticks that looks like a repository path (it starts with a top-level folder such as `docs/` or
  `crates/`, or is a top-level file such as `SECURITY.md`; in a crate's README also `src/`, `benches/`, `tests/`,
  `examples/` of that crate) exists. Patterns (`*`, `<crate>`, `{id}`, `…`) are not paths and are skipped.

Prints each missing target with the file and line naming it, and exits 1 if there is any. Standard library only.
Run from anywhere: `python3 .ci/doc-links.py`.
"""

import os
import re
import sys
import unicodedata

# Paths the documentation names that do not exist yet. Remove each entry once the path exists (an entry ending in
# "/" allows everything under it).
ALLOWED_MISSING = {
}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOP_FILES = {"README.md", "SECURITY.md", "Cargo.toml", "Cargo.lock", "clippy.toml"}
CRATE_DIRS = ("src/", "benches/", "tests/", "examples/")
PATTERN_CHARS = set("*<>{}…$ ")

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
CODE = re.compile(r"`([^`\n]+)`")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def documents():
    yield "README.md"
    for name in sorted(os.listdir(os.path.join(ROOT, "docs"))):
        if name.endswith(".md"):
            yield f"docs/{name}"
    for crate in sorted(os.listdir(os.path.join(ROOT, "crates"))):
        if os.path.isfile(os.path.join(ROOT, "crates", crate, "README.md")):
            yield f"crates/{crate}/README.md"


def prose_lines(path):
    """(line number, text) of the lines outside fenced code blocks."""
    fence = None
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            stripped = line.lstrip()
            marker = stripped[:3]
            if marker in ("```", "~~~"):
                if fence is None:
                    fence = marker
                elif marker == fence:
                    fence = None
                continue
            if fence is None:
                yield number, line.rstrip("\n")


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`|\*\*|__", "", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    out = []
    for ch in text.lower():
        if ch in " -":
            out.append("-" if ch == " " else ch)
        elif ch == "_" or unicodedata.category(ch)[0] in "LN":
            out.append(ch)
    return "".join(out)


def anchors(path):
    seen = {}
    result = set()
    for _, line in prose_lines(path):
        m = HEADING.match(line)
        if m:
            base = slug(m.group(2))
            n = seen.get(base, 0)
            seen[base] = n + 1
            result.add(base if n == 0 else f"{base}-{n}")
    return result


def allowed(rel):
    rel = rel.rstrip("/")
    for entry in ALLOWED_MISSING:
        if entry.endswith("/") and (rel + "/").startswith(entry):
            return True
        if rel == entry.rstrip("/"):
            return True
    return False


def exists(rel):
    return os.path.exists(os.path.join(ROOT, rel))


def top_level_dirs():
    return {
        name + "/"
        for name in os.listdir(ROOT)
        if os.path.isdir(os.path.join(ROOT, name)) and name not in (".git", "target")
    }


def looks_like_path(text, top_dirs):
    if PATTERN_CHARS & set(text) or "://" in text:
        return False
    return text in TOP_FILES or any(text.startswith(d) for d in top_dirs)


def check():
    missing = []
    top_dirs = top_level_dirs()
    anchor_cache = {}
    for doc in documents():
        here = os.path.dirname(doc)
        crate = here if doc.startswith("crates/") else None
        for number, line in prose_lines(doc):
            for target in LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue  # https:, mailto:
                path, _, fragment = target.partition("#")
                rel = os.path.normpath(os.path.join(here, path)) if path else doc
                if rel.startswith(".."):
                    missing.append((doc, number, target, "outside the repository"))
                    continue
                if not exists(rel):
                    if not allowed(rel):
                        missing.append((doc, number, target, "no such file"))
                    continue
                if fragment and rel.endswith(".md"):
                    if rel not in anchor_cache:
                        anchor_cache[rel] = anchors(rel)
                    if fragment not in anchor_cache[rel]:
                        missing.append((doc, number, target, f"no heading #{fragment} in {rel}"))
            for text in CODE.findall(line):
                text = text.strip().rstrip(":,.")
                if crate and text.startswith(CRATE_DIRS) and not PATTERN_CHARS & set(text):
                    rel = f"{crate}/{text}"
                elif looks_like_path(text, top_dirs):
                    rel = text
                else:
                    continue
                if not exists(rel) and not allowed(rel):
                    missing.append((doc, number, f"`{text}`", "no such file"))
    return missing


def main():
    missing = check()
    for doc, number, target, why in missing:
        print(f"{doc}:{number}: {target}: {why}")
    if missing:
        print(f"{len(missing)} missing", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
