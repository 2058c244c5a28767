"""Plain descriptions of regimen items (shared by plan and check output)."""
from __future__ import annotations

from vitasim.regimen import DoseItem


def _duration(hours: float) -> str:
    days = hours / 24.0
    if abs(days - round(days)) < 1e-9:
        d = int(round(days))
        if d % 7 == 0 and d >= 7:
            w = d // 7
            return f"{w} week" + ("s" if w > 1 else "")
        return f"{d} day" + ("s" if d > 1 else "")
    return f"{hours:g} hours"


def short_name(description: str) -> str:
    """The name part of a supplement description, without the notes that follow it.

    "cyanocobalamin; 'vitamin B12', 'B12' ... are read as ..." -> "cyanocobalamin";
    "magnesium oxide (poorly soluble; dose as elemental Mg). Doses are ..." -> "magnesium oxide";
    "vitamin D3 (cholecalciferol)" stays as it is.  Regimen lines use this, so the long notes
    are said once (in the warnings or forms), not on every line.
    """
    cut = len(description)
    for mark in (";", ":", ". "):
        i = description.find(mark)
        if 0 < i < cut:
            cut = i
    head = description[:cut].strip()
    if head.count("(") != head.count(")"):
        head = head[:head.find("(")].strip()
    return head or description


def item_dict(item: DoseItem) -> dict:
    """A regimen entry as the profile format writes it (re-readable), plus a description."""
    entry = {"supplement": item.supplement.key.replace("_", " "), "dose": item.dose_text}
    if item.every_h is not None:
        entry["every"] = _duration(item.every_h)
    if item.start_h:
        entry["start"] = _duration(item.start_h)
    if item.stop_h is not None:
        entry["stop"] = _duration(item.stop_h)
    if item.max_doses is not None:
        entry["doses"] = item.max_doses
    if item.route != "oral":
        entry["route"] = item.route
    entry["description"] = item.supplement.description or item.supplement.key
    return entry


def when_text(entry: dict) -> str:
    """How often, in words, from a regimen entry: "daily", "every 1 week", "once"."""
    every = entry.get("every")
    if every is None:
        return "once"
    return "daily" if every == "1 day" else f"every {every}"


def item_text(item: DoseItem) -> str:
    """One plain line: short name, dose, how often ("vitamin D3 (cholecalciferol) 2000 IU daily")."""
    entry = item_dict(item)
    return f"{short_name(entry['description'])} {item.dose_text} {when_text(entry)}"
