"""What extractors share: the normalized text, its blocks and the results of earlier stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from ..normalize import fold


@dataclass
class Context:
    text: str
    blocks: list  # read.base.Block with start/end into text
    format: str = "txt"
    header: Optional[object] = None  # model.Header, set after the header stage
    sections: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    signatories: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @cached_property
    def folded(self) -> str:
        """fold(text): same length, lower case, one tone placement."""
        return fold(self.text)

    def warn(self, stage: str, message: str, span=None) -> None:
        w = {"stage": stage, "message": message}
        if span is not None:
            w["span"] = list(span)
        self.warnings.append(w)
