"""The repair stage: glued words, hyphenation, whitespace and mojibake.

``repair_text(raw)`` returns a ``Repaired`` (text, edits in raw offsets,
``to_raw``); ``run(article)`` is the pipeline stage.
"""

from bilat.repair.core import repair_text, run
from bilat.repair.edits import Repaired

__all__ = ["Repaired", "repair_text", "run"]
