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
