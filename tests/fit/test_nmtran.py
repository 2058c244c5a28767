"""The NM-TRAN-style CSV reader: one profile per ID, each fitted."""
from __future__ import annotations

import pytest

from vitasim.cli import main
from vitasim.errors import VitasimInputError
from vitasim.fit.nmtran import fit_all, read

ROWS = ["ID,TIME,EVID,AMT,CMT,DV,MDV,AGE,SEX,WT",
        "1,-48,0,0,1,35,0,72,2,68"]
ROWS += [f"1,{24 * d},1,2000,1,.,1,72,2,68" for d in range(0, 170)]
ROWS += ["1,2016,0,0,1,55,0,72,2,68", "1,4032,0,0,1,67,0,72,2,68",
         "2,0,0,0,1,40,0,65,1,80", "2,0,1,50000,1,.,1,65,1,80", "2,672,0,0,1,70,0,65,1,80"]


def test_reads_and_fits_each_person(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("\n".join(ROWS) + "\n")
    people = read(path, lab="25ohd", supplement="vitamin D3")
    assert set(people) == {"1", "2"}
    assert people["1"]["person"] == {"age": 72.0, "sex": "female", "weight": "68.0 kg"}
    # 170 daily rows are one regimen entry: 2000 IU every 24 h from hour 0, 170 doses
    assert people["1"]["regimen"] == [{"supplement": "vitamin D3", "dose": "2000 IU", "start": "0 h",
                                       "every": "24 h", "doses": 170}]
    assert people["2"]["regimen"] == [{"supplement": "vitamin D3", "dose": "50000 IU", "start": "0 h"}]
    assert [r["day"] for r in people["1"]["labs"]["25ohd"]] == [-2.0, 84.0, 168.0]
    rows = fit_all(people)
    assert [r["id"] for r in rows] == ["1", "2"]
    assert all(len(r["parameters"]) == 2 for r in rows)


def test_dose_rows_become_runs_of_equal_doses_at_a_constant_interval():
    from vitasim.fit.nmtran import dose_runs
    rows = [(0, 1000), (24, 1000), (48, 1000), (72, 2000), (96, 2000), (200, 2000), (500, 50000)]
    assert dose_runs(rows, "IU") == [
        {"dose": "1000 IU", "start": "0 h", "every": "24 h", "doses": 3},
        {"dose": "2000 IU", "start": "72 h", "every": "24 h", "doses": 2},
        {"dose": "2000 IU", "start": "200 h"},
        {"dose": "50000 IU", "start": "500 h"}]


def test_missing_column_is_one_line(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("ID,TIME,DV\n1,0,30\n")
    with pytest.raises(VitasimInputError) as info:
        read(path, lab="25ohd", supplement="vitamin D3")
    assert "EVID" in info.value.message
    assert main(["fit", "--nmtran", str(path), "--lab", "25ohd", "--supplement", "vitamin D3"]) == 2
