"""The guide: every topic exists in both languages, reads well-formed, and links where it should."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from crypty_desktop.domain import audit, errors
from crypty_desktop.domain.errors import CryptyError, NotFound
from crypty_desktop.domain.platform import IntendedUse, PlatformType
from crypty_desktop.help import (
    ACTIONS,
    FALLBACK_LANGUAGE,
    HOME_TOPIC,
    LANGUAGES,
    LOSS_LIMIT_TOPIC,
    HelpGuide,
    Link,
    form_help_topic,
    parse_link,
    pick_language,
    slugify,
    topic_ids,
    ui_labels_named_in_guide,
)
from crypty_desktop.public_ip import PublicIpUnavailable
from crypty_desktop.resources import resource_path

ALL = [(t, lang) for t in topic_ids() for lang in LANGUAGES]


@pytest.fixture(scope="module")
def guide() -> HelpGuide:
    return HelpGuide()


def _referenced_by_domain() -> set[str]:
    """Help topics named by domain errors and by the permission audit's findings."""
    topics = {
        cls.help_topic
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, CryptyError) and cls.help_topic
    }
    topics.add(PublicIpUnavailable.help_topic or "")
    # The audit's findings name their topic as the third argument of AuditFinding(...).
    tree = ast.parse(Path(audit.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "AuditFinding":
            args = node.args[2:3] + [k.value for k in node.keywords if k.arg == "help_topic"]
            topics |= {a.value for a in args if isinstance(a, ast.Constant) and a.value}
    return topics


def test_every_language_has_exactly_the_topics_of_the_toc() -> None:
    for lang in LANGUAGES:
        files = {p.stem for p in resource_path("help", lang).glob("*.md")}
        assert files == set(topic_ids()), lang


@pytest.mark.parametrize(("topic_id", "lang"), ALL)
def test_topic_has_a_title_and_content(guide: HelpGuide, topic_id: str, lang: str) -> None:
    topic = guide.topic(topic_id, lang)
    assert topic.language == lang
    assert topic.markdown.startswith("# ")
    assert topic.title and topic.title != topic_id
    body = topic.markdown.split("\n", 1)[1]
    assert len(body.split()) >= 40, "a topic says something useful"


@pytest.mark.parametrize(("topic_id", "lang"), ALL)
def test_links_resolve(guide: HelpGuide, topic_id: str, lang: str) -> None:
    topic = guide.topic(topic_id, lang)
    for link in topic.links:
        assert link.kind in ("topic", "action", "external"), link
        if link.kind == "topic":
            target = link.target or topic_id
            assert guide.has_topic(target), link
            if link.anchor:
                assert link.anchor in guide.topic(target, lang).anchors, link
        elif link.kind == "action":
            assert link.target in ACTIONS, link
            if link.target == "add-platform":
                PlatformType(link.params["type"])  # a real platform type
        else:
            assert link.target.startswith("https://"), link


def test_titles_differ_between_languages(guide: HelpGuide) -> None:
    for topic_id in topic_ids():
        assert guide.topic(topic_id, "fr").title != guide.topic(topic_id, "en").title, topic_id


def test_topics_referenced_by_errors_and_audit_exist(guide: HelpGuide) -> None:
    referenced = _referenced_by_domain()
    assert {"add-key", "permissions", "ip-restriction", "least-privilege", "trading-key"} <= (
        referenced
    ), "the audit still names its topics as literals"
    assert {"keychain", "clock", "network"} <= referenced
    for topic_id in referenced:
        for lang in LANGUAGES:
            assert guide.topic(topic_id, lang).id == topic_id


def test_audit_findings_name_existing_topics(guide: HelpGuide) -> None:
    """The same check through the audit's own output, for every combination it can produce."""
    from datetime import UTC, datetime

    from crypty_desktop.domain.platform import Permissions

    seen: set[str] = set()
    for reading in (True, False):
        for trading in (True, False):
            for withdrawals in (True, False, None):
                for ip in (True, False, None):
                    for use in IntendedUse:
                        perms = Permissions(reading, trading, withdrawals, ip)
                        result = audit.audit_permissions(perms, use, datetime.now(UTC))
                        seen |= {f.help_topic for f in result.findings if f.help_topic}
    assert seen
    assert all(guide.has_topic(t) for t in seen), seen


def test_french_guide_names_the_french_interface_labels(guide: HelpGuide) -> None:
    """The interface speaks French too: the French guide names its labels in French (checked
    against the translated windows in tests/gui/test_help_labels.py), as many as in English."""
    french, english = guide.ui_labels(["fr"]), guide.ui_labels(["en"])
    assert len(french) == len(english)
    assert {
        "Plateformes",
        "Gérer les plateformes…",
        "+ Ajouter",
        "Clé d'accès",
        "Clé secrète",
        "Enregistrer",
        "Tester la connexion",
        "Afficher mon IP publique",
    } <= french
    assert not french & {"Manage platforms…", "Test connection", "Save", "Access Key", "Copy"}


def test_ui_labels_named_in_guide_include_the_main_path() -> None:
    labels = ui_labels_named_in_guide(languages=["en"])
    assert {
        "Platforms",
        "Manage platforms…",
        "+ Add",
        "Name",
        "Type",
        "Access Key",
        "Secret Key",
        "Save",
        "Test connection",
        "Generate a key pair here",
        "Copy",
        "Show my public IP",
    } <= labels


def test_fallback_to_english_and_unknown_topics(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "fr").mkdir()
    (tmp_path / "en" / "index.md").write_text("# Help\n\nHello.\n", encoding="utf-8")
    guide = HelpGuide(tmp_path)
    assert guide.topic("index", "fr").language == "en"
    assert guide.topic("index", "de").language == "en"
    with pytest.raises(NotFound):
        guide.topic("../secrets")
    with pytest.raises(NotFound):
        guide.topic("clock")  # in the table of contents, but its file is missing here


@pytest.mark.parametrize("lang", LANGUAGES)
def test_toc_lists_every_topic_once(guide: HelpGuide, lang: str) -> None:
    toc = guide.toc(lang)
    ids = [e.topic_id for s in toc for e in s.entries]
    assert ids == list(topic_ids())
    assert ids[0] == HOME_TOPIC
    assert all(s.title for s in toc)


def test_display_markdown_turns_labels_bold_but_leaves_code_blocks() -> None:
    guide = HelpGuide()
    shown = guide.topic("keychain", "en").display_markdown()
    assert "`" not in shown.replace("```", "")
    assert "sudo apt install gnome-keyring" in shown
    add = guide.topic("add-key", "en").display_markdown()
    assert "**+ Add**" in add


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("ghost-key.md", Link("topic", "ghost-key")),
        (
            "add-key.md#use-a-key-pair-made-here",
            Link("topic", "add-key", "use-a-key-pair-made-here"),
        ),
        ("#top", Link("topic", "", "top")),
        ("crypty:open-platforms", Link("action", "open-platforms")),
        (
            "crypty:add-platform?type=binance",
            Link("action", "add-platform", params={"type": "binance"}),
        ),
        ("https://testnet.binance.vision/", Link("external", "https://testnet.binance.vision/")),
        ("file:///etc/passwd", Link("unknown", "file:///etc/passwd")),
        ("../../etc/passwd", Link("unknown", "../../etc/passwd")),
    ],
)
def test_parse_link(href: str, expected: Link) -> None:
    assert parse_link(href) == expected


