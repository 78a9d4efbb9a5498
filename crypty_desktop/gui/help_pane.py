"""The help pane: the guide beside the window, in the UI language, with actions the app performs.

Links between topics stay in the pane (with Back and Home). Action links (``crypty:…``) are never
opened by the browser: the pane emits ``sig_action_requested(name, params)`` and the main window
acts. Web links open in the system browser. The "Show my public IP" panel sits under the guide
while a topic about the IP restriction is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from crypty_desktop.domain.errors import NotFound
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.preferences import LANGUAGE, Preferences
from crypty_desktop.gui.public_ip_widget import Lookup, PublicIpPanel
from crypty_desktop.gui.qt import (
    QComboBox,
    QDesktopServices,
    QDockWidget,
    QFont,
    QHBoxLayout,
    QLocale,
    QSplitter,
    Qt,
    QTextBrowser,
    QTextCursor,
    QTextFormat,
    QTimer,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.help import (
    HOME_TOPIC,
    LANGUAGE_NAMES,
    LANGUAGES,
    HelpGuide,
    parse_link,
    pick_language,
    slugify,
)

LANGUAGE_KEY = LANGUAGE.key
#: Topics that ask the user for this computer's public IP: the panel is shown under them.
IP_TOPICS = frozenset({"ip-restriction", "ghost-key", "trading-key"})
_TOPIC_ROLE = Qt.ItemDataRole.UserRole
_HEADING_SCALE = {1: 1.45, 2: 1.2, 3: 1.05}  # float-ok: font sizes


def ui_language(preferences: Preferences) -> str:
    """The UI language: the stored choice, else the system's if the guide has it, else English."""
    return pick_language(preferences.get(LANGUAGE), QLocale.system().name())


class HelpPane(QDockWidget):
    """The guide in a dock: contents, Back/Home, topic links, action links as signals.

    Signals:
        sig_action_requested(str, dict): an action link was clicked (e.g. ``"add-platform"``,
            ``{"type": "binance"}``).
        sig_topic_shown(str): a topic is now displayed.
    """

    sig_action_requested = Signal(str, dict)
    sig_topic_shown = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        preferences: Preferences | None = None,
        guide: HelpGuide | None = None,
        ip_lookup: Lookup | None = None,
        open_external: Callable[[QUrl], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        self.setObjectName("helpPane")
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self._prefs = preferences if preferences is not None else Preferences()
        self._guide = guide or HelpGuide()
        self._open_external = open_external or QDesktopServices.openUrl
        self._language = ui_language(self._prefs)
        self._history: list[tuple[str, str]] = []
        self.current_topic = ""
        self.current_anchor = ""

        self.back_button = self._tool_button(
            self.tr("Back"), self.tr("Go back to the previous topic"), self.go_back
        )
        self.home_button = self._tool_button(
            self.tr("Home"), self.tr("Go to the start of the guide"), self.go_home
        )
        self.contents_button = self._tool_button(
            self.tr("Contents"), self.tr("Show or hide the contents"), None
        )
        self.contents_button.setCheckable(True)
        self.contents_button.setChecked(True)
        self.language_box = QComboBox()
        self.language_box.setToolTip(self.tr("Language of the guide"))
        self.language_box.setAccessibleName(self.tr("Language of the guide"))
        for code in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.language_box.setCurrentIndex(LANGUAGES.index(self._language))
        self.language_box.currentIndexChanged.connect(self._on_language_box_changed)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for button in (self.back_button, self.home_button, self.contents_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.language_box)

        self.contents = QTreeWidget()
        self.contents.setHeaderHidden(True)
        self.contents.setAccessibleName(self.tr("Help contents"))
        self.contents.itemActivated.connect(self._on_contents_activated)
        self.contents.itemClicked.connect(self._on_contents_activated)
        self.contents_button.toggled.connect(self.contents.setVisible)

        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenLinks(False)  # every click goes through _on_anchor_clicked
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor_clicked)

        self.ip_panel = PublicIpPanel(lookup=ip_lookup)
        self.ip_panel.setVisible(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.ip_panel)
        self.setWidget(body)

        self._fill_contents()
        self.show_topic(HOME_TOPIC, remember=False)

    # --- public -------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        """Show the guide in another language (``"fr"`` or ``"en"``) and remember the choice."""
        language = pick_language(language)
        self._prefs.set(LANGUAGE, language)
        if language == self._language:
            return
        self._language = language
        self.language_box.blockSignals(True)
        self.language_box.setCurrentIndex(LANGUAGES.index(language))
        self.language_box.blockSignals(False)
        self._fill_contents()
        self._render(self.current_topic, self.current_anchor)

    def show_topic(self, topic_id: str, anchor: str = "", *, remember: bool = True) -> None:
        """Show a topic (and scroll to a heading anchor); an unknown topic shows the start page."""
        if not self._guide.has_topic(topic_id):
            topic_id, anchor = HOME_TOPIC, ""
        if remember and self.current_topic and (topic_id, anchor) != self._here():
            self._history.append(self._here())
        self._render(topic_id, anchor)

    def go_back(self) -> None:
        if self._history:
            topic_id, anchor = self._history.pop()
            self._render(topic_id, anchor)

    def go_home(self) -> None:
        self.show_topic(HOME_TOPIC)

    def show_public_ip_panel(self, *, start: bool = False) -> None:
        """Reveal the public IP panel; ``start`` also runs the lookup (the user asked for it)."""
        self.ip_panel.setVisible(True)
        if start:
            self.ip_panel.start_lookup()

    # --- rendering ----------------------------------------------------------------------------
    def _here(self) -> tuple[str, str]:
        return (self.current_topic, self.current_anchor)

    def _render(self, topic_id: str, anchor: str) -> None:
        try:
            topic = self._guide.topic(topic_id, self._language)
        except NotFound as error:
            self.browser.setPlainText(core_text(error.message))
            return
        anchor = self._guide.anchor_in(topic_id, anchor, topic.language)
        self.current_topic, self.current_anchor = topic_id, anchor
        self.browser.setMarkdown(topic.display_markdown())
        self._polish_headings()
        self.back_button.setEnabled(bool(self._history))
        self.ip_panel.setVisible(topic_id in IP_TOPICS or self.ip_panel.busy)
        self._select_in_contents(topic_id)
        self._scroll_to(anchor)
        if anchor:  # again once the layout has settled (the pane may just have been shown)
            QTimer.singleShot(0, self, self._scroll_again)
        self.sig_topic_shown.emit(topic_id)

    def _scroll_again(self) -> None:
        if self.current_anchor:
            self._scroll_to(self.current_anchor)

    def _polish_headings(self) -> None:
        """Headings sized for a narrow pane, with air above them."""
        base = self.browser.font().pointSizeF()
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level > 0:
                cursor = QTextCursor(block)
                block_format = block.blockFormat()
                block_format.setTopMargin(4 if level == 1 else 12)
                block_format.setBottomMargin(4)
                cursor.setBlockFormat(block_format)
                size = base * _HEADING_SCALE.get(level, 1.0)
                fragments = block.begin()
                while not fragments.atEnd():
                    fragment = fragments.fragment()
                    char_format = fragment.charFormat()
                    char_format.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                    char_format.setFontPointSize(size)
                    char_format.setFontWeight(QFont.Weight.Bold)
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(char_format)
                    fragments += 1
            block = block.next()

    def _scroll_to(self, anchor: str) -> None:
        if not anchor:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            self.browser.verticalScrollBar().setValue(0)
            return
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and slugify(block.text()) == anchor:
                self.browser.setTextCursor(QTextCursor(block))
                top = document.documentLayout().blockBoundingRect(block).top()
                self.browser.verticalScrollBar().setValue(int(top))
                return
            block = block.next()

    def _fill_contents(self) -> None:
        self.contents.clear()
        for section in self._guide.toc(self._language):
            parent = QTreeWidgetItem([section.title])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            for entry in section.entries:
                child = QTreeWidgetItem([entry.title])
                child.setData(0, _TOPIC_ROLE, entry.topic_id)
                child.setToolTip(0, entry.title)
                parent.addChild(child)
            self.contents.addTopLevelItem(parent)
        self.contents.expandAll()
        if self.current_topic:
            self._select_in_contents(self.current_topic)

    def _select_in_contents(self, topic_id: str) -> None:
        for i in range(self.contents.topLevelItemCount()):
            section = self.contents.topLevelItem(i)
            if section is None:
                continue
            for j in range(section.childCount()):
                item = section.child(j)
                if item is not None and item.data(0, _TOPIC_ROLE) == topic_id:
                    self.contents.setCurrentItem(item)
                    return

    def _tool_button(self, text: str, tip: str, slot: Callable[[], None] | None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # --- slots --------------------------------------------------------------------------------
    def _on_anchor_clicked(self, url: QUrl) -> None:
        link = parse_link(url.toString())
        if link.kind == "topic":
            self.show_topic(link.target or self.current_topic, link.anchor)
        elif link.kind == "action":
            if link.target == "show-public-ip":
                self.show_public_ip_panel(start=True)
            self.sig_action_requested.emit(link.target, dict(link.params))
        elif link.kind == "external" and url.scheme() == "https":
            self._open_external(url)

    def _on_contents_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        topic_id = item.data(0, _TOPIC_ROLE)
        if topic_id:
            self.show_topic(str(topic_id))

    def _on_language_box_changed(self, index: int) -> None:
        self.set_language(str(self.language_box.itemData(index)))
