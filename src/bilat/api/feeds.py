"""Atom 1.0 feeds of events, built with ``xml.etree`` (which escapes every text)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from bilat import lexicon
from bilat.vocab import Modality

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
ET.register_namespace("", ATOM)

#: Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(s: str) -> str:
    return _NOT_XML.sub("", s)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def _timestamp(day: str | None, fallback: str) -> str:
    """RFC 3339 for an event's day ("2024-05" → its first day), else ``fallback``."""
    if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return f"{day}T00:00:00Z"
    if day and re.fullmatch(r"\d{4}-\d{2}", day):
        return f"{day}-01T00:00:00Z"
    return fallback


def _names(codes: list[str]) -> str:
    return ", ".join(lexicon.country_name(c) for c in codes) or "?"


def entry_title(ev: dict[str, Any]) -> str:
    parties = _names(ev["actor_countries"])
    if ev["recipient_countries"]:
        parties += " → " + _names(ev["recipient_countries"])
    modality = "" if ev["modality"] == Modality.ASSERTED else f" ({ev['modality']})"
    return f"{ev['type']}{modality}: {parties}"


def _page(ev: dict[str, Any]) -> str:
    """The path of the page a reader follows from an event: its first report's article
    with the evidence highlighted, else the pair page of its two countries."""
    for m in ev.get("mentions") or []:
        if m.get("article_id"):
            spans = ",".join(f"{s['start']}-{s['end']}" for s in m.get("evidence") or []
                             if s.get("end", 0) > s.get("start", 0))
            path = "/articles/" + quote(m["article_id"], safe="")
            return f"{path}?highlight={spans}#hl-1" if spans else path
    codes = sorted(set(ev["actor_countries"]) | set(ev["recipient_countries"]))
    return f"/pairs/{codes[0]}/{codes[1]}" if len(codes) == 2 else "/"


def atom(title: str, feed_id: str, self_url: str, base_url: str,
         events: list[dict[str, Any]]) -> bytes:
    """An Atom feed with one entry per event, in the order given (newest first)."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    stamps = [_timestamp(ev.get("date"), now) for ev in events]
    root = ET.Element(f"{{{ATOM}}}feed")
    _sub(root, "id", feed_id)
    _sub(root, "title", title)
    _sub(root, "updated", max(stamps) if stamps else now)
    _sub(root, "link", rel="self", type="application/atom+xml", href=self_url)
    author = _sub(root, "author")
    _sub(author, "name", "bilat")
    _sub(root, "generator", "bilat")
    for ev, stamp in zip(events, stamps, strict=True):
        entry = _sub(root, "entry")
        _sub(entry, "id", f"urn:bilat:event:{ev['id']}")
        _sub(entry, "title", entry_title(ev))
        _sub(entry, "updated", stamp)
        _sub(entry, "link", rel="alternate", type="text/html", href=base_url + _page(ev))
        _sub(entry, "link", rel="related", type="application/json",
             href=f"{base_url}/api/events/{ev['id']}")
        _sub(entry, "category", term=ev["type"])
        evidence = [s["text"] for m in ev["mentions"] for s in m["evidence"] if s.get("text")]
        sources = sorted({m["article_title"] for m in ev["mentions"] if m.get("article_title")})
        summary = " … ".join(evidence[:3])
        if sources:
            summary += ("\n" if summary else "") + "Reported in: " + "; ".join(sources)
        _sub(entry, "summary", summary or entry_title(ev), type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
