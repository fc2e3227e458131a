"""The mutation check (tests/mutations.py): each deliberate breakage is anchored in its function and
caught by the tests paired with it, which pass on an unbroken copy. The short form runs here, in the
suite CI runs; MUTATIONS=full adds the browser tests paired with each breakage."""
import os

import mutations
import pytest

FULL = os.environ.get("MUTATIONS") == "full"
NAMES = [m.name for m in mutations.MUTATIONS]
pytestmark = pytest.mark.timeout(3600 if FULL else 1500)  # all breakages run in the first test's fixture


def test_the_list_names_each_breakage_once():
    assert len(NAMES) == len(set(NAMES))
    assert len(NAMES) >= 13  # the three the issue found uncaught and at least ten more


@pytest.mark.parametrize("mutation", mutations.MUTATIONS, ids=NAMES)
def test_breakage_is_anchored_once_in_its_function(mutation):
    path, offset = mutations.locate(mutation)
    assert path.read_text(encoding="utf-8")[offset:].startswith(mutation.find)
    assert mutation.tests, "a breakage needs tests that must catch it"


def test_a_missing_anchor_stops_the_check():
    moved = mutations.Mutation("moved", "assess", "no such code text", "x", ("tests/test_judgements.py",))
    with pytest.raises(mutations.AnchorError, match="0 times"):
        mutations.locate(moved)
    gone = mutations.Mutation("gone", "no_such_function", "x", "y", ("tests/test_judgements.py",))
    with pytest.raises(mutations.AnchorError, match="0 definitions"):
        mutations.locate(gone)


@pytest.fixture(scope="module")
def outcomes():
    return mutations.run_all(full=FULL)


def test_the_paired_tests_pass_without_any_breakage(outcomes):
    assert outcomes["unbroken"].verdict == "passed", outcomes["unbroken"].detail


@pytest.mark.parametrize("name", NAMES)
def test_breakage_is_caught(outcomes, name):
    assert outcomes[name].verdict == "caught", outcomes[name].detail
