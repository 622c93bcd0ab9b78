"""Safe YAML for listlint's own files and the user's (packs, profiles, ignore files).

libyaml's parser when PyYAML was built with it (~10x faster: the base pack took ~40 ms
of CPU through the pure-Python one, a tenth of a small catalogue's run), else PyYAML's
own. Both build the same nodes, marks and errors, and neither constructs arbitrary
Python objects.

Two more checks on the composed node graph, before any Python object is built:

* **Alias bombs.** An alias shares a node, so 600 bytes of nested anchors describe a
  tree of 10⁹ nodes; building it is cheap, but anything that walks it (merging packs,
  ``str()`` of a value) is not. The size of the tree with every alias expanded is
  counted (each node once, memoised), and a document over :data:`MAX_NODES` is refused.
  Ordinary anchors for reuse stay allowed. A recursive alias is refused outright.
* **Duplicate keys.** YAML says keys are unique; PyYAML keeps the last. A mapping that
  names a key twice is an error, so a reviewer never reads a value that is not used.
"""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: nodes a document may expand to, aliases counted at every use. The largest shipped
#: file (policies/base.yaml, 33 KB) has ~1,300: this leaves room for 700x that.
MAX_NODES = 1_000_000


class UnsafeYAML(yaml.YAMLError):
    """A document refused by the checks above (a YAMLError: callers report it as such)."""

    def __init__(self, problem: str, node: yaml.Node | None = None) -> None:
        self.problem = problem
        self.problem_mark = node.start_mark if node is not None else None
        super().__init__(problem)

    def __str__(self) -> str:
        mark = self.problem_mark
        return f"{self.problem} (line {mark.line + 1})" if mark else self.problem


def load(text: str, loader: type[yaml.SafeLoader] = SAFE_LOADER) -> Any:
    """``yaml.safe_load`` (through libyaml when available) with the checks above.
    ``loader`` may be a subclass of :data:`SAFE_LOADER` that constructs differently."""
    ld = loader(text)
    try:
        node = ld.get_single_node()
        if node is None:
            return None
        check(node)
        return ld.construct_document(node)
    finally:
        ld.dispose()


def check(root: yaml.Node, max_nodes: int = MAX_NODES) -> None:
    """Raise :class:`UnsafeYAML` for an alias bomb, a recursive alias or a repeated key."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    # iterative post-order walk: deep documents must not hit Python's recursion limit
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)  # nodes live as long as `root`: ids are stable for this walk
        if done:
            active.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > max_nodes:
                raise UnsafeYAML(
                    f"the document expands to more than {max_nodes:,} values through "
                    "aliases (*name); write the values out or use fewer aliases",
                    node,
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in active:
            raise UnsafeYAML("a recursive alias (an anchor used inside itself)", node)
        active.add(key)
        if isinstance(node, yaml.MappingNode):
            _refuse_repeated_keys(node)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _refuse_repeated_keys(node: yaml.MappingNode) -> None:
    seen: set[tuple[str, str]] = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = (key_node.tag, key_node.value)
        if key in seen and key_node.value != "<<":
            raise UnsafeYAML(f"key {key_node.value!r} is written twice in one mapping", key_node)
        seen.add(key)
