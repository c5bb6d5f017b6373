"""The shipped model (graphs/canada): sourced, consistent, and its headline scenarios kept as golden
files in docs/scenarios/ (regenerate on purpose with ``pytest --update-golden``)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT

from interop.analysis import baseline
from interop.model import load_model
from interop.model.lint import missing_sources
from interop.shipped import shipped_model_path

SCENARIOS = ROOT / "docs" / "scenarios"
HEADLINES = {  # on the model's as_of date (2026-11-01)
    "replace-f35-with-gripen.md": ["what-if", "--replace", "F-35", "--with", "Gripen"],
    "embargo-usa.md": ["what-if", "--embargo", "USA"],
    "gripen-then-embargo-usa.md": ["what-if", "--replace", "F-35", "--with", "Gripen", "--embargo", "USA"],
    "remove-pratt-whitney.md": ["what-if", "--remove", "Pratt & Whitney"],
    "gripen-then-embargo-swe.md": ["what-if", "--replace", "F-35", "--with", "Gripen", "--embargo", "SWE"],
    "spof-all-capabilities.md": ["spof"],
    "us-keys-alone.md": ["what-if", "--remove", "US-COMSEC-Keys"],
    "embargo-usa-with-canadian-keys.md": [
        "what-if",
        "--replace",
        "US-COMSEC-Keys",
        "--with",
        "CSE-COMSEC-Keys",
        "--embargo",
        "USA",
    ],
}
DATED = {  # the same questions on 1 January of 2026, 2030 and 2035 (fleets enter and leave)
    "embargo-usa": ["what-if", "--embargo", "USA"],
    "embargo-usa-with-canadian-keys": [
        "what-if",
        "--replace",
        "US-COMSEC-Keys",
        "--with",
        "CSE-COMSEC-Keys",
        "--embargo",
        "USA",
    ],
    "replace-f35-with-gripen": ["what-if", "--replace", "F-35", "--with", "Gripen"],
    "gripen-then-embargo-usa": ["what-if", "--replace", "F-35", "--with", "Gripen", "--embargo", "USA"],
    "gripen-then-embargo-swe": ["what-if", "--replace", "F-35", "--with", "Gripen", "--embargo", "SWE"],
    "remove-pratt-whitney": ["what-if", "--remove", "Pratt & Whitney"],
    "sensitivity-gripen-then-embargo-usa": [
        "sensitivity",
        "--replace",
        "F-35",
        "--with",
        "Gripen",
        "--embargo",
        "USA",
    ],
    "spof-all-capabilities": ["spof"],
}
for _year in ("2026", "2030", "2035"):
    for _name, _args in DATED.items():
        HEADLINES[f"{_year}-{_name}.md"] = [*_args, "--on", _year]


@pytest.fixture(scope="module")
def model():
    return load_model(shipped_model_path())


def test_shipped_model_is_found_and_valid(run):
    assert shipped_model_path().is_dir()
    assert run("check", "--require-sources").code == 0


def test_every_node_has_a_source_and_a_confidence(model):
    assert missing_sources(model) == []
    for node in model:
        assert node.source and node.confidence in ("high", "medium", "low"), node.id


def test_every_source_url_is_well_formed(model):
    sources = [s for n in model for s in n.source] + [s for n in model for r in n.requires for s in r.source]
    assert sources
    for source in sources:
        if not source.startswith(("http://", "https://")):
            continue  # a document reference, not a URL
        parsed = urlparse(source)
        assert parsed.netloc and "." in parsed.netloc and not re.search(r"\s", source), source


RESEARCH_ID = re.compile(r"\b[PNLSGQ]-\d+\b(?! MAS)")  # research-sheet ids; "L-3 MAS" is a company
LABEL = re.compile(r"Illustrative\s+assumption\s+\(([^)]*)\)\s*:\s*(\S[^.]{9,})")
DAYS_AND_RANGE = re.compile(r"(\d+)\s+days;\s+range\s+(\d+)\s*[-\u2013]\s*(\d+)")


def _notes(model):
    for node in model:
        yield node.id, node.notes or ""
        for req in node.requires:
            yield f"{node.id} -> {'/'.join(req.targets)}", req.notes or ""


def test_notes_cite_sources_not_research_sheet_ids(model):
    """Notes ship with the tool; the research sheets do not, so an id like P-15 means nothing to a user."""
    offenders = [(where, found.group(0)) for where, text in _notes(model) if (found := RESEARCH_ID.search(text))]
    assert offenders == []


def test_every_grace_period_is_a_labelled_assumption_with_a_range_and_a_reason(model):
    """Every grace > 0 reads 'Illustrative assumption (what, N days; range A-B): why', N inside the range."""
    problems = []
    for node in model:
        for req in node.requires:
            if not req.grace_days:
                continue
            where = f"{node.id} -> {'/'.join(req.targets)}"
            label = LABEL.search(req.notes or "")
            numbers = DAYS_AND_RANGE.search(label.group(1)) if label else None
            if not numbers:
                problems.append(where)
                continue
            days, low, high = (int(g) for g in numbers.groups())
            if days != req.grace_days or not low <= days <= high:
                problems.append(f"{where}: label says {days} in {low}-{high}, grace_days is {req.grace_days}")
    assert problems == []


def test_renewed_services_and_stockpiled_parts_carry_different_assumptions(model):
    """The audit's point: the F-35's pooled spares (a service) and the Gripen's F414 parts (a stock) differ."""

    def grace(node_id, target):
        return next(r.grace_days for r in model[node_id].requires if r.targets == (target,))

    assert grace("F-35A", "F-35-Spares-Pool") < grace("F414-GE-39E", "GE-Aerospace")
    assert grace("F-35A", "F-35-Spares-Pool") < grace("CF-18", "US-Navy-PMA-265")


