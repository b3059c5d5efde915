"""Getting the news: fetching pages and feeds, extracting articles, saving them to a library.

Pure core (no `textual`). The heavy libraries (httpx, trafilatura, feedparser) are imported
inside the functions that use them, so importing this package costs nothing.
"""
