"""`vitasim trial` and `vitasim export`: bad input is one line naming the field, exit 2."""
import pytest

from vitasim.cli import main


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("args, field", [
    (["trial"], "arm"),
    (["trial", "nobody1999_arm"], "arm"),
    (["trial", "ilahi2008_control", "--replicates", "1"], "--replicates"),
    (["trial", "ilahi2008_control", "--plot", "x.pdf"], "--plot"),
    (["trial", "--all", "--nutrient", "vitamin_z"], "--nutrient"),
    (["trial", "design", "--arm", "placebo", "--n", "10", "--days", "30"], "--endpoint"),
    (["trial", "design", "--arm", "placebo", "--arm", "sunshine", "--n", "10", "--days", "30",
      "--endpoint", "25ohd"], "--arm[1]"),
    (["export", "--sbml", "x.txt"], "--sbml"),
    (["export", "--sbml", "x.xml", "--profile", "/no/such/file.yaml"], "--profile"),
])
def test_bad_input_is_one_line_with_exit_2(capsys, args, field):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"error: {field}" in err


def test_list_shows_every_arm(capsys):
    from vitasim.trials.registry import registry
    code, out, _ = run(capsys, "trial", "--list")
    assert code == 0 and len(out.strip().splitlines()) == len(registry())
