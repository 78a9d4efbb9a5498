"""A bot's wallet with fees paid in the pair's assets and in BNB (neither asset of the pair)."""

from __future__ import annotations

from decimal import Decimal

from crypty_desktop.bots.wallet import Wallet
from crypty_desktop.domain.orders import Fill, Side

D = Decimal


def fill(side: Side, qty: str, price: str, fee: str, asset: str, fee_quote: str | None) -> Fill:
    return Fill(
        "BTCUSDT",
        side,
        D(price),
        D(qty),
        D(fee),
        asset,
        0,
        "cid",
        fee_quote=None if fee_quote is None else D(fee_quote),
    )


def test_bnb_fees_leave_the_pair_untouched_and_count_in_the_pnl() -> None:
    wallet = Wallet(quote=D("1000"))
    # Buy 0.01 BTC at 50,000: 500 USDT; fee 0.000625 BNB worth 0.375 USDT when paid.
    wallet.apply(fill(Side.BUY, "0.01", "50000", "0.000625", "BNB", "0.375"), "BTC", "USDT", False)
    assert wallet.base == D("0.01") and wallet.quote == D("500")  # no BTC or USDT taken as fee
    assert wallet.equity(D("50000")) == D("999.625")  # the BNB spent is a cost of the bot
    # Sell it all at 51,000: 510 USDT; fee 0.00063 BNB worth 0.3825 USDT.
    wallet.apply(fill(Side.SELL, "0.01", "51000", "0.00063", "BNB", "0.3825"), "BTC", "USDT", False)
    assert wallet.quote == D("1010") and wallet.base == 0
    assert wallet.fees_quote == D("0.7575")
    assert wallet.realised == D("10") - D("0.7575")
    assert wallet.equity(D("51000")) == D("1000") + wallet.realised


def test_fees_in_the_received_asset_are_unchanged() -> None:
    wallet = Wallet(quote=D("1000"))
    wallet.apply(fill(Side.BUY, "0.01", "50000", "0.00001", "BTC", None), "BTC", "USDT", False)
    assert wallet.base == D("0.00999") and wallet.fees_quote == D("0.5")
    assert wallet.fees_elsewhere == 0
