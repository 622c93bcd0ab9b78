"""A stand-in for the ``Family`` contract of issue 17 (``listlint.rules.family``), so the
issue-23 families (pricing, category, images) are written against that contract before it
lands. Same names and signatures: ``Family.build``/``resources``/``analyse``/``link``,
``FamilyRule.check(batch, analysis)``, ``FamilyCatalogRule.partial(batch, analysis)``.
Removed when the contract is merged (the families then import listlint.rules.family)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from listlint.rules.base import CatalogRule, Hit, Rule, RuleContext

if TYPE_CHECKING:
    import polars as pl
    from pydantic import BaseModel

    from listlint.batch import Batch
    from listlint.config import Config
    from listlint.policy import PolicySet
    from listlint.policy.pack import PolicyPack

R = TypeVar("R")
A = TypeVar("A")


class BatchContext:
    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self.product = None


class Family(Generic[R, A]):
    name: ClassVar[str] = ""
    section: ClassVar[tuple[str, type[BaseModel]] | None] = None

    def __init__(self, config: Config, policies: PolicySet) -> None:
        self.config = config
        self.policies = policies

    @property
    def packs(self) -> list[PolicyPack]:
        return list(self.policies)

    @cached_property
    def resources(self) -> R:
        return self.build()

    def build(self) -> R:
        return cast(R, None)

    def analyse(self, context: BatchContext) -> A:
        return cast(A, None)

    def marketplaces(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.policies if p.marketplace)

    def link(self, pack: PolicyPack, *candidates: str | None) -> str | None:
        # imported here: the pre-contract pack schema imports the families' sections
        from listlint.policy.links import official_link

        return official_link(pack, *candidates)

    def links(
        self, candidates: Callable[[PolicyPack], Sequence[str | None]]
    ) -> list[tuple[str, str | None]]:
        return [(p.label, self.link(p, *candidates(p))) for p in self.policies]

    def first_link(self, candidates: Callable[[PolicyPack], Sequence[str | None]]) -> str | None:
        for pack in self.policies:
            return self.link(pack, *candidates(pack))
        return None


F = TypeVar("F", bound="Family[Any, Any]")


class FamilyRule(Rule, Generic[F, A]):
    family_type: ClassVar[type[Family[Any, Any]]]

    def __init__(self, ctx: RuleContext) -> None:
        super().__init__(ctx)
        self.family = cast(F, self.family_type(ctx.config, ctx.policies))

    def _analysis(self, batch: Batch) -> A:
        fam = self.family
        return batch.cached("family:" + fam.name, lambda b: fam.analyse(BatchContext(b)))

    def check(self, batch: Batch, analysis: A | None = None) -> Iterable[Hit]:  # type: ignore[override]
        return self.check_batch(batch, analysis if analysis is not None else self._analysis(batch))

    def check_batch(self, batch: Batch, analysis: A) -> Iterable[Hit]:  # pragma: no cover
        raise NotImplementedError


class FamilyCatalogRule(FamilyRule[F, A], CatalogRule):
    def check(self, batch: Batch, analysis: A | None = None) -> Iterable[Hit]:  # type: ignore[override]
        return iter(())

    def partial(self, batch: Batch, analysis: A | None = None) -> pl.DataFrame | None:  # type: ignore[override]
        return self.partial_batch(
            batch, analysis if analysis is not None else self._analysis(batch)
        )

    def partial_batch(self, batch: Batch, analysis: A) -> pl.DataFrame | None:  # pragma: no cover
        raise NotImplementedError
