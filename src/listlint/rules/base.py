"""The rule contract (what a third-party plugin implements, and what every rule is).

A rule *finds*: it reads a :class:`~listlint.batch.Batch` and yields :class:`Hit` values
saying what and where (position in the batch, field, quoted text, suggestion, policy
link). The engine *stamps*: code, name, group, severity from config and policy packs,
path, sheet, row, column header and SKU. (yamllint's split; rules never know severity.)

Identity is declared as class attributes, never derived from docstrings or names.
The class docstring is the rule's documentation (``listlint explain CODE``); it must
have the sections ``Why``, ``Fails`` and ``Passes`` (a test checks every rule).

Two shapes:

* :class:`Rule` — stateless per batch. Safe to run on any partition of a catalogue.
* :class:`CatalogRule` — needs the whole catalogue (duplicate SKUs, outliers within a
  variant group). Two phases so that partitioned engines (processes, Spark, Dask) stay
  correct: ``partial(batch)`` returns a small polars frame per batch, ``merge(frame)``
  sees all partials concatenated and yields hits located by record (``rec``).

Built-in rules belong to a family (:mod:`listlint.rules.family`): their ``check`` and
``partial`` also get the family's analysis of the batch. The engine calls every rule
through :meth:`Rule.hits` and :meth:`CatalogRule.partial_of`, so a plugin's
``check(batch)`` works unchanged.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from listlint.report import Severity

if TYPE_CHECKING:
    import polars as pl
    from pydantic import BaseModel

    from listlint.batch import Batch
    from listlint.config import Config
    from listlint.policy import PolicySet
    from listlint.rules.context import BatchContext
    from listlint.rules.family import Family


@dataclass(slots=True)
class Hit:
    """What a rule found. Location is ``index`` (position in the batch) or, for
    catalogue rules, ``rec`` (the record's ``_rec``) with ``row``/``sku``/``sheet``."""

    message: str
    index: int | None = None
    field: str | None = None
    match: str | None = None
    suggestion: str | None = None
    policy: str | None = None
    #: Overrides the rule's configured severity only when a policy pack says so
    #: (e.g. prohibited on one marketplace, restricted on another).
    severity: Severity | None = None
    marketplaces: tuple[str, ...] = ()
    #: explicit location for catalogue-level hits (ignored when ``index`` is set)
    rec: int | None = None
    row: int | None = None
    sku: str | None = None
    sheet: str | None = None
    path: str | None = None
    #: header shown to the user when the hit is about a column, not a canonical field
    column: str | None = None


@dataclass
class RuleContext:
    """What a rule instance may read: resolved config, policy packs, per-rule options,
    and (for a family's rules) the rule set's one :class:`~listlint.rules.family.Family`,
    which holds the resources its rules share."""

    config: Config
    policies: PolicySet
    options: dict[str, Any] = field(default_factory=dict)
    family: Family[Any, Any] | None = None


class Rule:
    """Base class for per-batch rules."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    group: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ""
    #: Canonical fields the rule reads; a rule whose fields are all absent is skipped.
    fields: ClassVar[tuple[str, ...]] = ()
    #: On by default? Opinionated or noisy rules ship off and are enabled by --select.
    default_enabled: ClassVar[bool] = True
    #: Policy URL used when a hit carries none.
    policy_url: ClassVar[str | None] = None
    #: The options the rule takes (``[tool.listlint.rules.CODE]``), as a pydantic model
    #: with ``extra="forbid"``; None: the rule takes no options (see listlint.rule_options).
    options_model: ClassVar[type[BaseModel] | None] = None

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx

    def applies(self, batch: Batch) -> bool:
        return not self.fields or any(batch.has(f) for f in self.fields)

    def default_policy(self, hit: Hit | None = None) -> str | None:
        """The link stamped on ``hit`` when it carries none: ``policy_url`` here; a family
        may override it to link the page of the marketplace the hit names."""
        return self.policy_url

    # ``check(self, batch)`` for a plain rule (a plugin's), ``check(self, batch, analysis)``
    # for a family's rule (:class:`listlint.rules.family.FamilyRule`): declared loosely
    # here so that both kinds override it; the engine calls it through :meth:`hits`
    def check(self, *args: Any, **kwargs: Any) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError

    def hits(self, context: BatchContext) -> Iterable[Hit]:
        """How the engine runs the rule on one batch: a plain rule reads the batch only
        (family rules get their family's analysis too)."""
        return self.check(context.batch)

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


class CatalogRule(Rule):
    """Base class for rules that need the whole catalogue (two-phase). One that also
    reports per listing overrides :meth:`hits` (the engine runs it on every batch, as a
    plain rule's): the category attribute rules report a blank cell on its listing and a
    column the file lacks once, counted by ``partial``/``merge``."""

    #: Columns of the partial frame that split the merge: when set, ``merge`` over all
    #: partials yields exactly the hits of ``merge`` run on each group of rows sharing
    #: these values, so distributed engines (Spark, Dask) shuffle partials by key and
    #: merge the groups in parallel. Empty: one merge sees every partial.
    merge_key: ClassVar[tuple[str, ...]] = ()

    def check(self, *args: Any, **kwargs: Any) -> Iterator[Hit]:
        return iter(())

    def hits(self, context: BatchContext) -> Iterable[Hit]:
        return iter(())

    def partial_of(self, context: BatchContext) -> pl.DataFrame | None:
        """How the engine asks for the partial of one batch."""
        return self.partial(context.batch)

    # ``partial(self, batch)``, or ``partial(self, batch, analysis)`` for a family's rule
    def partial(self, *args: Any, **kwargs: Any) -> pl.DataFrame | None:  # pragma: no cover
        raise NotImplementedError

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError
