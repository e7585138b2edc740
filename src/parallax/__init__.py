"""news-parallax: see one news story through many outlets.

    import parallax
    from parallax.report import comparison_to_dict

    a = parallax.load("a.html")
    b = parallax.load_text("...", source="Example Post")
    comparison = parallax.compare([a, b])
    comparison_to_dict(comparison)  # the JSON contract of docs/schema.md
"""

from parallax._version import __version__
from parallax.compare import compare
from parallax.errors import InputError, ModelError, ParallaxError
from parallax.ingest import load, load_all, load_text
from parallax.types import (
    AnnotatedArticle,
    Article,
    Claim,
    Comparison,
    Relation,
    Sentence,
    Statement,
)

__all__ = [
    "AnnotatedArticle",
    "Article",
    "Claim",
    "Comparison",
    "InputError",
    "ModelError",
    "ParallaxError",
    "Relation",
    "Sentence",
    "Statement",
    "__version__",
    "compare",
    "load",
    "load_all",
    "load_text",
]
