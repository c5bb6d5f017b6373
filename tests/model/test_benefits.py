"""The optional `benefits:` block: read as stated, validated with path:line, sourced by `check`."""

from __future__ import annotations

import pytest

from interop.errors import ModelError
from interop.model import load_model
from interop.model.lint import missing_sources

GOOD = """
nodes:
  - {id: CAN, kind: nation}
  - id: P
    kind: platform
    benefits:
      - policy: ITB
        commitment: >-
          100% of contract value
        source: [https://example.org/itb, DND release]
        confidence: high
        notes: a note
      - {policy: Offer, commitment: assembly in Canada}
"""


def write(tmp_path, text):
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_are_read_as_stated(tmp_path):
    model = load_model(write(tmp_path, GOOD))
    first, second = model["P"].benefits
    assert (first.policy, first.commitment, first.source, first.confidence, first.notes) == (
        "ITB",
        "100% of contract value",
        ("https://example.org/itb", "DND release"),
        "high",
        "a note",
    )
    assert first.location.line == 7
    assert (second.policy, second.source, second.confidence) == ("Offer", (), None)
    problems = [p.what for p in missing_sources(model)]
    assert "a 'benefits' entry of 'P' has no 'source'" in problems


BAD = """
nodes:
  - {id: CAN, kind: nation}
  - id: P
    kind: platform
    benefits:
      - policy: X
        confidnce: high
      - policy: Y
        commitment: Z
        confidence: sure
        source: {url: x}
  - id: Q
    kind: platform
    benefits: ITB applies
"""


def test_bad_entries_name_the_line_and_the_fix(tmp_path):
    path = write(tmp_path, BAD)
    with pytest.raises(ModelError) as caught:
        load_model(path)
    text = str(caught.value)
    assert f"{path}:8: unknown key 'confidnce' in a 'benefits' entry of 'P' — did you mean 'confidence'?" in text
    assert f"{path}:7: a 'benefits' entry of 'P' needs 'commitment' as text" in text
    assert f"{path}:11: unknown confidence 'sure' in a 'benefits' entry of 'P'" in text
    assert f"{path}:12: 'source' of a 'benefits' entry of 'P' must be text or a list of text" in text
    assert f"{path}:15: 'benefits' of 'Q' must be a list of entries" in text