def test_gripen_package_assumes_only_what_canada_has_or_saab_offered(model):
    """Meteor is an option (--mix), not part of the modelled Gripen: AMRAAM is its missile."""
    gripen = model["Gripen-E"]
    required = {t for r in gripen.requires for t in r.targets}
    assert "AMRAAM" in required and "Meteor" not in required
    assert {"Skyward-G-IRST", "Gripen-Landing-Gear", "Martin-Baker-Mk10L", "ES-05-Raven"} <= required


def test_audit_corrections_are_in_the_model(model):
    assert "General-Atomics" in {t for r in model["Lynx-Radar"].requires for t in r.targets}
    mids = next(r for r in model["MIDS-JTRS"].requires if r.any_of)
    assert set(mids.targets) == {"Data-Link-Solutions", "L3Harris", "EuroMIDS"}
    assert "completed January 2023" in " ".join(mids.notes.split())
    assert model["BCS-F"].confidence == "medium"
    assert any("BG-07.013" in s for s in model["BCS-F"].source)
    assert "USAF-AEWS-Sustainment" in {t for r in model["North-Warning-System"].requires for t in r.targets}


def test_ids_and_aliases_are_unique_ignoring_case(model):
    names = [n.id.casefold() for n in model] + [a.casefold() for n in model for a in n.aliases]
    assert len(names) == len(set(names))


def test_every_capability_is_reachable_from_a_supplier(model):
    graph = baseline(model)
    for capability in graph.capabilities:
        upstream = graph.upstream([capability])
        assert any(model[n].kind == "supplier" for n in upstream), capability


def test_headline_aliases_resolve(model):
    assert model.find("F-35") == "F-35A"
    assert model.find("gripen") is not None
    assert model.find("Pratt & Whitney") is not None


@pytest.mark.parametrize("name", sorted(HEADLINES))
def test_headline_scenarios_match_their_golden_files(run, golden, name):
    result = run(*HEADLINES[name], "--format", "markdown")
    assert result.code == 0, result.err
    golden(SCENARIOS / name, result.out)


def _command(args):
    return "interop " + " ".join(f'"{a}"' if " " in a else a for a in args) + " --format markdown"


