"""news-parallax: see one news story through many outlets.

    import parallax
    a = parallax.load("a.html")
    b = parallax.load_text("...", source="Example Post")
    comparison = parallax.compare([a, b])
    comparison.to_dict()  # the JSON contract of docs/schema.md
"""

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

__version__ = "0.1.0"

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
