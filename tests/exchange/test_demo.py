"""The offline demo: one platform, one sample Ghost bot, created once."""

from __future__ import annotations

from crypty_desktop.app import Core
from crypty_desktop.demo import DEMO_NAME, SAMPLE_BOT_NAME, ensure_demo
from crypty_desktop.domain.bots import BotKind
from crypty_desktop.domain.platform import PlatformType


def test_demo_is_created_once_with_a_stopped_sample_ghost_bot(core: Core) -> None:
    first = ensure_demo(core.platforms, core.bots)
    second = ensure_demo(core.platforms, core.bots)
    assert first == second and first.type is PlatformType.SIMULATED and first.name == DEMO_NAME
    [bot] = core.bots.list()
    assert (bot.name, bot.kind, bot.platform_id) == (SAMPLE_BOT_NAME, BotKind.GHOST, first.id)
    assert core.bot_store.state(bot.id)[0].value == "stopped"


def test_a_removed_sample_bot_is_not_forced_back_when_other_bots_exist(core: Core) -> None:
    demo = ensure_demo(core.platforms, core.bots)
    sample = core.bots.find(SAMPLE_BOT_NAME)
    core.bots.create(
        name="mine",
        platform_name=demo.name,
        kind=BotKind.GHOST,
        symbol="BTCUSDT",
        strategy="rsi",
        budget="100",
    )
    core.bots.remove(sample)
    ensure_demo(core.platforms, core.bots)
    assert [b.name for b in core.bots.list()] == ["mine"]
