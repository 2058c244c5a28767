"""Fixtures for the fit tests."""
from __future__ import annotations

import pytest
from fit_profiles import with_labs


@pytest.fixture(scope="session")
def three_labs() -> dict:
    return with_labs((22, 84), (27, 168))
