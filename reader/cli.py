"""The `reader` command: open the app, or run a scripting verb.

The scripting verbs (`parse`, `annotate`, `annotations`, `export`, `import`) never import
`textual`, so they start fast; only opening the app does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.cli_text import check_text_arguments
from reader.document.decode import one_line
from reader.errors import ReaderError

VERBS = (
    "parse",
    "annotate",
    "annotations",
    "export",
    "import",
    "search",
    "add",
    "feeds",
    "refresh",
    "diff",
    "history",
    "sync",
    "merge-sidecar",
)

APP_DESCRIPTION = """\
Read news articles in the terminal and annotate them by keyboard.

  reader                 open the sample library (copied to your data folder)
  reader FILE            open one article or saved page (its folder is the library)
  reader FOLDER          open a library of .txt/.md/.markdown/.html/.htm files
  reader URL             fetch an article into the library (as `reader add`), open it

scripting verbs (no screen):
  reader parse PATH                        print the document model as JSON
  reader annotate PATH --quote TEXT ...    add an annotation, print its id
  reader annotations PATH                  list annotations, one per line
  reader export PATH [--format ...]        export notes (Markdown, W3C, ClaimReview, dossier)
  reader import PATH FILE                  import W3C Web Annotations
  reader search QUERY [--library FOLDER]   articles of the library holding every word

getting the news (see README, "Getting the news"):
  reader add SOURCE... [--library FOLDER]  save articles from URLs, saved pages or feeds
  reader feeds add|list|remove|import|export|update  feed subscriptions
  reader refresh [--days 7]                update the feeds, re-check recent articles
  reader diff FILE                         what changed since the last revision
  reader history FILE                      the stored revisions of an article

one library on many machines (see README, "Syncing a library"):
  reader sync [--library FOLDER]           commit, fetch, merge and push through git
  reader sync --init REMOTE                make the library a repository syncing with REMOTE
