"""The family contract: what the rules of one group share, and how the engine drives it.

A *family* is one package under ``listlint/rules/`` (``prohibited``, ``claims``, ``ip``,
``specs``, ``measures``, ``data``) holding its rules, its analysis, its base class and
its policy-pack section. The package's ``__init__`` exposes ``FAMILY`` (a
:class:`Family` subclass) and ``RULES`` (its rule classes); :mod:`listlint.rules.registry`
lists the packages. A new family is one such package and one line there.

The engine drives every family the same way:

1. **Resources, once per rule set.** :class:`~listlint.engine.RuleSet` makes one
   :class:`Family` per family among the selected rules; :meth:`Family.build` runs on
   first use (:attr:`Family.resources`) and what it returns (automata, brand indexes,
   verdict tables...) lives as long as the rule set. Nothing is kept in module-level
   caches keyed by object identity.
2. **One analysis per batch.** For each batch the engine makes a
   :class:`~listlint.rules.context.BatchContext`; the first rule of a family that applies
   makes the context call :meth:`Family.analyse` once, and every rule of the family gets
   that result as the ``analysis`` argument of ``check`` (and ``partial``).
3. **Catalogue facts, in two phases.** A family whose rules weigh a fact of the whole
   file (ip: a brand column that holds a store's name, the brands a file sells by name)
   declares ``gathers = True``: :meth:`Family.evidence` reads each batch (phase one,
   columnar, on unique values), :meth:`Family.combine` merges the batches' frames into
   the catalogue's facts, and every batch's context carries them
   (:meth:`~listlint.rules.context.BatchContext.facts`). The Spark/Dask runners and the
   batch API run phase one over the whole catalogue before they check a batch; a local
   run (serial or on worker processes) reads the file once, judges each batch on its
   own facts and, at the end, judges again the rows (:meth:`Family.kept_rows`) of any
   batch whose facts differ from the catalogue's where it matters
   (:meth:`Family.same_judgement`; :class:`~listlint.engine.Deferred`). Either way
   findings do not depend on how the catalogue is cut. A caller that skips phase one
   (one batch through ``lint_batch``) gets the facts of that batch.
4. **One way to pick a policy link.** :meth:`Family.link` (per pack: the marketplace's
   own page among a rule's candidates, see :func:`listlint.policy.links.official_link`),
   :meth:`Family.links` (one per selected pack, for "see also") and
   :meth:`Family.first_link`; a rule falls back to its ``policy_url``.

Rules outside any family (third-party plugins written against
:class:`~listlint.rules.base.Rule`) keep ``check(batch)``; the engine calls both kinds
through :meth:`~listlint.rules.base.Rule.hits`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from listlint.policy.links import official_link
from listlint.rules.base import CatalogRule, Hit, Rule, RuleContext

if TYPE_CHECKING:
    import polars as pl
    from pydantic import BaseModel

    from listlint.batch import Batch
    from listlint.config import Config
    from listlint.policy import PolicySet
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

R = TypeVar("R")
A = TypeVar("A")


class Family(Generic[R, A]):
    """One rule family of one rule set. Subclasses declare ``name`` (the group their
    rules report under) and ``section`` (the policy-pack section they own, if any), and
    override :meth:`build` and :meth:`analyse` when their rules share anything."""

    name: ClassVar[str] = ""
    #: ``(key, schema)`` of the policy-pack section this family owns (``("claims",
    #: ClaimsSection)``): packs are validated against it, rules read it with
    #: :meth:`~listlint.policy.pack.PolicyPack.section`
    section: ClassVar[tuple[str, type[BaseModel]] | None] = None

    def __init__(self, config: Config, policies: PolicySet) -> None:
        self.config = config
        self.policies = policies

    @property
    def packs(self) -> list[PolicyPack]:
        return list(self.policies)

    @cached_property
    def resources(self) -> R:
        """What :meth:`build` made, built on first use and kept for the rule set."""
        return self.build()

    def build(self) -> R:
        """The family's run-wide resources (default: none)."""
        return cast(R, None)

    def analyse(self, context: BatchContext) -> A:
        """The family's analysis of one batch, shared by its rules (default: none)."""
        return cast(A, None)

    # -- catalogue facts (phase one) --------------------------------------------------
    #: does the family read facts of the whole catalogue (:meth:`evidence`)?
    gathers: ClassVar[bool] = False

    def evidence(self, batch: Batch) -> pl.DataFrame | None:
        """What ``batch`` tells about the whole catalogue: a small frame (one row per
        distinct value, not per listing) that :meth:`combine` can merge with the other
        batches' in any order and any grouping (default: nothing)."""
        return None

    def combine(self, frames: list[pl.DataFrame]) -> pl.DataFrame | None:
        """The catalogue's facts from every batch's :meth:`evidence` (or from already
        combined frames: combining must be associative)."""
        return None

    def kept_rows(self, context: BatchContext) -> list[int]:
        """Rows of the batch whose findings may depend on the facts (a local run keeps
        them to judge again, see :class:`~listlint.engine.Deferred`; default: all)."""
        return list(range(context.batch.frame.height))

    def same_judgement(
        self, own: pl.DataFrame | None, whole: pl.DataFrame | None, batch: Batch
    ) -> bool:
        """Would ``batch``'s rows be judged alike on facts ``own`` and ``whole``? (Default:
        only when the facts are equal.)"""
        if own is None or whole is None:
            return own is None and whole is None
        return own.equals(whole)

    # -- policy links -----------------------------------------------------------------
    def marketplaces(self) -> tuple[str, ...]:
        """The selected marketplaces, as findings name them."""
        return tuple(p.label for p in self.policies if p.marketplace)

    def link(self, pack: PolicyPack, *candidates: str | None) -> str | None:
        """The page a finding about ``pack`` links: the first of ``candidates`` (most
        specific first) on the marketplace's own domains, else on an authority's, else
        the pack's own source; None when none qualifies (the caller's default applies).
        Never a page of another marketplace or a third party."""
        return official_link(pack, *candidates)

    def links(
        self, candidates: Callable[[PolicyPack], Sequence[str | None]]
    ) -> list[tuple[str, str | None]]:
        """``(marketplace, page)`` for every selected pack, in order: the first is the
        finding's link, the others its "see also"."""
        return [(p.label, self.link(p, *candidates(p))) for p in self.policies]

    def first_link(self, candidates: Callable[[PolicyPack], Sequence[str | None]]) -> str | None:
        """The page of the first selected marketplace (None without packs)."""
        for pack in self.policies:
            return self.link(pack, *candidates(pack))
        return None


