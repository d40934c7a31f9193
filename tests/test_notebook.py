"""examples/explore.ipynb runs top to bottom (so it never rots)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_explore_notebook_executes():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(REPO / "examples" / "explore.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(REPO)}})
    client.execute()
    outputs = {i: c.get("outputs", []) for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    assert not any(o.get("output_type") == "error" for outs in outputs.values() for o in outs)
    html = [o["data"]["text/html"] for outs in outputs.values() for o in outs
            if "text/html" in o.get("data", {})]
    assert any('class="cchc-doc"' in h and "210/BC-SNV" in h for h in html)
    assert any("1520/QĐ-UBND" in h and 'class="spans"' in h for h in html)  # displacy
    pngs = [o for outs in outputs.values() for o in outs if "image/png" in o.get("data", {})]
    assert len(pngs) == 3
