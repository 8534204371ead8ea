import os

from hypothesis import HealthCheck, settings

from tests.petitions.conftest import (  # noqa: F401
    petition,
    shared_petition_pages,
)
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

# Property tests: every run explores new inputs on a developer's machine; CI
# runs the same (derandomized) inputs every time so a red build is
# reproducible. No example database is written, and no deadline, since the
# shared machines vary in speed.
settings.register_profile(
    "security",
    database=None,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)
settings.load_profile("security")
