#!/usr/bin/env python3
"""Module cycles: report every cycle between the modules of each crate under crates/*/src.

A cycle is a module that, through `crate::...`, `super::...` or `self::...` paths, depends on a module that depends
on it back, directly or through others. The nodes are the top-level modules of a crate (`src/foo.rs` and everything
under `src/foo/` is `foo`; `lib.rs` and `main.rs` are the crate root and are not a node), and then, in the same way,
the children of every module folder among themselves (`src/foo/bar.rs` and `src/foo/bar/**` are `foo::bar`); with
`--top-level`, only the top-level modules. Test code (`#[cfg(test)] mod x { ... }` and `#[cfg(test)] mod x;`) is
left out: a dependency only tests have does not tangle the build.

A path that names an item the crate root (or a module folder's own file) re-exports with `pub use child::Item`
counts as a reference to `child`. Comments, string and character literals are ignored.

Usage: .ci/module-cycles.py [--top-level] [CRATE ...]   (CRATE: folder name `store` or package name `pilotage-store`)
Prints each strongly connected component of two or more modules, its elementary cycles and, for each edge of a
cycle, where the reference is; exits 1 if there is any cycle, 0 otherwise.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATES = os.path.join(ROOT, "crates")
MAX_CYCLES_PER_COMPONENT = 50
TEST = "#test"  # marks an inline test module on the brace stack


def strip_code(text):
    """Blanks comments, string and character literals (newlines kept, so line numbers stay right)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:]) and not (i and (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r"r(#*)\"", text[i:]).group(1)
            end = text.find('"' + hashes, i + 2 + len(hashes))
            j = n if end < 0 else end + 1 + len(hashes)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "'":
            m = re.match(r"'(?:\\u\{[0-9a-fA-F]+\}|\\x[0-9a-fA-F]{2}|\\.|[^\\'\n])'", text[i:])
            if m:
                out.append(" " * len(m.group(0)))
                i += len(m.group(0))
            else:  # a lifetime or a label
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_top_level(group):
    """Splits the inside of a `{...}` use group at its top-level commas."""
    items, depth, start = [], 0, 0
    for k, c in enumerate(group):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            items.append(group[start:k])
            start = k + 1
    items.append(group[start:])
    return [item.strip() for item in items if item.strip()]


def expand_use_tree(tree):
    """`a::{b, c::{d, self}}` -> [[a, b], [a, c, d], [a, c]]; `x as y` keeps x; a glob ends the path."""
    tree = tree.strip()
    brace = tree.find("{")
    if brace < 0:
        tree = re.sub(r"\s+as\s+\w+$", "", tree)
        segments = [s.strip() for s in tree.split("::") if s.strip()]
        segments = [s for s in segments if s != "*"]
        if segments and segments[-1] == "self":
            segments = segments[:-1]
        return [segments]
    prefix = [s.strip() for s in tree[:brace].split("::") if s.strip()]
    inner = tree[brace + 1 : tree.rfind("}")]
    paths = []
    for item in split_top_level(inner):
        for rest in expand_use_tree(item):
            paths.append(prefix + rest)
    return paths


def matching_brace(text, open_at):
    depth = 0
    for k in range(open_at, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(text) - 1


TOKEN = re.compile(
    r"(?P<mod>(?P<test>#\[cfg\(test\)\]\s*)?(?:pub(?:\([^)]*\))?\s+)?\bmod\s+(?P<modname>\w+)\s*\{)"
    r"|(?P<path>(?<![\w])(?P<head>\$crate|crate|super|self)(?P<tail>(?:\s*::\s*(?:\w+|\{))+))"
    r"|(?P<open>\{)|(?P<close>\})"
)


class Crate:
    def __init__(self, folder):
        self.folder = folder
        self.src = os.path.join(folder, "src")
        self.files = {}  # module path (tuple) -> file path, for every file-backed module
        self.roots = set()  # module paths whose file is a crate root (lib.rs, main.rs)
        for dirpath, _, filenames in os.walk(self.src):
            for name in filenames:
                if not name.endswith(".rs"):
                    continue
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, self.src)[: -len(".rs")].split(os.sep)
                if rel in (["lib"], ["main"]):
                    self.roots.add(full)
                    module = ()
                elif rel[-1] == "mod":
                    module = tuple(rel[:-1])
                else:
                    module = tuple(rel)
                self.files.setdefault(module, []).append(full)
        self.modules = set(self.files)
        for module in list(self.modules):  # folders without their own file (rare) are modules too
            for k in range(1, len(module)):
                self.modules.add(module[:k])
        self.reexports = {}  # (parent module, name) -> child module name
        self.references = []  # (from module, to absolute path, file, line)
        self.test_modules = set()  # file-backed modules declared `#[cfg(test)] mod x;`
        for module, paths in self.files.items():
            for path in paths:
                self.scan(module, path)

    def children(self, parent):
        return {m[len(parent)] for m in self.modules if len(m) > len(parent) and m[: len(parent)] == parent}

    def scan(self, module, path):
        with open(path, encoding="utf-8") as handle:
            text = strip_code(handle.read())
        line_starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]

        def line_of(pos):
            lo, hi = 0, len(line_starts)
            while lo + 1 < hi:
                mid = (lo + hi) // 2
                if line_starts[mid] <= pos:
                    lo = mid
                else:
                    hi = mid
            return lo + 1

        for test in re.finditer(r"#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", text):
            self.test_modules.add(module + (test.group(1),))
        stack = []  # open braces: inline module name (TEST if it is test code), or None
        own_children = self.children(module)
        pos = 0
        while True:
            m = TOKEN.search(text, pos)
            if not m:
                break
            pos = m.end()
            if m.group("mod"):
                stack.append(TEST if m.group("test") else m.group("modname"))
            elif m.group("open"):
                stack.append(None)
            elif m.group("close"):
                if stack:
                    stack.pop()
            else:
                tree = m.group("path")
                if tree.rstrip().endswith("{"):
                    end = matching_brace(text, m.end() - 1)
                    tree = text[m.start() : end + 1]
                    pos = end + 1
                if TEST in stack:
                    continue
                here = module + tuple(s for s in stack if s is not None)
                for segments in expand_use_tree(tree):
                    target = self.resolve(here, segments)
                    if target is not None:
                        self.references.append((module, target, path, line_of(m.start())))
                # `pub use child::{A, B}` in a module's own file, at its top level: A and B name `child`.
                before = text[max(0, m.start() - 40) : m.start()]
                if not [s for s in stack if s is not None] and re.search(r"\buse\s*$", before):
                    for segments in expand_use_tree(tree):
                        target = self.resolve(here, segments)
                        if target and len(target) > len(module) + 1 and target[: len(module)] == module:
                            self.reexports[(module, target[-1])] = target[len(module)]
        # Plain `pub use child::...;` (no crate/self prefix) in the module's own file.
        for use in re.finditer(r"\buse\s+(\w+)\s*::([^;]*);", text):
            if use.group(1) in own_children:
                for segments in expand_use_tree(use.group(1) + "::" + use.group(2)):
                    if len(segments) > 1:
                        self.reexports[(module, segments[-1])] = segments[0]

    @staticmethod
    def resolve(here, segments):
        """Absolute module path of `segments` written in module `here`, or None if it leaves the crate."""
        if not segments:
            return None
        head, rest = segments[0], segments[1:]
        if head in ("crate", "$crate"):
            base = ()
        elif head == "self":
            base = here
        elif head == "super":
            base = here
            while True:
                if not base:
                    return None
                base = base[:-1]
                if rest and rest[0] == "super":
                    rest = rest[1:]
                else:
                    break
        else:
            return None
        return base + tuple(rest)

    def canonical(self, target):
        """Follows re-exports: `crate::Item` re-exported from `foo` becomes `foo::Item`."""
        target = tuple(target)
        for depth in range(len(target)):
            parent, name = target[:depth], target[depth]
            if parent + (name,) in self.modules:
                continue
            child = self.reexports.get((parent, name))
            if child is None:
                return target[: depth + 1]
            return parent + (child,) + target[depth:]
        return target

    def edges(self, nested):
        """{parent module: {(a, b): [(file, line), ...]}} for references from child a to child b of parent."""
        graph = {}
        for source, target, path, line in self.references:
            if path in self.roots or any(source[:k] in self.test_modules for k in range(1, len(source) + 1)):
                continue
            target = self.canonical(target)
            common = 0
            while common < min(len(source), len(target)) and source[common] == target[common]:
                common += 1
            if common >= len(source) or common >= len(target):
                continue
            parent = source[:common]
            if parent and not nested:
                continue
            a, b = source[common], target[common]
            if parent + (b,) not in self.modules:
                continue  # an item of the parent module itself
            graph.setdefault(parent, {}).setdefault((a, b), []).append((path, line))
        return graph


