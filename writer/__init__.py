"""writer: weekly AI-model usage data → a bilingual trends post with every number checked."""

__version__ = "0.1.0"
