"""The reference article's record: everything issue 2 lists, and the golden file."""

from __future__ import annotations

import json
import os
import re

import pytest

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "data" / "golden" / "azernews-azerbaijan-uzbekistan.json"
CONFLICT = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
            "COERCE", "ASSAULT"}


def _entity(rec, name):
    found = [e for e in rec.entities if e.name == name]
    assert found, f"{name} not found in {[e.name for e in rec.entities]}"
    return found[0]


def test_reference_text_has_no_glued_words(reference_record):
    text = reference_record.text
    for glued in ("ofcooperation", "DeputyMinister", "withMirziyod", 'the"Uzeltexsanoat',
                  '"Uzeltexsanoat"Association', "manufacturing,making", "along-term"):
        assert glued not in text
    assert "a long-term vision" in text
    assert "Uzeltexsanoat" in text and "Bashirli" in text


def test_reference_persons_have_title_country_and_affiliation(reference_record):
    rec = reference_record
    bashirli = _entity(rec, "Samad Bashirli")
    assert (bashirli.kind, bashirli.country, bashirli.sector) == ("person", "AZE", "GOV")
    assert bashirli.title == "Deputy Minister"
    assert rec.entity(bashirli.affiliation).name == "Ministry of Economy"
    yunusov = _entity(rec, "Mirziyod Yunusov")
    assert (yunusov.kind, yunusov.country) == ("person", "UZB")
    assert yunusov.title == "Chairman of the Board of Directors"
    assert rec.entity(yunusov.affiliation).name == "Uzeltexsanoat Association"


@pytest.mark.parametrize("name,country,sector", [
    ("Ministry of Economy", "AZE", "GOV"),
    ("Uzeltexsanoat Association", "UZB", "BUS"),
    ("Artel", "UZB", "BUS"),
    ("AKFA", "UZB", "BUS"),
    ("Turkic Council", None, "IGO"),
    ("Azernews", "AZE", "MED"),
])
def test_reference_organisations(reference_record, name, country, sector):
    org = _entity(reference_record, name)
    assert org.kind == "organization"
    assert org.sector == sector
    if country is not None:
        assert org.country == country


def test_reference_meeting_is_one_consult_event(reference_record):
    consults = [e for e in reference_record.events if e.type == "CONSULT"]
    assert len(consults) == 1
    ev = consults[0]
    assert ev.countries == {"AZE", "UZB"}
    assert ev.modality == "asserted"
    assert {"economic", "technology"} <= set(ev.context)
    assert "C27" in ev.sectors and "C26" in ev.sectors
    texts = [reference_record.text[s.start:s.end] for s in ev.evidence]
    assert any("in a meeting with Mirziyod Yunusov" in t for t in texts)
    assert any(t.startswith("The meeting between Deputy Minister Samad Bashirli") for t in texts)


def test_reference_signed_agreements_are_support(reference_record):
    support = [e for e in reference_record.events if e.type == "SUPPORT"]
    assert len(support) == 1
    assert support[0].countries == {"AZE", "UZB"}
    assert support[0].modality == "asserted"
    text = reference_record.text[support[0].evidence[0].start:support[0].evidence[0].end]
    assert "memoranda of understanding" in text and "signed" in text


def test_reference_trade_turnover_rises(reference_record):
    turnover = [f for f in reference_record.figures if f.metric == "trade_turnover"]
    assert len(turnover) == 1
    assert sorted(turnover[0].countries) == ["AZE", "UZB"]
    assert turnover[0].change == "increase"
    assert turnover[0].kind == "actual"  # a rising trend reported, not a goal


def test_reference_both_countries_member_of_turkic_council(reference_record):
    council = _entity(reference_record, "Turkic Council")
    members = {r.subject for r in reference_record.relations
               if r.type == "member_of" and r.object == council.id}
    assert members == {"AZE", "UZB"}


def test_reference_potential_areas_are_potential_not_happened(reference_record):
    potential = [e for e in reference_record.events if e.modality == "potential"]
    assert len(potential) == 1
    ev = potential[0]
    assert {"D35", "C27", "C26"} <= set(ev.sectors)
    text = reference_record.text[ev.evidence[0].start:ev.evidence[0].end]
    assert text.startswith("Potential areas of cooperation")
    asserted_sectors = {s for e in reference_record.events if e.modality == "asserted"
                        for s in e.sectors}
    assert "D35" not in asserted_sectors


def test_reference_invents_nothing(reference_record):
    rec = reference_record
    assert not [e for e in rec.events if e.type in CONFLICT]
    n = len(rec.text)
    spans = [s for e in rec.events for s in e.evidence] + [f.evidence for f in rec.figures] + \
        [r.evidence for r in rec.relations]
    spans += [type(spans[0])(a, b) for e in rec.entities for a, b in e.mentions]
    for s in spans:
        assert 0 <= s.start < s.end <= n
    for e in rec.entities:
        for a, b in e.mentions:
            assert re.sub(r"\W", "", rec.text[a:b]).lower() in \
                {re.sub(r"\W", "", x).lower() for x in [e.name, *e.aliases]} or e.kind == "country"


def test_reference_matches_golden_file(reference_record):
    """The whole record; regenerate on purpose with BILAT_REGEN_GOLDEN=1 and review the diff."""
    record = reference_record.to_dict()
    if os.environ.get("BILAT_REGEN_GOLDEN"):
        GOLDEN.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", "utf-8")
    golden = json.loads(GOLDEN.read_text("utf-8"))
    assert record == golden