def test_slugify_drops_accents() -> None:
    assert slugify("Quand Binance refuse la clé") == "quand-binance-refuse-la-cle"
    assert slugify("Use a key pair made here") == "use-a-key-pair-made-here"


@pytest.mark.parametrize(
    ("preferred", "system", "expected"),
    [
        ("fr", "en_US", "fr"),
        ("en", "fr_FR", "en"),
        (None, "fr_CA", "fr"),
        ("", "fr-BE", "fr"),
        (None, "de_DE", FALLBACK_LANGUAGE),
        ("xx", None, FALLBACK_LANGUAGE),
    ],
)
def test_pick_language(preferred: str | None, system: str | None, expected: str) -> None:
    assert pick_language(preferred, system) == expected


def test_form_help_topic_points_at_existing_sections() -> None:
    guide = HelpGuide()
    for type_ in PlatformType:
        for key_pair in (False, True):
            topic_id, _, anchor = form_help_topic(type_.value, key_pair).partition("#")
            assert guide.has_topic(topic_id)
            assert not anchor or anchor in guide.topic(topic_id, "en").anchors
    assert form_help_topic("binance", key_pair=True) == "add-key#use-a-key-pair-made-here"


@pytest.mark.parametrize("topic_id", topic_ids())
def test_translations_have_the_same_headings_in_the_same_order(
    guide: HelpGuide, topic_id: str
) -> None:
    """A link names a heading by its English anchor; the French heading at the same place is the
    one meant (``anchor_in``), so both versions keep the same outline."""
    outlines = {
        lang: [
            len(line) - len(line.lstrip("#"))
            for line in guide.topic(topic_id, lang).markdown.splitlines()
            if line.startswith("#")
        ]
        for lang in LANGUAGES
    }
    assert outlines["fr"] == outlines["en"], topic_id
    assert len(set(guide.topic(topic_id, "fr").anchors)) == len(outlines["fr"])


