"""Accuracy of the pipeline against hand-written gold annotations (format: gold/README.md).

    >>> from cchc_extract.eval import evaluate, to_text
    >>> print(to_text(evaluate("gold", "../shared/corpus/dev")))
"""
from .gold import FIELDS, GoldDoc, GoldSet, load_gold, resolve
from .report import to_dict, to_json, to_text
from .runner import EvalResult, evaluate
from .score import Miss, Score

__all__ = ["FIELDS", "GoldDoc", "GoldSet", "load_gold", "resolve", "evaluate", "EvalResult",
           "Score", "Miss", "to_dict", "to_json", "to_text"]
