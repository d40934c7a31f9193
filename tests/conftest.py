from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    """The real dev corpus in ../shared (never copied into the project); skip when absent."""
    d = SHARED / "corpus" / "dev"
    if not d.is_dir():
        pytest.skip("../shared/corpus/dev not present")
    return d


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    d = SHARED / "seeds"
    if not d.is_dir():
        pytest.skip("../shared/seeds not present")
    return d


_PARSED: dict = {}


@pytest.fixture(scope="session")
def parse_dev():
    """parse_path with the header/sections/signatories stages, cached for the session: gold tests
    of several fields share one parse of each (OCR'd scans take a minute)."""
    from cchc_extract.pipeline import parse_path

    def _parse(path):
        key = str(path)
        if key not in _PARSED:
            _PARSED[key] = parse_path(path, stages={"header", "sections", "signatories"})
        return _PARSED[key]
    return _parse
