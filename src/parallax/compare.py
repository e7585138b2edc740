"""compare: the whole pipeline over a handful of articles, ingest output → `Comparison`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath

from parallax.align import align
from parallax.align.claims import normalised
from parallax.analyse.stage import analyse
from parallax.annotate import annotate
from parallax.annotate.languages import resolve_languages
from parallax.errors import ErrorCode, InputError
from parallax.options import CompareOptions, Models
from parallax.types import AnnotatedArticle, Article, Claim, Comparison, Summary


def _check_inputs(articles: Sequence[Article]) -> None:
    if len(articles) < 2:
        origin = articles[0].origin if articles else None
        raise InputError(
            ErrorCode.TOO_FEW_ARTICLES,
            f"a comparison needs at least 2 articles, got {len(articles)}",
            origin=origin,
        )
    seen: dict[str, Article] = {}
    for article in articles:
        if article.id in seen:
            raise InputError(
                ErrorCode.DUPLICATE_INPUT,
                f"the same article was given twice (also from {seen[article.id].origin})",
                origin=article.origin or article.source,
            )
        seen[article.id] = article


def supported(articles: Sequence[Article]) -> tuple[list[Article], tuple[str, ...]]:
    """The articles in a supported language, and a warning for each one left out; when
    fewer than two are left the comparison fails with the first one's error (E009)."""
    kept: list[Article] = []
    refused: list[tuple[Article, InputError]] = []
    for article, spec in zip(articles, resolve_languages(articles), strict=True):
        if isinstance(spec, InputError):
            refused.append((article, spec))
        else:
            kept.append(article)
    if refused and len(kept) < 2:
        raise refused[0][1]
    warnings = tuple(
        f"{_label(article)} was left out of the comparison: {err.message} [{err.code}]"
        for article, err in refused
    )
    return kept, warnings


def _label(article: Article) -> str:
    """The source, and the file name or API position it came from (not a whole path)."""
    where = PurePath(article.origin).name if article.origin else ""
    return f"{article.source} ({where})" if where and where != article.source else article.source


def identical_groups(articles: Sequence[Article]) -> tuple[tuple[str, ...], ...]:
    """Ids of articles whose texts are the same word for word, grouped."""
    groups: dict[str, list[str]] = {}
    for article in articles:
        groups.setdefault(normalised(article.text), []).append(article.id)
    return tuple(tuple(ids) for ids in groups.values() if len(ids) > 1)


def summarise(articles: Sequence[AnnotatedArticle], claims: Sequence[Claim]) -> Summary:
    """The counts of a comparison."""
    by_count = Counter(len(c.sources) for c in claims)
    unique = Counter(c.sources[0] for c in claims if len(c.sources) == 1)
    return Summary(
        shared_claims=sum(n for k, n in by_count.items() if k > 1),
        unique_claims={a.id: unique.get(a.id, 0) for a in articles},
        claims_by_source_count=dict(sorted(by_count.items())),
        relations=dict(Counter(str(c.relation) for c in claims)),
        identical_articles=identical_groups([a.article for a in articles]),
    )


def compare(
    articles: Sequence[Article],
    options: CompareOptions | None = None,
    models: Models | None = None,
) -> Comparison:
    """Compare two or more articles: which claims they share and which only one carries,
    who is quoted, which numbers and dates they give, whom they name, where they disagree.

    `options` may override the calibrated cut-offs of the same-claim model and leave out
    analysers; `models` are the shipped ones, loaded once per process on `options.device`,
    unless given.
    """
    _check_inputs(articles)
    articles, left_out = supported(articles)
    options = options or CompareOptions()
    models = models or Models.load(options.device)
    annotated = annotate(articles)
    claims = align(
        annotated, encoder=models.encoder, model=models.same_claim,
        link_threshold=options.link_threshold, paraphrase_threshold=options.paraphrase_threshold,
    )
    found = analyse(annotated, claims, encoder=models.encoder, skip=options.skip)
    if left_out:
        found = replace(found, warnings=(*left_out, *found.warnings))
    plain = [a.plain() for a in annotated]
    return Comparison(tuple(plain), tuple(claims), summarise(plain, claims), options.given(),
                      analyses=found)
