"""The package's version and the disclaimer every record carries (the bottom of the import graph)."""

__version__ = "0.1.0"

DISCLAIMER = (
    "This record describes what the text of the documents says and how it changed. "
    "It is not legal advice or a legal determination."
)
