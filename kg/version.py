"""The package version, in one place (the store records it, `kg --version` prints it)."""

__version__ = "0.1.0"
