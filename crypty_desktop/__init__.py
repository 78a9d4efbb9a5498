"""Crypty Desktop: run crypto trading bots on your own Binance account from your own computer."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("crypty-desktop")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

APP_NAME = "Crypty Desktop"
APP_ID = "crypty-desktop"
