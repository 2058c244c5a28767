"""`vitasim fit PROFILE`: text, JSON and a plot; bad input is one line with exit 2."""
from __future__ import annotations

import json

import yaml

from fit_profiles import with_labs
from vitasim.cli import main


def test_fit_json_and_plot(tmp_path, capsys):
    profile = tmp_path / "p.yaml"
    profile.write_text(yaml.safe_dump(with_labs((22, 84), (27, 168))))
    png = tmp_path / "fit.png"
    assert main(["fit", str(profile), "--format", "json", "--plot", str(png)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["contract"] == "vitasim.fit/1" and len(out["labs"]) == 2
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["fit", str(profile)]) == 0
    text = capsys.readouterr().out
    assert "vmax_ref" in text and "shrinkage" in text and "ng/mL" in text


def test_bad_input_exit_2(tmp_path, capsys):
    profile = tmp_path / "p.yaml"
    profile.write_text(yaml.safe_dump(with_labs()))
    assert main(["fit", str(profile)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "labs" in err[0]
    assert main(["fit", str(profile), "--plot", "x.pdf"]) == 2
