"""Parsing a report page strictly in tests: every element closed, nodes by tag and attribute."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = ("meta", "br", "img", "input", "link")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    column: str | None
    text: str = ""
    classes: list[str] = field(default_factory=list)


class StrictPage(HTMLParser):
    """Elements, their text, and each column's paragraph text; fails on any mis-nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[Node] = []
        self.paragraphs: dict[str, list[str]] = {}
        self._open: list[Node] = []
        self._column: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(
            tag, dict(attrs), self._column, classes=(dict(attrs).get("class") or "").split()
        )
        self.nodes.append(node)
        if tag == "article":
            self._column = node.attrs["data-article"]
        if "para" in node.classes and self._column:
            self.paragraphs.setdefault(self._column, []).append("")
        if tag not in VOID:
            self._open.append(node)

    def handle_endtag(self, tag: str) -> None:
        node = self._open.pop()
        assert node.tag == tag, f"</{tag}> closes <{node.tag}>"
        if tag == "article":
            self._column = None

    def handle_data(self, data: str) -> None:
        for node in self._open:
            node.text += data
        if self._column and any("para" in n.classes for n in self._open):
            self.paragraphs[self._column][-1] += data

    def find(self, tag: str, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.nodes
            if n.tag == tag and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def strict_parse(html: str) -> StrictPage:
    page = StrictPage()
    page.feed(html)
    page.close()
    assert not page._open, [n.tag for n in page._open]
    return page


def squash(text: str) -> str:
    return " ".join(text.split())

