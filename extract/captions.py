"""Photo captions: lines such as "R-L; President Buhari, Foreign Minister Wang Yi ... PHOTO; STATE HOUSE".

A caption lists who stands in a photo of a meeting; the parser cuts such verbless lists anywhere,
so the line-break component keeps a caption's sentences whole, and a caption's meeting that shares
two people with a meeting of the report is that meeting (``meeting.caption_same``).
"""

from __future__ import annotations

import re

__all__ = ["CAPTION", "is_caption_line"]

#: A caption's opening: "L-R:", "(R-L)", "From left", "Left to right", "Photo:" (a credit alone is no
#: caption: a page's header line may carry one).
CAPTION = re.compile(r"^\W{0,3}(?:[LR]\s?[-–]\s?[LR]|from left|left to right|photo\s?[:;])", re.IGNORECASE)


def is_caption_line(line: str) -> bool:
    """Whether a line of text is a photo caption.

    Examples
    --------
    >>> is_caption_line("R-L; President Buhari receives Foreign Minister Wang Yi. PHOTO; SUNDAY AGHAEZE")
    True
    >>> is_caption_line("(L-R) Prime Minister Lee and Prime Minister Turnbull")
    True
    >>> is_caption_line("President Buhari received Foreign Minister Wang Yi at the State House.")
    False
    >>> is_caption_line("Vucic and Palmer talks PHOTO President Vucic spoke with Palmer. Photo: Instagram")
    False
    """
    return bool(CAPTION.search(line))
