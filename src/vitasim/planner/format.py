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


def item_text(item: DoseItem) -> str:
    every = f" every {_duration(item.every_h)}" if item.every_h is not None else " once"
    return f"{item.supplement.description or item.supplement.key} {item.dose_text}{every}"
