"""The contract (shared spec §3) on the hand-built mini model: exact JSON, days, triples, cut sets,
sort orders and exit codes. Every expected value below was worked out by hand from
tests/models/mini.yaml."""

from __future__ import annotations

import json

from conftest import MINI


def _json(run, *args):
    result = run(*args, "--model", MINI, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_replace_f35_with_gripen(run):
    doc = _json(run, "what-if", "--replace", "f-35", "--with", "GRIPEN")
    # mini.yaml has as_of 2026-01-01 and no service keys: on = as_of, no gaps (contract 4.4)
    assert doc["scenario"] == {"operations": [["replace", "F-35A", "Gripen-E"]], "at_days": None, "on": "2026-01-01"}
    assert doc["gaps"] == {"baseline": [], "scenario": []}
    assert doc["failed"] == []
    assert doc["capabilities"] == {"lost": [], "kept": ["QRA"]}
    assert doc["links"] == {
        "lost": [["F-35A", "KC-46", "Link-16"], ["F-35A", "USAF-F-35A", "Link-16"], ["F-35A", "USAF-F-35A", "MADL"]],
        "kept": [],
        "gained": [["Gripen-E", "KC-46", "Link-16"], ["Gripen-E", "USAF-F-35A", "Link-16"]],
        "carried": [["F-35A", "Gripen-E", "KC-46", "Link-16"], ["F-35A", "Gripen-E", "USAF-F-35A", "Link-16"]],
    }
    assert doc["service"] == {
        "entered": ["F414", "Gripen-E", "Saab"],
        "left": ["F-35A"],
        "no_longer_needed": ["F135", "PW"],
    }
    assert doc["spof"]["added"] == [
        ["QRA", "F414"],
        ["QRA", "GE"],
        ["QRA", "Gripen-E"],
        ["QRA", "SWE"],
        ["QRA", "Saab"],
    ]
    assert doc["spof"]["removed"] == [["QRA", "F-35A"], ["QRA", "F135"], ["QRA", "PW"]]


def test_embargo_usa_timeline_and_at(run):
    doc = _json(run, "what-if", "--embargo", "usa")
    assert doc["failed"] == [
        {"id": "Crypto", "at_days": 0},
        {"id": "F135", "at_days": 0},
        {"id": "GE", "at_days": 0},
        {"id": "PW", "at_days": 0},
        {"id": "USA", "at_days": 0},
        {"id": "Link-16", "at_days": 30},
        {"id": "QRA", "at_days": 30},
        {"id": "F-35A", "at_days": 60},
    ]
    assert doc["capabilities"] == {"lost": [{"id": "QRA", "at_days": 30}], "kept": []}
    # KC-46 and USAF-F-35A are USA-operated but do not require USA: they keep working.
    assert doc["links"]["lost"] == [
        ["F-35A", "KC-46", "Link-16"],
        ["F-35A", "USAF-F-35A", "Link-16"],
        ["F-35A", "USAF-F-35A", "MADL"],
    ]
    day29 = _json(run, "what-if", "--embargo", "USA", "--at", "29")
    assert day29["scenario"]["at_days"] == 29
    assert [f["id"] for f in day29["failed"]] == ["Crypto", "F135", "GE", "PW", "USA"]
    assert day29["capabilities"] == {"lost": [], "kept": ["QRA"]}
    assert day29["links"]["lost"] == []
    day30 = _json(run, "what-if", "--embargo", "USA", "--at", "30")
    assert day30["links"]["lost"] == [["F-35A", "KC-46", "Link-16"], ["F-35A", "USAF-F-35A", "Link-16"]]
    assert day30["links"]["kept"] == [["F-35A", "USAF-F-35A", "MADL"]]


def test_operations_order_is_replacements_then_removals_then_embargoes(run):
    doc = _json(run, "what-if", "--embargo", "SWE", "--remove", "P&W", "--replace", "F-35", "--with", "Gripen")
    assert doc["scenario"]["operations"] == [["replace", "F-35A", "Gripen-E"], ["remove", "PW"], ["embargo", "SWE"]]
    # The swap brought Saab (a SWE supplier) in; the SWE embargo cuts it, and Gripen-E with it.
    assert {"id": "Gripen-E", "at_days": 0} in doc["failed"]
    assert doc["capabilities"]["lost"] == [{"id": "QRA", "at_days": 0}]


def test_spof_json_shape_and_sort_order(run):
    doc = _json(run, "spof")
    assert doc == {
        "max_order": 2,
        "kinds": None,
        "on": "2026-01-01",
        "gaps": [],
        "gap_reasons": {},
        "capabilities": [
            {
                "id": "QRA",
                "cut_sets": [
                    ["Crypto"],
                    ["F-35A"],
                    ["F135"],
                    ["Link-16"],
                    ["PW"],
                    ["Tanker"],
                    ["USA"],
                    ["CC-330", "KC-46"],
                    ["KC-46", "SWE"],
                ],
                "groups": [
                    {
                        "order": 1,
                        "count": 7,
                        "factors": [["Crypto", "F-35A", "F135", "Link-16", "PW", "Tanker", "USA"]],
                    },
                    {"order": 2, "count": 2, "factors": [["CC-330", "SWE"], ["KC-46"]]},
                ],
            }
        ],
    }
    kinds = _json(run, "spof", "--capability", "qra", "--max-order", "3", "--kinds", "supplier,nation")
    assert kinds == {
        "max_order": 3,
        "kinds": ["nation", "supplier"],
        "on": "2026-01-01",
        "gaps": [],
        "gap_reasons": {},
        "capabilities": [
            {
                "id": "QRA",
                "cut_sets": [["PW"], ["USA"]],
                "groups": [{"order": 1, "count": 2, "factors": [["PW", "USA"]]}],
            }
        ],
    }


def test_exit_codes(run, tmp_path):
    assert run("check", "--model", MINI).code == 0
    assert run("what-if", "--model", MINI, "--replace", "F-35").code == 2  # --with missing
    assert run("what-if", "--model", MINI, "--at", "-1").code == 2
    unknown = run("what-if", "--model", MINI, "--remove", "Grippen")
    assert unknown.code == 3 and "did you mean 'Gripen-E'" in unknown.err
    assert run("what-if", "--model", MINI, "--remove", "Gripen").code == 3  # candidate not in service
    assert run("what-if", "--model", MINI, "--embargo", "PW").code == 3  # not a nation
    assert run("what-if", "--model", MINI, "--embargo", "CAN").code == 3  # home nation
    assert run("what-if", "--model", MINI, "--replace", "F-35", "--with", "F-35A").code == 3
    gate = run("what-if", "--model", MINI, "--embargo", "USA", "--fail-on", "capability-lost")
    assert gate.code == 1 and "capability-lost" in gate.err and "QRA" in gate.out
    assert (
        run("what-if", "--model", MINI, "--replace", "F-35", "--with", "Gripen", "--fail-on", "capability-lost").code
        == 0
    )
    out = tmp_path / "missing" / "x.md"
    assert run("what-if", "--model", MINI, "-o", out).code == 4 and not out.parent.exists()


def test_output_written_atomically_and_never_over_the_model(run, tmp_path):
    target = tmp_path / "answer.json"
    result = run("what-if", "--model", MINI, "--embargo", "USA", "--format", "json", "-o", target)
    assert result.code == 0 and result.out == ""
    assert json.loads(target.read_text())["capabilities"]["lost"] == [{"id": "QRA", "at_days": 30}]
    before = MINI.read_bytes()
    refused = run("spof", "--model", MINI, "-o", MINI)
    assert refused.code == 4 and MINI.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer.json"]  # no temp files left


def test_mix_keeps_both_fleets(run):
    doc = _json(run, "what-if", "--mix", "F-35", "--with", "Gripen", "--remove", "PW")
    assert doc["scenario"]["operations"] == [["mix", "F-35A", "Gripen-E"], ["remove", "PW"]]
    # F-35A fails at 60 (F135 grace) but the Gripen fleet carries QRA: it holds.
    assert {"id": "F-35A", "at_days": 60} in doc["failed"]
    assert doc["capabilities"] == {"lost": [], "kept": ["QRA"]}


def test_replace_order_on_command_line_pairs_with_following_with(run, tmp_path):
    model = tmp_path / "m.yaml"
    model.write_text(
        "nodes:\n"
        "  - {id: CAN, kind: nation}\n"
        "  - {id: A, kind: platform}\n  - {id: B, kind: platform}\n"
        "  - {id: A2, kind: platform, status: candidate}\n  - {id: B2, kind: platform, status: candidate}\n"
        "  - {id: C, kind: capability, requires: [A, B]}\n"
    )
    doc = json.loads(
        run(
            "what-if",
            "--model",
            model,
            "--mix",
            "B",
            "--with",
            "B2",
            "--replace",
            "A",
            "--with",
            "A2",
            "--format",
            "json",
        ).out
    )
    assert doc["scenario"]["operations"] == [["mix", "B", "B2"], ["replace", "A", "A2"]]
    assert doc["service"]["entered"] == ["A2", "B2"] and doc["service"]["left"] == ["A"]


def test_text_and_markdown_render_the_same_facts(run):
    text = run("what-if", "--model", MINI, "--embargo", "USA").out
    assert "day 30  QRA — Quick reaction alert" in text
    assert "USA · Link-16 (2): F-35A ↔ KC-46, F-35A ↔ USAF-F-35A" in text
    markdown = run("what-if", "--model", MINI, "--embargo", "USA", "--format", "markdown").out
    assert "| 30 | QRA | Quick reaction alert |" in markdown
    assert "| USA | MADL | 1 | 0 | −1 |  |" in markdown
    assert "- **Lost** (USA · MADL): F-35A ↔ USAF-F-35A" in markdown
    assert "  USA      MADL            1      0      −1" in text
