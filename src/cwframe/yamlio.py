"""Reading YAML from untrusted files (manifests, corpora, decisions, gold sets, thesauri).

One reader for all of them, with bounded cost: libyaml's C parser (which refuses
nesting past about 1,000 levels by itself), and a check of the composed node graph
before anything is built from it. A YAML alias repeats a node without copying it,
so 5 KB of nested aliases ("billion laughs") stand for millions of values; here
the expanded size may not exceed twice the distinct nodes plus ``ALIAS_ALLOWANCE``,
which any hand-written use of anchors stays far below.
"""

from __future__ import annotations

from typing import Any

from cwframe.errors import CorpusError

ALIAS_ALLOWANCE = 10_000


def _loader():  # noqa: ANN202 - a yaml loader class
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _expanded_size(root: Any) -> tuple[int, int]:
    """(distinct nodes, nodes counted as often as aliases repeat them), without recursion."""
    import yaml

    size: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in size:
            continue
        if isinstance(node, yaml.ScalarNode):
            size[id(node)] = 1
            continue
        children = (
            [v for pair in node.value for v in pair] if isinstance(node, yaml.MappingNode) else node.value
        )
        if children_done:
            size[id(node)] = 1 + sum(size[id(c)] for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
    return len(size), size[id(root)]


def load_yaml(text: str, *, path: str) -> Any:
    """The YAML document in ``text`` as Python data; any problem is a located CorpusError (CO01)."""
    import yaml

    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        distinct, expanded = _expanded_size(node)
        if expanded > 2 * distinct + ALIAS_ALLOWANCE:
            raise CorpusError(
                f"YAML aliases expand {distinct:,} nodes into {expanded:,}; refusing to expand them "
                "(write the values out instead of repeating anchors)",
                code="CO01", path=path,
            )  # fmt: skip
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError(
            f"not valid YAML ({getattr(exc, 'problem', None) or exc}); fix the syntax",
            code="CO01", path=path, line=mark.line + 1 if mark else 1, column=mark.column + 1 if mark else 1,
        ) from None  # fmt: skip
    except RecursionError:
        raise CorpusError("YAML nested too deeply to read", code="CO01", path=path) from None
    finally:
        loader.dispose()
