"""margin-reader: read news articles in a terminal and annotate them by keyboard."""

__version__ = "0.1.0"

APP_NAME = "margin-reader"  # the folder name of its data, state and cache directories
