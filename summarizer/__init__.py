"""change-summarizer: explain how terms of service and privacy policies change."""

from summarizer.about import DISCLAIMER, __version__

__all__ = ["DISCLAIMER", "__version__"]
