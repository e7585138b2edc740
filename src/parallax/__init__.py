"""news-parallax: see one news story through many outlets."""