"""


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description=APP_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("path", nargs="?", help="an article file or a folder of articles")
    return parser


def _verb_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reader")
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    verbs = parser.add_subparsers(dest="verb", required=True)

    def verb(name: str, help: str) -> argparse.ArgumentParser:
        return verbs.add_parser(name, help=help)

    p = verb("parse", help="print the document model of an article as JSON")
    p.add_argument("path")
    p.add_argument("--indent", type=int, default=2, help="JSON indent (0 for one line)")

    p = verb("annotate", help="add an annotation to an article")
    p.add_argument("path")
    p.add_argument("--quote", required=True, help="the text to highlight")
    p.add_argument(
        "--occurrence", type=int, help="which occurrence (1-based), when the quote is not unique"
    )
    p.add_argument("--category", default="claim", help="claim|evidence|question|disputed|quote")
    p.add_argument("--note", default="", help="the note (Markdown)")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.add_argument("--status", help="the verdict: " + "|".join(_statuses()))
    p.add_argument("--rationale", help="why (one line)")
    p.add_argument(
        "--evidence",
        action="append",
        default=[],
        metavar="URL_OR_ID",
        help="a URL, a highlight id of the article, or FILE#ID (repeatable)",
    )
    p.add_argument(
        "--accept-wording", action="store_true", help="clear an edited highlight's edited mark"
    )

    p = verb("annotations", help="list an article's annotations")
    p.add_argument("path")
    p.add_argument(
        "--json", action="store_true", help="one JSON object a line, attribution included"
    )

    p = verb("export", help="export notes for an article or a library")
    p.add_argument("path", help="an article file or a library folder")
    p.add_argument(
        "--format",
        choices=("markdown", "w3c", "claimreview", "dossier"),
        default="markdown",
        help="markdown (default), w3c (Web Annotation JSON), claimreview (schema.org JSON), "
        "dossier (Markdown of the claims given a verdict)",
    )
    p.add_argument(
        "--group-by",
        choices=("order", "category", "library-category"),
        default="order",
        help="reading order, or by category within each article; library-category (a "
        "folder): one section per category across the library, each entry naming its article",
    )
    p.add_argument(
        "-o",
        "--output",
        help="write to this file instead of stdout (replaced atomically; a FIFO or a device "
        "is written to as a stream; - is stdout)",
    )

    p = verb("import", help="import W3C Web Annotations into an article's sidecar")
    p.add_argument("path")
    p.add_argument("file")

    p = verb("search", help="search the full text of the library's articles")
    p.add_argument("query", help="words that must all occur (word* for a prefix)")
    p.add_argument("--library", metavar="FOLDER", help="the library folder (default: reader's)")
    _news_verbs(verb)
    return parser


def _statuses() -> tuple[str, ...]:
    from reader.annotations.verdicts import STATUSES

    return STATUSES


def _news_verbs(verb) -> None:  # type: ignore[no-untyped-def]
    def library(p: argparse.ArgumentParser) -> None:
        p.add_argument("--library", metavar="FOLDER", help="the library folder (default: reader's)")

    def timeout(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--timeout", type=_seconds, default=20.0, metavar="S", help="per fetch (default 20)"
        )

    p = verb("add", help="save articles from URLs, saved .html pages or feeds to the library")
    p.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="an http(s) URL of an article or a feed, a saved .html/.htm page, a feed file, "
        "or - (URLs one a line, or a page, on stdin)",
    )
    library(p)
    timeout(p)

    p = verb("feeds", help="feed subscriptions of the library")
    feeds = p.add_subparsers(dest="feeds_verb", required=True)
    for name, text in (
        ("add", "subscribe to a feed"),
        ("remove", "unsubscribe from a feed"),
        ("list", "list the subscribed feeds"),
        ("import", "subscribe to the feeds of an OPML file"),
        ("export", "print the subscriptions as OPML"),
        ("update", "fetch every subscribed feed: add new items, re-fetch changed ones"),
    ):
        sub = feeds.add_parser(name, help=text)
        if name in ("add", "remove"):
            sub.add_argument("url")
        if name == "import":
            sub.add_argument("file")
        library(sub)
        if name in ("add", "update"):
            timeout(sub)

    p = verb("refresh", help="update the feeds and re-check the articles of the last days")
    p.add_argument(
        "--days", type=_days, default=7.0, help="re-check articles fetched this recently (7)"
    )
    library(p)
    timeout(p)

    p = verb("diff", help="show what changed in an article since its last stored revision")
    p.add_argument("path")
    p = verb("history", help="list the stored revisions of an article")
    p.add_argument("path")

    p = verb("sync", help="sync the library through git: commit, fetch, merge, push")
    p.add_argument("--init", metavar="REMOTE", help="make the library a repository first")
    library(p)
    p = verb("merge-sidecar", help="git's merge driver for sidecars (%%O %%A %%B %%P)")
    for name in ("base", "ours", "theirs", "path"):
        p.add_argument(name)


def _days(value: str) -> float:
    try:
        days = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {value!r}") from None
    if not 0 <= days <= 36500:
        raise argparse.ArgumentTypeError("must be from 0 to 36500 days")
    return days


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 3600 seconds")
    return seconds


def _run_verb(args: argparse.Namespace) -> int:
    if args.verb == "parse":
        from reader.document.serialize import parse_command

        return parse_command(args.path, indent=args.indent)
    if args.verb == "annotate":
        from reader.annotations.scripting import annotate_command

        return annotate_command(
            args.path,
            quote=args.quote,
            occurrence=args.occurrence,
            category=args.category,
            note=args.note,
            tags=args.tag,
            status=args.status,
            rationale=args.rationale,
            evidence=args.evidence,
            accept_wording=args.accept_wording,
        )
    if args.verb == "annotations":
        from reader.annotations.scripting import annotations_command

        return annotations_command(args.path, as_json=args.json)
    if args.verb == "export":
        from reader.export.command import export_command

        return export_command(
            args.path, fmt=args.format, group_by=args.group_by, output=args.output
        )
    if args.verb == "import":
        from reader.export.import_command import import_command

        return import_command(args.path, args.file)
    if args.verb in ("sync", "merge-sidecar"):
        return _run_sync_verb(args)
    if args.verb == "search":
        from reader.search_command import search_command

        return search_command(args.query, args.library)
    return _run_news_verb(args)


def _run_sync_verb(args: argparse.Namespace) -> int:
    from reader.sync import command as sync

    if args.verb == "merge-sidecar":
        return sync.merge_sidecar_command(args.base, args.ours, args.theirs, args.path)
    from reader.sample_library import sample_library_dir

    library = Path(args.library) if args.library else sample_library_dir()
    return sync.sync_command(library, args.init)


def _run_news_verb(args: argparse.Namespace) -> int:
    # httpx, trafilatura and feedparser load only under these verbs.
    from reader.news import command

    if args.verb == "add":
        return command.add_command(args.sources, args.library, args.timeout)
    if args.verb == "refresh":
        return command.refresh_command(args.library, args.days, args.timeout)
    if args.verb == "diff":
        return command.diff_command(args.path)
    if args.verb == "history":
        return command.history_command(args.path)
    if args.verb != "feeds":
        raise AssertionError(args.verb)
    return _run_feeds_verb(args, command)


def _run_feeds_verb(args: argparse.Namespace, command) -> int:  # type: ignore[no-untyped-def]
    sub = args.feeds_verb
    if sub == "add":
        return command.feeds_add_command(args.url, args.library, args.timeout)
    if sub == "update":
        return command.feeds_update_command(args.library, args.timeout)
    if sub == "remove":
        return command.feeds_remove_command(args.url, args.library)
    if sub == "import":
        return command.feeds_import_command(args.file, args.library)
    if sub == "export":
        return command.feeds_export_command(args.library)
    return command.feeds_list_command(args.library)


def _run_app(path: str | None) -> int:
    from reader.launch import launch

    return launch(path)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in VERBS:
            from reader.standard_output import checked_stdout

            args = _verb_parser().parse_args(argv)
            check_text_arguments(args)
            with checked_stdout():
                return _run_verb(args)
        args = _app_parser().parse_args(argv)
        check_text_arguments(args)
        return _run_app(args.path)
    except ReaderError as error:
        print(f"reader: error: {one_line(str(error))}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
