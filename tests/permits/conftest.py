"""The permit tests start from a copy of one world: an initialised registry with
the people of :func:`tests.permits.support.make_people` (built once a session)."""

from __future__ import annotations

import pytest

from tests.permits.support import people_world


@pytest.fixture
def permit_world(open_world):
    return people_world(open_world)


@pytest.fixture
def registry(permit_world):
    """This test's copy of the permit world's registry."""
    return permit_world[0]


@pytest.fixture
def people(permit_world):
    """The permit world's people (actors of every level and area)."""
    return permit_world[1]
