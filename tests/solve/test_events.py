"""The event plan: outputs at a time first, then the doses due then."""
import numpy as np

from vitasim.solve.events import event_plan


def test_stops_are_the_union_of_output_and_dose_times_up_to_the_last_output():
    plan = event_plan(np.array([0.0, 12.0, 24.0]), np.array([0.0, 6.0, 24.0, 48.0]))
    np.testing.assert_array_equal(plan.t, [0.0, 6.0, 12.0, 24.0])  # the dose at 48 h changes nothing recorded
    assert plan.start == 0.0


def test_at_a_shared_time_the_output_comes_before_the_dose():
    plan = event_plan(np.array([0.0, 24.0, 24.0, 30.0]), np.array([0.0, 24.0, 24.0]))
    steps = list(plan.steps())
    assert [(t, list(o), list(d)) for t, o, d in steps] == [
        (0.0, [0], [0]), (24.0, [1, 2], [1, 2]), (30.0, [3], [])]


def test_a_trace_of_the_rule():
    """Walking the plan as every solver does gives: advance, record, dose, in that order."""
    t_out, ev_t = np.array([1.0, 2.0, 4.0]), np.array([0.5, 2.0, 3.0])
    trace, t = [], None
    plan = event_plan(t_out, ev_t)
    t = plan.start
    for t_stop, outs, doses in plan.steps():
        if t_stop > t:
            trace.append(("advance", t, t_stop))
            t = t_stop
        trace += [("output", i) for i in outs] + [("dose", i) for i in doses]
    assert trace == [("dose", 0), ("advance", 0.5, 1.0), ("output", 0), ("advance", 1.0, 2.0), ("output", 1),
                     ("dose", 1), ("advance", 2.0, 3.0), ("dose", 2), ("advance", 3.0, 4.0), ("output", 2)]


def test_no_outputs_no_stops():
    assert event_plan(np.zeros(0), np.array([1.0])).t.size == 0
