"""Production's static files storage (settings.base) keeps each file's
hashed address; a file missing from the manifest still fails loudly."""

import json

import pytest

from home.static_storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path):
    manifest = {
        "version": "1.1",
        "hash": "0",
        "paths": {"home/css/site.css": "home/css/site.0a1b2c.css"},
    }
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_file_is_addressed_by_its_hashed_name_every_time(storage):
    first = storage.url("home/css/site.css")

    assert first == "/static/home/css/site.0a1b2c.css"
    assert storage.url("home/css/site.css") == first


def test_a_file_missing_from_the_manifest_fails_each_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("home/css/gone.css")
