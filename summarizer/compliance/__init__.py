"""Compliance analysis (issue #15): which rules of the regulation table a change engages, for whom,
and what a compliance team should check. Offline by default; a model path writes the prose from the
same engaged entries and is verified against the table and the documents.

This package sits beside ``summarizer.analyzers``; it reads records and documents and never changes
what the change analyzers produce.
"""

from __future__ import annotations

from summarizer.compliance.analysis import analyze_compliance, attach_compliance
from summarizer.compliance.table import Regulation, RegulationTable, load_table

__all__ = ["Regulation", "RegulationTable", "analyze_compliance", "attach_compliance", "load_table"]