def test_scenario_index_lists_every_file_with_its_command(golden):
    lines = [
        "# Headline scenarios of the shipped model",
        "",
        "Generated by the test suite (`pytest --update-golden` rewrites these files); each file is the",
        "tool's own Markdown output for the command beside it. Files without a year are on the model's",
        "`as_of` date (2026-11-01); the others ask the same question on 1 January of that year.",
        "What each answer rests on is discussed in [docs/model.md](../model.md), section 5.",
        "",
        "| file | command |",
        "|---|---|",
    ]
    lines += [f"| [{name}]({name}) | `{_command(HEADLINES[name])}` |" for name in sorted(HEADLINES)]
    golden(SCENARIOS / "README.md", "\n".join(lines) + "\n")


def test_no_stale_scenario_files():
    written = {p.name for p in Path(SCENARIOS).glob("*.md")} - {"README.md"}
    assert written <= set(HEADLINES), written - set(HEADLINES)


# --- service dates (issue 15 item 1) --------------------------------------------------------------

PUBLIC_WINDOWS = {  # node: (first day, last day) as public sources (or a labelled assumption) give them
    "CF-18": ("1982-01-01", "2032-12-31"),
    "F-35A": ("2030-01-01", None),
    "Gripen-E": ("2030-01-01", None),
    "GlobalEye": ("2031-01-01", None),
    "P-8A": ("2026-01-01", None),
    "MQ-9B": ("2028-01-01", None),
    "CC-330": ("2024-01-01", None),
    "CC-330-Tanker": ("2029-01-01", None),
    "CC-150T": ("2008-01-01", "2027-12-31"),
    "CC-177": ("2007-01-01", None),
    "A-OTHR": ("2029-12-01", None),
    "RBS-70-NG": ("2024-01-01", None),
    "ESCP-P": ("2035-01-01", None),
}


def test_dates_are_present_where_public_and_sourced(model):
    windows = {
        n.id: (
            n.service.start.isoformat() if n.service.start else None,
            n.service.end.isoformat() if n.service.end else None,
        )
        for n in model
        if n.service is not None
    }
    assert windows == PUBLIC_WINDOWS
    for node_id in PUBLIC_WINDOWS:
        assert model[node_id].service_source, node_id
        assert "Service dates" in (model[node_id].notes or "") or "window opens" in (model[node_id].notes or ""), (
            node_id
        )


def _fighters_on(model, day):
    import datetime

    item = next(r for r in model["NORAD-Air-Sovereignty"].requires if r.label == "fighters on NORAD alert")
    return sorted(t for t in item.targets if model[t].serves_on(datetime.date.fromisoformat(day)))


def test_no_norad_fighter_redundancy_before_f35_ioc_or_after_the_cf18():
    model = load_model(shipped_model_path())
    assert _fighters_on(model, "2026-11-01") == ["CF-18"]
    assert _fighters_on(model, "2029-12-31") == ["CF-18"]
    assert _fighters_on(model, "2030-01-01") == ["CF-18", "F-35A"]
    assert _fighters_on(model, "2033-01-01") == ["F-35A"]


def test_benefits_entries_are_sourced_and_cover_the_audits_commitments(model):
    entries = {(n.id, b.policy): b for n in model for b in n.benefits}
    for (node_id, policy), benefit in entries.items():
        assert benefit.source and benefit.confidence in ("high", "medium", "low"), (node_id, policy)
        assert benefit.commitment, (node_id, policy)
    assert ("F-35A", "JSF partnership industrial participation (outside ITB)") in entries
    assert ("P-8A", "Industrial and Technological Benefits (ITB)") in entries
    assert "100%" in entries[("P-8A", "Industrial and Technological Benefits (ITB)")].commitment
    assert ("Gripen-E", "Saab offer (not contracted)") in entries
    assert any(
        "ised-isde.canada.ca/site/industrial-technological-benefits" in s for b in entries.values() for s in b.source
    )
