"""The in-app guide: one Markdown file per topic, in French and in English.

Topics live in ``resources/help/<language>/<topic-id>.md``. The first ``# `` line of a file is its
title. In the Markdown, a label of Crypty Desktop's own interface is written in backticks
(`` `+ Add` ``) and nothing else is; Binance's labels are written in bold. Links are either another
topic (``ghost-key.md``, optionally with ``#anchor`` made from a heading), an action the app
performs (``crypty:add-platform?type=binance``) or an external web page (``https://…``).

No Qt here: the help pane renders the Markdown; this module finds, checks and describes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from crypty_desktop.domain.errors import NotFound
from crypty_desktop.resources import resource_path

LANGUAGES: tuple[str, ...] = ("fr", "en")
FALLBACK_LANGUAGE = "en"
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}

ACTION_SCHEME = "crypty"
#: What an action link may ask the app to do; ``add-platform`` takes ``type`` (a PlatformType).
ACTIONS = frozenset({"open-platforms", "add-platform", "show-public-ip", "getting-started"})

HOME_TOPIC = "index"

#: The table of contents: sections of topic ids, in reading order.
TOC: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("start", ("index", "demo", "public-data")),
    ("key", ("ghost-key", "trading-key", "add-key", "ip-restriction")),
    ("safety", ("permissions", "least-privilege", "keychain", "protection")),
    ("practice", ("demo-mode", "testnet")),
    ("strategies", ("optimise",)),
    ("trouble", ("clock", "network")),
)
SECTION_TITLES: dict[str, dict[str, str]] = {
    "start": {"en": "Getting started", "fr": "Premiers pas"},
    "key": {"en": "Your Binance key", "fr": "Votre clé Binance"},
    "safety": {"en": "Safety", "fr": "Sécurité"},
    "practice": {"en": "Practice", "fr": "S'entraîner"},
    "strategies": {"en": "Testing strategies", "fr": "Éprouver une stratégie"},
    "trouble": {"en": "Troubleshooting", "fr": "En cas de problème"},
}

_TOPIC_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE_RE = re.compile(r"^```.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_LINK_RE = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_LABEL_RE = re.compile(r"`([^`\n]+)`")


def topic_ids() -> tuple[str, ...]:
    """Every topic id, in table-of-contents order."""
    return tuple(topic for _, topics in TOC for topic in topics)


def is_valid_topic_id(topic_id: str) -> bool:
    return bool(_TOPIC_ID_RE.match(topic_id))


def form_help_topic(platform_type: str, key_pair: bool = False) -> str:
    """The guide section for the platform form, by the type chosen there (``"binance"``…).

    Returns ``"topic"`` or ``"topic#anchor"``.
    """
    if platform_type == "simulated":
        return "demo"
    if platform_type == "binance-testnet":
        return "testnet"
    if platform_type == "binance-demo":
        return "demo-mode"
    if platform_type == "binance-public":
        return "public-data"
    return "add-key#use-a-key-pair-made-here" if key_pair else "add-key"


#: The guide's section on the daily loss limit, opened from that field of the platform form.
LOSS_LIMIT_TOPIC = "protection#a-daily-loss-limit-per-platform"
#: The guide's topic on the Backtests page's Optimise tab, opened from its help link.
OPTIMISE_TOPIC = "optimise"


def pick_language(preferred: str | None, system_locale: str | None = None) -> str:
    """The guide's language: the user's choice, else the system's if we have it, else English.

    Args:
        preferred: the stored choice (``"fr"``, ``"en"``), or None/empty when never chosen.
        system_locale: e.g. ``"fr_FR"`` or ``"en-US"``; only its language part is used.
    """
    for candidate in (preferred, system_locale):
        if candidate:
            code = candidate.replace("-", "_").split("_")[0].lower()
            if code in LANGUAGES:
                return code
    return FALLBACK_LANGUAGE


def slugify(heading: str) -> str:
    """The anchor of a heading: lower case, accents dropped, words joined by ``-``."""
    decomposed = unicodedata.normalize("NFKD", heading)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _outside_fences(markdown: str) -> str:
    """The Markdown with fenced code blocks blanked out (their text is not prose)."""
    return _FENCE_RE.sub("", markdown)


@dataclass(frozen=True, slots=True)
class Link:
    """Where a link in the guide leads.

    Attributes:
        kind: ``"topic"``, ``"action"``, ``"external"`` or ``"unknown"``.
        target: the topic id (empty for an anchor in the same topic), the action name or the URL.
        anchor: for a topic link, the heading anchor to scroll to (may be empty).
        params: for an action, its query parameters.
    """

    kind: str
    target: str
    anchor: str = ""
    params: dict[str, str] = field(default_factory=dict)


def parse_link(href: str) -> Link:
    """Classify a link found in the guide (or clicked in the pane)."""
    href = href.strip()
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme == ACTION_SCHEME:
        return Link("action", parts.path.strip("/"), params=dict(parse_qsl(parts.query)))
    if scheme in ("http", "https"):
        return Link("external", href)
    if scheme or parts.netloc:
        return Link("unknown", href)
    name = unquote(parts.path)
    if name.endswith(".md"):
        name = name[: -len(".md")]
    if name and not is_valid_topic_id(name):
        return Link("unknown", href)
    return Link("topic", name, anchor=unquote(parts.fragment))


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic in one language."""

    id: str
    language: str
    title: str
    markdown: str

    @property
    def anchors(self) -> tuple[str, ...]:
        """The anchors of the topic's headings, in order."""
        prose = _outside_fences(self.markdown)
        return tuple(slugify(m.group(2)) for m in _HEADING_RE.finditer(prose))

    @property
    def links(self) -> tuple[Link, ...]:
        prose = _outside_fences(self.markdown)
        return tuple(parse_link(m.group(2)) for m in _LINK_RE.finditer(prose))

    @property
    def ui_labels(self) -> frozenset[str]:
        """The labels of Crypty Desktop's interface that this topic names (backticked text)."""
        return frozenset(m.group(1) for m in _LABEL_RE.finditer(_outside_fences(self.markdown)))

    def display_markdown(self) -> str:
        """The Markdown as the pane shows it: interface labels in bold rather than as code."""
        out: list[str] = []
        last = 0
        for fence in _FENCE_RE.finditer(self.markdown):
            out.append(_LABEL_RE.sub(r"**\1**", self.markdown[last : fence.start()]))
            out.append(fence.group(0))
            last = fence.end()
        out.append(_LABEL_RE.sub(r"**\1**", self.markdown[last:]))
        return "".join(out)


