"""Turn one ctl.io document into page fields and raw StreamField data (no database)."""

import json
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import markdown
import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

from resources.blocks import LANGUAGE_CHOICES

HEADER_RE = re.compile(r"^\ufeff?\s*\{\{\{(.*?)\}\}\}", re.DOTALL)
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
LANGUAGES = {code for code, _ in LANGUAGE_CHOICES if code}
LANGUAGE_ALIASES = {"shell": "bash", "sh": "bash", "js": "javascript", "cs": "csharp"}
CONTAINERS = {"div", "section", "article", "main", "span", "body", "html"}
ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "b", "strong",
    "i", "em", "code", "pre", "br", "hr", "blockquote", "table", "thead", "tbody",
    "tr", "th", "td", "img", "div", "span", "section", "article",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}}
ALLOWED_CODE_CLASS = re.compile(r"^language-[\w+-]+$")


class MalformedDocument(ValueError):
    """The file cannot become a page (the reason is shown in the import summary)."""


@dataclass
class ParsedDocument:
    """One document ready to write: image blocks still point at file paths."""

    source: str
    title: str
    date: date | None
    author: str
    summary: str
    related_products: list[str]
    thumbnail: Path | None
    blocks: list[dict]
    images: set[Path] = field(default_factory=set)
    missing_images: list[str] = field(default_factory=list)


def parse_header(text: str, *, require_title: bool = True) -> tuple[dict, str]:
    match = HEADER_RE.match(text)
    if not match:
        raise MalformedDocument("no {{{ … }}} header")
    try:
        header = json.loads("{" + match.group(1) + "}")
    except json.JSONDecodeError as exc:
        raise MalformedDocument(f"header is not valid JSON ({exc.msg})") from exc
    if not isinstance(header, dict):
        raise MalformedDocument("header is not a JSON object")
    title = header.get("title")
    if require_title and (not isinstance(title, str) or not title.strip()):
        raise MalformedDocument("header has no title")
    return header, text[match.end() :]