F = TypeVar("F", bound="Family[Any, Any]")


class FamilyRule(Rule, Generic[F, A]):
    """A rule of a family: ``check`` gets the family's analysis of the batch, and the
    rule reads the family (its resources, packs and links) as ``self.family``."""

    #: the family this rule belongs to (its ``name`` is the rule's ``group``)
    family_type: ClassVar[type[Family[Any, Any]]]

    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        if ctx.family is None:
            ctx.family = self.family_type(ctx.config, ctx.policies)
        self.family = cast(F, ctx.family)

    def hits(self, context: BatchContext) -> Iterable[Hit]:
        return self.check(context.batch, context.analysis(self.family))

    def check(self, batch: Batch, analysis: A) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError


class FamilyCatalogRule(FamilyRule[F, A], CatalogRule):
    """A catalogue-level rule of a family: ``partial`` gets the batch's analysis too."""

    def hits(self, context: BatchContext) -> Iterable[Hit]:
        return iter(())

    def check(self, batch: Batch, analysis: A) -> Iterator[Hit]:
        return iter(())

    def partial_of(self, context: BatchContext) -> pl.DataFrame | None:
        return self.partial(context.batch, context.analysis(self.family))

    def partial(self, batch: Batch, analysis: A) -> pl.DataFrame | None:  # pragma: no cover
        raise NotImplementedError


__all__ = ["Family", "FamilyCatalogRule", "FamilyRule"]
