"""Shared fixtures and hypothesis profiles.

Profiles: ``ci`` (the default, used by the README's test command and CI: 300 examples
per property, the same at every run), ``dev`` (100, the same at every run: the
developer's loop, ``pytest -m "not slow"``, takes it unless a profile is named) and
``long`` (20,000, new ones each run: to explore); select one with
``HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties.py``. A test that
sets its own ``max_examples`` keeps it in every profile.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import translit

HERE = Path(__file__).parent

# compiled tables go to a folder of this test run, not the user's cache
os.environ.setdefault("TRANSLIT_CACHE_DIR", tempfile.mkdtemp(prefix="translit-test-cache-"))

settings.register_profile(  # the same examples at every run: a red CI is a change's doing
    "ci", max_examples=300, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(  # the developer's loop: a third of ci's examples, the same at every run
    "dev", max_examples=100, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "long", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def normalizer() -> translit.Normalizer:
    return translit.Normalizer()


def pytest_configure(config: pytest.Config) -> None:
    """``-m "not slow"`` (the developer's loop) runs the ``dev`` profile, unless
    HYPOTHESIS_PROFILE names one; a plain ``pytest`` (CI) keeps ``ci``."""
    if "HYPOTHESIS_PROFILE" not in os.environ and "not slow" in (config.option.markexpr or ""):
        settings.load_profile("dev")