def components(nodes, adjacency):
    """Tarjan's strongly connected components."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(adjacency.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            result.append(sorted(component))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return result


def elementary_cycles(component, adjacency):
    """Each elementary cycle once, starting from its smallest node (enough for the small graphs of a crate)."""
    members = set(component)
    cycles = []
    for start in sorted(component):

        def walk(v, path, seen):
            for w in sorted(adjacency.get(v, ())):
                if len(cycles) >= MAX_CYCLES_PER_COMPONENT:
                    return
                if w == start:
                    cycles.append(path + [start])
                elif w in members and w > start and w not in seen:
                    walk(w, path + [w], seen | {w})

        walk(start, [start], {start})
    return cycles


def main(argv):
    nested = "--top-level" not in argv
    wanted = [a for a in argv if a != "--top-level"]
    for arg in wanted:
        if arg.startswith("-"):
            print(__doc__.strip(), file=sys.stderr)
            return 2
    folders = sorted(
        os.path.join(CRATES, d) for d in os.listdir(CRATES) if os.path.isdir(os.path.join(CRATES, d, "src"))
    )
    if wanted:
        names = {}
        for folder in folders:
            names[os.path.basename(folder)] = folder
            with open(os.path.join(folder, "Cargo.toml"), encoding="utf-8") as handle:
                package = re.search(r'^name\s*=\s*"([^"]+)"', handle.read(), re.M)
            if package:
                names[package.group(1)] = folder
        unknown = [w for w in wanted if w not in names]
        if unknown:
            print("unknown crate(s): " + ", ".join(unknown), file=sys.stderr)
            return 2
        folders = [names[w] for w in wanted]
    found = 0
    for folder in folders:
        crate = Crate(folder)
        name = os.path.basename(folder)
        for parent, edges in sorted(crate.edges(nested).items()):
            adjacency = {}
            for a, b in edges:
                adjacency.setdefault(a, set()).add(b)
            nodes = set(adjacency) | {b for targets in adjacency.values() for b in targets}
            where = name if not parent else name + "::" + "::".join(parent)
            for component in components(nodes, adjacency):
                if len(component) < 2:
                    continue
                found += 1
                print(f"{where}: cycle among {{{', '.join(component)}}}")
                for cycle in elementary_cycles(component, adjacency):
                    print("  " + " -> ".join(cycle))
                    for a, b in zip(cycle, cycle[1:]):
                        path, line = edges[(a, b)][0]
                        more = len(edges[(a, b)]) - 1
                        extra = f" (and {more} more)" if more else ""
                        print(f"    {a} -> {b}: {os.path.relpath(path, ROOT)}:{line}{extra}")
    if found:
        print(f"{found} module cycle(s)")
        return 1
    print("no module cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
