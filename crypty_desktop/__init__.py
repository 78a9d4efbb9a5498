"""Crypty Desktop: run crypto trading bots on your own Binance account from your own computer."""

APP_NAME = "Crypty Desktop"
APP_ID = "crypty-desktop"


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata when first asked for: importing
    importlib.metadata costs every command-line run tens of milliseconds otherwise."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("crypty-desktop")
    except PackageNotFoundError:  # running from a source tree that was not installed
        value = "0.0.0+source"
    globals()["__version__"] = value
    return value