def test_anchor_in_finds_the_same_heading_in_the_other_language(guide: HelpGuide) -> None:
    assert guide.anchor_in("add-key", "use-a-key-pair-made-here", "fr") == (
        "utiliser-une-paire-de-cles-creee-ici"
    )
    assert guide.anchor_in("add-key", "utiliser-une-paire-de-cles-creee-ici", "en") == (
        "use-a-key-pair-made-here"
    )
    assert guide.anchor_in("add-key", "when-binance-refuses-the-key", "en") == (
        "when-binance-refuses-the-key"
    )
    assert guide.anchor_in("add-key", "", "fr") == ""
    assert guide.anchor_in("add-key", "no-such-heading", "fr") == "no-such-heading"


def test_the_loss_limit_field_opens_its_section_in_both_languages(guide: HelpGuide) -> None:
    topic_id, _, anchor = LOSS_LIMIT_TOPIC.partition("#")
    assert anchor in guide.topic(topic_id, "en").anchors
    french = guide.anchor_in(topic_id, anchor, "fr")
    assert french == "une-perte-maximale-par-jour-et-par-plateforme"
    assert french in guide.topic(topic_id, "fr").anchors


def test_protection_topic_is_linked_from_both_start_pages(guide: HelpGuide) -> None:
    for lang in LANGUAGES:
        targets = {link.target for link in guide.topic(HOME_TOPIC, lang).links}
        assert "protection" in targets, lang
        assert "protection" in [e.topic_id for s in guide.toc(lang) for e in s.entries]


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        (
            "en",
            {
                "Stop-loss (%)",
                "Take-profit (%)",
                "Trailing stop (%)",
                "Max drawdown (%)",
                "Make everything safe…",
                "Also sell what the Trader bots hold, at market",
                "Daily loss limit",
                "Resume bots on start",
            },
        ),
        (
            "fr",
            {
                "Stop-loss (%)",
                "Prise de bénéfices (%)",
                "Stop suiveur (%)",
                "Perte max. depuis le pic (%)",
                "Tout mettre en sécurité…",
                "Vendre aussi ce que détiennent les bots Trader, au marché",
                "Perte maximale par jour",
                "Relancer les bots au démarrage",
            },
        ),
    ],
)
def test_protection_topic_names_the_risk_and_panic_labels(
    guide: HelpGuide, lang: str, labels: set[str]
) -> None:
    """Checked against the real windows in tests/gui/test_help_labels.py."""
    assert labels <= guide.topic("protection", lang).ui_labels


@pytest.mark.parametrize("lang", LANGUAGES)
def test_protection_topic_states_its_limits_and_commands(guide: HelpGuide, lang: str) -> None:
    """The honest limits and the command lines are there in each language (the commands are the
    same words in both)."""
    text = guide.topic("protection", lang).markdown
    for command in ("crypty panic", "crypty panic --sell", "--max-daily-loss 50", "--yes"):
        assert command in text, command
    words = {
        "en": ("OCO", "stop-limit", "UTC", "sold at market", "Away 2 h 13 min", "fast market"),
        "fr": ("OCO", "stop-limit", "UTC", "vendu au marché", "Absent 2 h 13 min", "marché rapide"),
    }[lang]
    for word in words:
        assert word in text, word


@pytest.mark.parametrize(("topic_id", "lang"), ALL)
def test_no_interface_label_inside_bold_text(guide: HelpGuide, topic_id: str, lang: str) -> None:
    """A backticked label is shown in bold: inside bold text it would show stray asterisks."""
    prose = re.sub(
        r"^```.*?^```[ \t]*$", "", guide.topic(topic_id, lang).markdown, flags=re.M | re.S
    )
    for paragraph in prose.split("\n\n"):
        bold = paragraph.split("**")[1::2]
        assert not [b for b in bold if "`" in b], paragraph


@pytest.mark.parametrize(("topic_id", "lang"), ALL)
def test_command_lines_fit_the_pane(guide: HelpGuide, topic_id: str, lang: str) -> None:
    """A code block does not wrap: its lines stay short enough for the pane's default width."""
    for block in re.findall(
        r"^```.*?^```[ \t]*$", guide.topic(topic_id, lang).markdown, re.M | re.S
    ):
        assert all(len(line) <= 48 for line in block.splitlines()), block
