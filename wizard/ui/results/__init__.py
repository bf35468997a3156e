"""The results screen: scores, the gaps that cost most, and the action plan editor."""

from wizard.ui.results.results_page import ResultsPage

__all__ = ["ResultsPage"]