def parse_date(value: object) -> date | None:
    """ctl.io dates are MM-DD-YYYY (sometimes without leading zeros)."""
    if not isinstance(value, str):
        return None
    for fmt in ("%m-%d-%Y", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def sanitise(html: str) -> str:
    """Keep structure and links; drop scripts, styles, event handlers and odd URLs."""

    def keep_language(element: str, attribute: str, value: str) -> str | None:
        if element == "code" and attribute == "class":
            return value if ALLOWED_CODE_CLASS.match(value) else None
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={**ALLOWED_ATTRIBUTES, "code": {"class"}},
        attribute_filter=keep_language,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def render_body(body: str, *, is_html: bool) -> str:
    if not is_html:
        body = markdown.markdown(
            body,
            extensions=["tables", "fenced_code", "sane_lists"],
            output_format="html",
        )
    return sanitise(body)


class BodyConverter:
    """Walk top-level HTML into rich text, code, table and image blocks."""

    def __init__(self, *, source: Path, root: Path, link_map: dict[str, str]):
        self.source = source
        self.root = root
        self.link_map = link_map
        self.blocks: list[dict] = []
        self.rich: list[str] = []
        self.images: set[Path] = set()
        self.missing: list[str] = []

    def convert(self, html: str) -> list[dict]:
        soup = BeautifulSoup(html, "html.parser")
        self._walk(soup.contents)
        self._flush()
        return self.blocks

    def _walk(self, nodes: list) -> None:
        for node in list(nodes):
            if isinstance(node, NavigableString):
                if str(node).strip():
                    self.rich.append(f"<p>{_escape(str(node).strip())}</p>")
            elif isinstance(node, Tag):
                self._element(node)

    def _element(self, el: Tag) -> None:
        name = el.name
        if name in CONTAINERS:
            self._walk(el.contents)
        elif name == "pre":
            self._flush()
            code = el.find("code")
            language = ""
            if code is not None:
                for css in code.get("class") or []:
                    lang = css.removeprefix("language-").lower()
                    language = LANGUAGE_ALIASES.get(lang, lang)
            self.blocks.append(
                {
                    "type": "code",
                    "value": {
                        "language": language if language in LANGUAGES else "",
                        "code": el.get_text().rstrip("\n"),
                    },
                }
            )
        elif name == "table":
            self._flush()
            self._table(el)
        elif name == "img":
            self._flush()
            self._image(el)
        else:
            images = el.find_all("img")
            for img in images:
                img.extract()
            self._links(el)
            if name == "h1":
                el.name = "h2"
            elif name in {"h5", "h6"}:
                el.name = "h4"
            if el.get_text(strip=True) or name == "hr":
                self.rich.append(str(el))
            if images:
                self._flush()
                for img in images:
                    self._image(img)

    def _flush(self) -> None:
        if self.rich:
            self.blocks.append({"type": "rich_text", "value": "".join(self.rich)})
            self.rich = []

    def _links(self, el: Tag) -> None:
        for a in el.find_all("a"):
            href = a.get("href", "")
            if not href or re.match(r"^(https?:|mailto:|#)", href):
                continue
            path, _, anchor = href.partition("#")
            target = self.link_map.get(self.resolve(path))
            if target:
                a["href"] = target + (f"#{anchor}" if anchor else "")
            else:
                a.unwrap()

    def resolve(self, href: str) -> str:
        """Corpus-relative POSIX path of a reference (never outside the root)."""
        rel = self.source.parent.relative_to(self.root).as_posix()
        joined = posixpath.normpath(posixpath.join(rel, href.strip()))
        return "" if joined.startswith("..") else joined

    def resolve_file(self, href: str) -> Path | None:
        if not href or re.match(r"^[a-z]+:", href, re.IGNORECASE):
            return None
        rel = self.resolve(href.split("?")[0].split("#")[0])
        if not rel:
            return None
        path = self.root / rel
        if path.suffix.lower() in IMAGE_EXTENSIONS and path.is_file():
            return path
        return None

    def _image(self, img: Tag) -> None:
        src = img.get("src", "")
        path = self.resolve_file(src)
        if path is None:
            self.missing.append(src)
            return
        self.images.add(path)
        self.blocks.append(
            {
                "type": "image",
                "value": {
                    "image": str(path),
                    "alt_text": img.get("alt", "")[:255],
                    "caption": "",
                },
            }
        )

    def _table(self, el: Tag) -> None:
        rows = [
            [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
            for tr in el.find_all("tr")
        ]
        rows = [row for row in rows if row]
        if not rows:
            return
        width = max(len(row) for row in rows)
        self.blocks.append(
            {
                "type": "table",
                "value": {
                    "data": [row + [""] * (width - len(row)) for row in rows],
                    "first_row_is_table_header": el.find("th") is not None,
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            }
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse_document(
    path: Path, *, root: Path, link_map: dict[str, str]
) -> ParsedDocument:
    """Parse one file; raises MalformedDocument with the reason to report."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedDocument("not UTF-8 text") from exc
    header, body = parse_header(text)
    converter = BodyConverter(source=path, root=root, link_map=link_map)
    blocks = converter.convert(
        render_body(body, is_html=bool(header.get("contentIsHTML")))
    )
    thumbnail = None
    if isinstance(header.get("thumbnail"), str) and header["thumbnail"].strip():
        thumbnail = converter.resolve_file(header["thumbnail"])
        if thumbnail is None:
            converter.missing.append(header["thumbnail"])
        else:
            converter.images.add(thumbnail)
    products = header.get("related_products") or []
    return ParsedDocument(
        source=path.relative_to(root).as_posix(),
        title=header["title"].strip()[:255],
        date=parse_date(header.get("date")),
        author=str(header.get("author") or "").strip()[:255],
        summary=str(header.get("preview") or "").strip(),
        related_products=[str(p) for p in products if p][:20]
        if isinstance(products, list)
        else [],
        thumbnail=thumbnail,
        blocks=blocks,
        images=converter.images,
        missing_images=converter.missing,
    )
