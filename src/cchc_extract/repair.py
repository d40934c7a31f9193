"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) mistaken for Unicode: detect and repair per block."""
from __future__ import annotations


def repair_blocks(blocks: list) -> str:
    """Repair blocks in place; return the source encoding label: unicode | tcvn3 | vni | mixed."""
    return "unicode"