@dataclass(frozen=True, slots=True)
class TocEntry:
    topic_id: str
    title: str


@dataclass(frozen=True, slots=True)
class TocSection:
    key: str
    title: str
    entries: tuple[TocEntry, ...]


class HelpGuide:
    """Reads the guide's topics from the bundled resources (frozen or not), with a small cache."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else resource_path("help")
        self._cache: dict[tuple[str, str], Topic] = {}

    def topic_ids(self) -> tuple[str, ...]:
        return topic_ids()

    def has_topic(self, topic_id: str) -> bool:
        return topic_id in topic_ids()

    def path(self, topic_id: str, language: str) -> Path:
        return self.root / language / f"{topic_id}.md"

    def topic(self, topic_id: str, language: str = FALLBACK_LANGUAGE) -> Topic:
        """A topic in the language asked for, or in English when it has no translation yet.

        Raises:
            NotFound: the topic id is not part of the guide, or its file is missing.
        """
        if not self.has_topic(topic_id):
            raise NotFound(f"There is no help topic “{topic_id}”.")
        language = language if language in LANGUAGES else FALLBACK_LANGUAGE
        for lang in dict.fromkeys((language, FALLBACK_LANGUAGE)):
            cached = self._cache.get((topic_id, lang))
            if cached is not None:
                return cached
            path = self.path(topic_id, lang)
            if path.is_file():
                topic = self._read(topic_id, lang, path)
                self._cache[(topic_id, lang)] = topic
                return topic
        raise NotFound(f"The help topic “{topic_id}” is missing from this installation.")

    @staticmethod
    def _read(topic_id: str, language: str, path: Path) -> Topic:
        markdown = path.read_text(encoding="utf-8")
        title = topic_id
        for line in markdown.splitlines():
            if line.startswith("# "):
                title = line[2:].strip()
                break
        return Topic(id=topic_id, language=language, title=title, markdown=markdown)

    def anchor_in(self, topic_id: str, anchor: str, language: str) -> str:
        """The anchor of the same heading in the topic's ``language`` version.

        Links name a heading by its anchor in one language (the app's code uses the English
        ones); each translation has the same headings in the same order, so the heading at the
        same place is the one meant. An anchor no version has is returned unchanged.
        """
        shown = self.topic(topic_id, language)
        if not anchor or anchor in shown.anchors:
            return anchor
        for lang in LANGUAGES:
            if lang == shown.language:
                continue
            anchors = self.topic(topic_id, lang).anchors
            if anchor in anchors and len(anchors) == len(shown.anchors):
                return shown.anchors[anchors.index(anchor)]
        return anchor

    def toc(self, language: str) -> tuple[TocSection, ...]:
        """The table of contents with section and topic titles in the given language."""
        lang = language if language in LANGUAGES else FALLBACK_LANGUAGE
        return tuple(
            TocSection(
                key=key,
                title=SECTION_TITLES[key][lang],
                entries=tuple(TocEntry(t, self.topic(t, lang).title) for t in topics),
            )
            for key, topics in TOC
        )

    def ui_labels(self, languages: Iterable[str] = LANGUAGES) -> frozenset[str]:
        """Every interface label the guide names, in any of the given languages."""
        labels: set[str] = set()
        for lang in languages:
            for topic_id in topic_ids():
                labels |= self.topic(topic_id, lang).ui_labels
        return frozenset(labels)


def ui_labels_named_in_guide(
    guide: HelpGuide | None = None, languages: Iterable[str] = LANGUAGES
) -> frozenset[str]:
    """The labels of Crypty Desktop's interface that the guide tells the user to look for.

    Each guide names the labels in its own language: the French guide the French interface's.
    """
    return (guide or HelpGuide()).ui_labels(languages)
