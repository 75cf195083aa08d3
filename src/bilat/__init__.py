"""bilat: relations between countries and industries, coded from the news."""

__version__ = "0.1.0"
