"""The pseudo-locale: English made ~40% longer, accented and bracketed.

A screen shown in ``en-XA`` reveals three bugs at a glance: text that was never passed through a
translator (it stays plain ASCII), labels that clip when a translation is longer than English
(German, Russian and Tagalog often are), and strings glued together from pieces (each piece is
bracketed on its own). Placeholders, markup, entities and Qt mnemonics pass through unchanged, so
formatting still works.
"""

from __future__ import annotations

import math
import re

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)

#: Things that must reach the output byte for byte: ``{name}``/``{0:>3}`` fields, ``%(n)d`` and
#: ``%s``-style conversions, ``%n``/``%1`` Qt arguments, HTML tags, entities, ``&&``.
_PROTECTED = re.compile(
    r"""
    \{\{ | \}\}                                  # escaped braces
    | \{[^{}]*\}                                 # str.format fields
    | %\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]   # %(name)s
    | %[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]  # %d, %s, %.1f, %%
    | %n | %L?\d                                  # Qt: %n, %1, %L1
    | <[^<>]+>                                   # markup
    | &[a-zA-Z]+; | &\#\d+;                      # entities
    | &&                                         # a literal ampersand in a Qt label
    """,
    re.VERBOSE,
)

EXPANSION = 0.4


def pseudolocalize(message: str) -> str:
    """Accent the letters of ``message``, pad it by ~40% and bracket it; keep placeholders.

    >>> pseudolocalize("Hello {name}, welcome back")
    '[!! Ĥéļļö {name}, ŵéļçöɱé ƀáçķ ~~~ !!]'
    """
    if not message:
        return message
    out: list[str] = []
    visible = 0
    pos = 0
    for match in _PROTECTED.finditer(message):
        text = message[pos : match.start()]
        out.append(text.translate(_ACCENTED))
        visible += len(text)
        out.append(match.group(0))
        pos = match.end()
    tail = message[pos:]
    out.append(tail.translate(_ACCENTED))
    visible += len(tail)
    # The brackets add 8 characters; pad the rest up to 40% of the source's length.
    padding = max(0, math.ceil(len(message) * EXPANSION) - 8) if visible else 0
    body = "".join(out)
    pad = (" " + "~" * padding) if padding else ""
    return f"[!! {body}{pad} !!]"
