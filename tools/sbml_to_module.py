"""Draft a vitasim module declaration from BIOMD0000000613 (Peterson & Riggs 2010, BioModels, CC0).

Usage:  python tools/sbml_to_module.py [path/to/BIOMD0000000613.xml] > /tmp/bone_draft.py

How: antimony converts the SBML to Antimony text (readable equations); this script parses its
sections and prints Python declarations for src/vitasim/physiology/calcium_bone/module.py:

* every SBML name gets the prefix ``cb_`` (the assembled system is one namespace);
* numeric ``Variable initializations`` -> Parameter (value, unit from UNITS below, source
  "peterson2010;biomodels613", description from the SBML notes);
* species -> State; a numeric species initial value becomes a parameter ``cb_<S>_init``; the
  initialAssignments (A, TGFB, TGFBact, OBfast, OBslow, M, N) become the State's initial
  expression; baseline constants such as ``Q0 = Q`` become Derived quantities;
* assignment rules -> Intermediate (``^`` -> ``**``, ``ln`` -> ``log``); ``piecewise`` has no
  counterpart in vitasim expressions and is written with min/max (PIECEWISE below);
* reactions -> one equation per species (sum of influxes minus effluxes, stoichiometry 1);
* the teriparatide event, its counters and the compartments are dropped (dosing is a
  Supplement in vitasim); unused parameters are dropped.

The draft was then edited by hand into module.py (deliberate deviations are marked there).
"""
from __future__ import annotations

import re
import sys
import os
from pathlib import Path

DEFAULT_SBML = Path(os.environ.get("VITASIM_SHARED", Path(__file__).resolve().parents[1].parent / "shared")) / "data" / "sbml" / "BIOMD0000000613.xml"  # ../shared beside the checkout, as in CI
PREFIX = "cb_"

# piecewise(x, cond, y) rewritten exactly with min/max (see module.py for the argument)
PIECEWISE = {
    "PhosEffect": "min(PhosEff, 1)",  # PhosEff decreases with C2 and equals 1 at C2 = 1.2
    "J27": "max(J27a, 0)",
    "J48": "max(J48a, 0)",
    # 10 below BCL2 = 105, BCL2 - 90 above (a jump 10 -> 15): a 1e-9-wide ramp
    "RUNX2": "10 + (BCL2 - 100) * min(1, max(0, (BCL2 - 105) * 1e9))",
}
DROP = {"teri_times_initial", "event_counter", "teri_times_interval", "teri_number_of_doses",
        "teri_dose_mcg", "Gut", "Vasculature", "Bone", "PTH_Gland", "Kidney", "Intracellular",
        "Osteoblast_Intracellular"}
UNITS = {
    "V1": "L", "GFR": "L/h", "OralCa": "mmol/h", "OralPhos": "mmol/h", "CaDay": "mmol/d",
    "T64": "1/h", "T69": "1/h", "T65": "pmol/h per h", "kb": "1/h", "koutL": "1/h", "koutRNK": "1/h",
    "kO": "1/h", "k1": "1/h", "k2": "1/h", "k3": "1/h", "k4": "1/h", "koutTGF0": "1/h", "crebKout": "1/h",
    "bcl2Kout": "1/h", "RX2Kout0": "1/h", "E0rx2Kout": "1/h", "EmaxPTHRX2x": "1/h", "Da": "1/h",
    "k14a": "1/h", "T52": "1/h", "T55": "1/h", "T49": "L/h", "T87": "1/h", "PTout": "1/h", "T57": "L/h",
    "T58": "pmol/h", "T61": "pmol/h", "T33": "1/h", "T34": "1/h", "T70": "1/h", "HApMRT": "h",
    "T67": "pmol/L", "T35": "pmol/L", "T9": "pmol/L", "opgPTH50": "pmol/L", "Reabs50": "mmol/L",
    "PhosEff50": "mmol/L", "T46": "mmol/L", "T71": "L/pmol", "T81": "1", "TERIVC": "L", "TERICL": "L/h",
    "T0": "mmol", "T28": "1/h",
}
SPECIES_UNITS = {"PTH": "pmol", "B": "pmol", "SC": "pmol", "TERISC": "pmol", "P": "mmol", "ECCPhos": "mmol",
                 "T": "mmol", "PhosGut": "mmol", "IntraPO": "mmol", "Q": "mmol", "Qbone": "mmol",
                 "A": "pmol/h"}


def antimony_text(path: Path) -> str:
    import antimony
    if antimony.loadSBMLFile(str(path)) < 0:
        raise SystemExit(antimony.getLastError())
    return antimony.getAntimonyString(None)


def section(text: str, title: str) -> list[str]:
    m = re.search(rf"// {title}:\n(.*?)\n\n", text, re.S)
    return [ln.strip().rstrip(";") for ln in m.group(1).splitlines() if ln.strip()] if m else []


