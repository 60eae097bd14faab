"""A catalog's requirement params, read once per catalog instead of once per audit.

Requirements are data (STYLE.md habit 6): every rule takes its numbers from the ``params`` tables
of the catalog's requirement sets and areas. Reading them — defaults filled in, types checked,
lists turned into sets, dates parsed — gives the same answer on every audit of every student, so a
:class:`RuleBook` does it once for its catalog and the rules look the answers up. The book holds
nothing about a student, which is why one book can serve every
:class:`~pathplanner.rules.Auditor` of its catalog (``benchmarks/bench_rules.py`` times building
it on a row of its own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pathplanner.domain.catalog import Catalog, RequirementArea, RequirementSet
from pathplanner.rules.base import Grading

T = TypeVar("T")
Owner = TypeVar("Owner", RequirementSet, RequirementArea)


class RuleBook:
    """What a catalog's requirement sets say, each reading built once and kept by its builder.

    :meth:`config` is the one way in: ``book.config(area, _math_config)`` gives the math area's
    topics, levels and dated change, built on first use. Building the book reads every set and
    area whose rule kind registers a builder, so audits only look up; anything asked for later
    (a builder no kind registers) is built then and kept. Entries are keyed by the builder and the
    object's identity; the book keeps its catalog, so an identity is never reused while it lives.
    """

    def __init__(self, catalog: Catalog) -> None:
        # The rule modules name RuleBook in their own types, so they are imported here, not at
        # the top: the compiled engine (docs/architecture.md) needs the class before they load.
        from pathplanner.rules import ag, graduation

        self.catalog = catalog
        self._built: dict[tuple[object, int], tuple[object, object]] = {}
        for rset in catalog.requirement_sets.values():
            self.config(rset, Grading.from_set)
            kinds = {area.rule for area in rset.areas}
            if kinds & (ag.AREA_RULES.keys() | ag.PATTERN_RULES):
                self.config(rset, ag.prepare_config)
            if kinds & graduation.GRAD_RULES:
                self.config(rset, graduation.marks_config)
                self.config(rset, graduation.credit_rate)
            for area in rset.areas:
                for builders in (ag.AREA_CONFIGS, graduation.AREA_CONFIGS):
                    build = builders.get(area.rule)
                    if build is not None:
                        self.config(area, build)

    def config(self, owner: Owner, build: Callable[[Owner], T]) -> T:
        """``build(owner)``, worked out once for this catalog."""
        key = (build, id(owner))
        hit = self._built.get(key)
        if hit is not None and hit[0] is owner:
            return hit[1]  # type: ignore[return-value]
        value = build(owner)
        self._built[key] = (owner, value)
        return value
