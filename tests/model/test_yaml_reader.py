"""The YAML reader on its own: how scalars are typed, aliases and merge keys, and the lines it keeps."""

from __future__ import annotations

from interop.model.yaml_reader import read_yaml


def test_scalars_are_typed_by_the_core_schema_and_quotes_keep_text():
    doc = read_yaml(
        b"a: '12'\nb: 12\nc: 1.5\nd: ~\ne: true\nf:\ng: !!str 5\nh: |\n  lit\ni: .inf\nj: F-35\nk: \"null\"\n",
        "t.yaml",
    )
    assert doc == {
        "a": "12",
        "b": 12,
        "c": 1.5,
        "d": None,
        "e": True,
        "f": None,
        "g": "5",
        "h": "lit\n",
        "i": float("inf"),
        "j": "F-35",
        "k": "null",
    }


def test_an_empty_str_tagged_value_is_empty_text():
    assert read_yaml(b"a: !!str\n", "t.yaml") == {"a": ""}
    assert read_yaml(b"!!str ", "t.yaml") == ""


def test_aliases_and_merge_keys_expand():
    doc = read_yaml(b"base: &b {kind: x, grace: 2}\nn:\n  <<: *b\n  id: Q\nl: &l [a, b]\nm: *l\n", "t.yaml")
    assert doc["n"] == {"id": "Q", "kind": "x", "grace": 2}
    assert doc["m"] == ["a", "b"]


def test_lines_of_mappings_items_and_keys():
    doc = read_yaml(
        b"nodes:\n  - id: A\n    kind: nation\n  - id: B\n    requires:\n      - A\n      - {id: A}\n", "t.yaml"
    )
    nodes = doc["nodes"]
    assert nodes.item_lines == [2, 4]
    assert nodes[1]["requires"].item_lines == [6, 7]
    assert nodes[1].line_of("requires") == 5
