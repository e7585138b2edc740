"""What every route shares: the limits, the comparison worker, the templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

from fastapi import Request
from fastapi.templating import Jinja2Templates

from parallax.compare import compare
from parallax.corpus.store.session import Store
from parallax.options import CompareOptions
from parallax.types import Article, Comparison
from parallax.web.limits import Limits, check_articles
from parallax.web.runner import Runner

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class WebState:
    """The app's shared parts, kept on `app.state.web`."""

    limits: Limits
    runner: Runner
    templates: Jinja2Templates
    store: Store | None = None  # the corpus store of the stories pages, when one is open

    async def compare(
        self,
        build: Callable[[], Sequence[Article]],
        render: Callable[[Comparison], T],
        options: CompareOptions | None = None,
    ) -> T:
        """Build the articles, check them against the limits, compare and render them,
        all on the worker and within the time limit."""

        def work() -> T:
            articles = build()
            check_articles(articles, self.limits)
            comparison = compare(articles, options)
            return render(comparison)

        return await self.runner.run(work)


def web_state(request: Request) -> WebState:
    """The shared parts of the app serving `request`."""
    return cast(WebState, request.app.state.web)
