"""build/forking.py: results in task order, whoever ran them; a child that dies or fails
leaves its tasks to the build process (issue 14)."""

import os
import signal

import pytest

from site_builder.build.forking import forked_map

PARENT = os.getpid()


def _square(x):
    return x * x


def _die_in_child(x):
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def _fail_on_seven(x):
    if x == 7:
        raise ValueError("seven")
    return x


def test_results_come_back_in_task_order_and_each_task_is_reported_once():
    seen = []
    assert forked_map(_square, list(range(60)), 1, seen.append) == [x * x for x in range(60)]
    assert sorted(seen) == list(range(60))


def test_the_tasks_of_a_child_that_died_are_run_by_the_parent():
    assert forked_map(_die_in_child, list(range(20)), 1, None) == list(range(20))


def test_a_failing_task_raises_in_the_parent():
    with pytest.raises(ValueError, match="seven"):
        forked_map(_fail_on_seven, list(range(20)), 1, None)
