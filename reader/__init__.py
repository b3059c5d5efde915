"""margin-reader: read news articles in a terminal and annotate them by keyboard."""

__version__ = "0.1.0"