def notes(text: str) -> dict[str, str]:
    out = {}
    for m in re.finditer(r'^  (\w+) notes (?:"([^"]*)"|```\n(.*?)```)', text, re.S | re.M):
        body = (m.group(2) or m.group(3) or "").replace("from README file", "")
        out[m.group(1)] = " ".join(body.split())
    return out


def pyexpr(expr: str, names: set[str]) -> str:
    expr = expr.replace("^", "**")
    expr = re.sub(r"\bln\(", "log(", expr)
    return re.sub(r"\b([A-Za-z_]\w*)\b(?!\()", lambda m: PREFIX + m.group(1) if m.group(1) in names else m.group(1),
                  expr)


def main(path: Path = DEFAULT_SBML) -> None:
    text = antimony_text(path)
    note = notes(text)
    species = []
    for line in section(text, "Compartments and Species"):
        if line.startswith("species"):
            species += [s.split(" in ")[0].strip() for s in line[len("species"):].split(",")]
    rules = [tuple(x.strip() for x in ln.split(":=")) for ln in section(text, "Assignment Rules")]
    reactions = []
    for ln in section(text, "Reactions"):
        name, rest = ln.split(":", 1)
        stoich, rate = rest.split(";", 1)
        lhs, rhs = (s.strip() for s in stoich.split("=>"))
        reactions.append((name.strip(), [s.strip() for s in lhs.split("+") if s.strip()],
                          [s.strip() for s in rhs.split("+") if s.strip()], rate.strip()))
    sinit = dict(tuple(x.strip() for x in ln.split("=", 1)) for ln in section(text, "Species initializations"))
    vinit = dict(tuple(x.strip() for x in ln.split("=", 1)) for ln in section(text, "Variable initializations"))

    used = " ".join([r[1] for r in rules] + [r[3] for r in reactions] + list(sinit.values()) + list(vinit.values()))
    used_names = set(re.findall(r"\b[A-Za-z_]\w*\b", used))
    const_species = [s for s in species if not any(s in r[1] + r[2] for r in reactions)]
    states = [s for s in species if s not in const_species]
    params, derived = {}, {}
    for name, val in vinit.items():
        if name in DROP or name not in used_names:
            continue
        try:
            params[name] = float(eval(val, {"__builtins__": {}}))  # literal arithmetic such as 0.7/24
        except NameError:
            derived[name] = val
    for s, val in sinit.items():
        try:
            params[f"{s}_init"] = float(val)
        except ValueError:
            pass
    names = set(species) | set(params) | set(derived) | {r[0] for r in rules}
    # a baseline constant "X0 = S" refers to the species' *initial* value
    init_of = {s: (f"{s}_init" if f"{s}_init" in params else sinit[s]) for s in species}

    def at_start(expr: str) -> str:  # initial-value context: species stand for their initial values
        for _ in range(3):
            expr = re.sub(r"\b([A-Za-z_]\w*)\b",
                          lambda m: (init_of[m.group(1)] if m.group(1) in init_of else m.group(1)), expr)
        return expr

    derived = {k: at_start(v) for k, v in derived.items()}

    w = print
    w("PARAMETERS = (")
    for name, val in params.items():
        base = name[:-5] if name.endswith("_init") else name
        unit = SPECIES_UNITS.get(base, "1") if name.endswith("_init") else UNITS.get(name, "1")
        desc = (f"initial (baseline) amount of {base}" if name.endswith("_init") else note.get(name, name))
        w(f"    Parameter({PREFIX + name!r}, {val!r}, {unit!r}, _SRC, {desc!r}),")
    w(")\n\nDERIVED = (")
    for name, expr in derived.items():
        w(f"    Derived({PREFIX + name!r}, {pyexpr(expr, names | set(params))!r}, '1', {note.get(name, name)!r}),")
    w(")\n\nSTATES = (")
    for s in states:
        init = at_start(s)
        w(f"    State({PREFIX + s!r}, {SPECIES_UNITS.get(s, '1')!r}, {note.get(s, s)!r}, "
          f"{pyexpr(init, names | set(params))!r}),")
    w(")\n\nINTERMEDIATES = (")
    for name, expr in rules:
        expr = PIECEWISE.get(name, expr)
        if "piecewise" in expr:
            raise SystemExit(f"unhandled piecewise in {name}")
        w(f"    Intermediate({PREFIX + name!r}, {pyexpr(expr, names)!r}, '1', {note.get(name, name)!r}),")
    w(")\n\nEQUATIONS = {")
    for s in states:
        terms = []
        for rname, lhs, rhs, rate in reactions:
            r = pyexpr(rate, names)
            r = f"({r})" if any(op in r for op in "+-") else r
            terms += [f"+ {r}"] * rhs.count(s) + [f"- {r}"] * lhs.count(s)
        body = " ".join(terms).lstrip("+ ") if terms else "0"
        w(f"    {PREFIX + s!r}: {body!r},")
    w("}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SBML)
