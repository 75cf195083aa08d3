"""bilat's command line: parse, call one library function, print.

Data goes to stdout (JSON Lines, CSV or a table), progress and messages to stderr. The
exit status is 0 when every input was processed, 1 when any was set aside, 2 on a usage
or configuration error.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import click
import typer
import typer.core

from bilat import __version__, lexicon
from bilat.config import Settings
from bilat.errors import BilatError, UsageError
from bilat.record import Article, SetAside

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


try:
    from typer._coercion import RuntimeParam
except ImportError:  # pragma: no cover - a Typer that does not coerce through pydantic
    RuntimeParam = None  # type: ignore[assignment,misc]

#: Annotations whose values Click already parses as they are meant to be kept.
_PLAIN_ANNOTATIONS = (str, list[str], bool)

if RuntimeParam is not None:
    @dataclasses.dataclass(frozen=True)
    class _Plain(RuntimeParam):
        """A string, list of strings or flag kept as Click parsed it: Typer would build a
        pydantic TypeAdapter for it, and importing pydantic takes 0.1 s of every start."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return list(value) if isinstance(value, tuple) else value


def _plain_coercion(params: list[click.Parameter]) -> None:
    for p in params:
        desc = getattr(p, "type_descriptor", None)
        if (RuntimeParam is None or desc is None or desc.file_annotation is not None
                or getattr(p, "_runtime_param", True) is not None
                or not any(desc.annotation == a for a in _PLAIN_ANNOTATIONS)):
            continue
        p._runtime_param = _Plain(  # type: ignore[attr-defined]
            annotation=desc.annotation, parameter_info=desc.parameter_info)


def _reflow(help_text: str) -> str:
    """A docstring's paragraphs each on one line: the help wraps them to the terminal, and
    the docstring's own line breaks would otherwise break its lines in the middle."""
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", help_text.strip()))


class _NoFlagTypes:
    """Typer shows "<bool>" beside its --help flag; bilat's help shows no type for flags.
    Help texts are reflowed (``_reflow``), and arguments show their name, not a Python type
    ("PATH", not "PATH <list[str]>")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        if self.help:  # type: ignore[has-type]
            self.help = _reflow(self.help)  # type: ignore[has-type]
        for param in self.params:  # type: ignore[attr-defined]
            if isinstance(param, typer.core.TyperArgument):
                param.display_type_rich = lambda ctx: None  # type: ignore[attr-defined]

    def get_help_option(self, ctx: click.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = ""
        return option

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _plain_coercion(self.get_params(ctx))  # type: ignore[attr-defined]
        return super().parse_args(ctx, args)  # type: ignore[misc]


class _Group(_NoFlagTypes, typer.core.TyperGroup):
    pass


class _Command(_NoFlagTypes, typer.core.TyperCommand):
    pass


app = typer.Typer(
    name="bilat",
    help="Relations between countries and industries, coded from the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Group,
)
#: ``@command()``: a subcommand whose help shows no type beside its flags.
command = functools.partial(app.command, cls=_Command)


@functools.cache
def _err() -> Console:
    """The stderr console, made (and rich imported) when first needed, not at start-up."""
    from rich.console import Console

    # soft_wrap: messages are never hard-wrapped, so a log or a pipe keeps each one on one
    # line whatever the terminal width or the length of the paths in it.
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _say(message: str, style: str | None = None) -> None:
    """One message to stderr, taken as plain text (a path may hold "[…]"), never wrapped."""
    from rich.text import Text

    _err().print(Text(message, style=style or ""), soft_wrap=True)
logger = logging.getLogger("bilat")
STATE = {"debug": False}

EXIT_SET_ASIDE = 1
EXIT_USAGE = 2


def _settings() -> Settings:
    return Settings.load()


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"bilat {__version__}")
        raise typer.Exit(0)


#: No metavar for flags: Typer would show "<bool>" beside every one.
FLAG = {"metavar": ""}


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.",
                                        **FLAG)] = False,
    # eager: runs while the options are parsed, so `bilat --version` needs no command
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.",
                                          callback=_print_version, is_eager=True,
                                          **FLAG)] = False,
) -> None:
    STATE["debug"] = debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@contextmanager
def _reported() -> Iterator[None]:
    """Coded errors are printed without a traceback (unless --debug) and exit 2."""
    try:
        yield
    except BilatError as exc:
        if STATE["debug"]:
            raise
        _say(str(exc), "red")
        raise typer.Exit(EXIT_USAGE) from exc


def _country(value: str) -> str:
    """An ISO alpha-3 code from a code or a name ("AZE", "aze", "Azerbaijan")."""
    v = value.strip()
    table = lexicon.countries()
    if v.upper() in table:
        return v.upper()
    for code, c in table.items():
        if v.lower() in (n.lower() for n in c.names):
            return code
    raise UsageError(f"unknown country {value!r}; give an ISO 3166 alpha-3 code such as AZE")


def _count(n: int, noun: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class _Tally:
    """Counts what a run did, so it can end with one line: the articles, then the
    set-asides with one count per code."""

    def __init__(self) -> None:
        self.processed = 0
        self.codes: Counter[str] = Counter()

    def set_aside(self, item: SetAside) -> None:
        self.codes[item.code] += 1
        _say(item.message, "yellow")

    def summary(self, done: str) -> int:
        """Print e.g. "16 articles processed, 3 set aside (BL-E003: 1, BL-E005: 2)";
        the exit status: 1 if anything was set aside, else 0."""
        line = f"{_count(self.processed, 'article')} {done}"
        if self.codes:
            line += (f", {sum(self.codes.values())} set aside ("
                     + ", ".join(f"{code}: {n}" for code, n in sorted(self.codes.items()))
                     + ")")
        _say(line)
        return EXIT_SET_ASIDE if self.codes else 0


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                  TextColumn("{task.fields[rate]:.1f}/s"), TimeElapsedColumn(),
                  console=_err(), transient=True) as progress:
        yield progress


class _Skipped(str):
    """The id of an article that was already stored and so was not processed again."""


def _processed(paths: list[str], show_progress: bool | None,
               done: Callable[[Article], bool] | None = None
               ) -> Iterator[Article | SetAside | _Skipped]:
    """Read and process. Articles for which ``done(article)`` is true (already stored: a
    rerun after an interruption) are not extracted again; they are yielded as ``_Skipped``."""
    from bilat.pipeline import Pipeline, read

    pipeline = Pipeline(batch_size=_settings().batch_size)
    skipped: list[str] = []

    def todo() -> Iterator[Article | SetAside]:
        for item in read(paths):
            if done is not None and isinstance(item, Article) and done(item):
                skipped.append(item.id)
                continue
            yield item

    with _progress(_progress_on(show_progress)) as progress:
        task = progress.add_task("processing", total=None, rate=0.0) if progress else None
        for item in pipeline.process_many(todo()):
            while skipped:
                yield _Skipped(skipped.pop(0))
            if progress is not None and task is not None:
                progress.advance(task)
                t = progress.tasks[0]
                elapsed = t.elapsed or 1e-9
                progress.update(task, rate=t.completed / elapsed)
            yield item
        for article_id in skipped:
            yield _Skipped(article_id)


ProgressOpt = Annotated[bool | None, typer.Option(
    "--progress/--no-progress", show_default=False, **FLAG,
    help="Show a progress bar on stderr, or not (default: when stderr is a terminal).")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, directories or globs; - for stdin.",
                                               metavar="PATH")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", metavar="URL", help="Database URL (default: $BILAT_DB or sqlite:///bilat.db).")]
ReadDbOpt = Annotated[str | None, typer.Option(
    "--db", metavar="URL", help="Database URL of an existing store (default: $BILAT_DB or "
    "sqlite:///bilat.db); a store that does not exist is an error, never created.")]
PairOpt = Annotated[tuple[str, str] | None, typer.Option(
    "--pair", metavar="A B", help="Two countries, e.g. --pair AZE UZB.")]
ListFormatOpt = Annotated[str, typer.Option("--format", metavar="FORMAT",
                                            help="table or jsonl.")]


def _progress_on(flag: bool | None) -> bool:
    return sys.stderr.isatty() if flag is None else flag


@command()
def repair(
    paths: PathsArg,
) -> None:
    """Print the repaired text of each input (glued words split, hyphenation and whitespace fixed)."""
    global _HARD_EXIT
    _HARD_EXIT = True
    tally = _Tally()
    # The repair keeps some 100k objects in its per-process memos and makes no cycles to
    # speak of: the default collection of young objects (every 700 allocations) traced
    # them again and again, 3-4% of a 500-article run; now about once per 100k.
    threshold = gc.get_threshold()
    gc.set_threshold(REPAIR_GC_THRESHOLD, *threshold[1:])
    try:
        _repair_all(paths, tally)
    finally:
        gc.set_threshold(*threshold)
    if tally.codes:
        raise typer.Exit(tally.summary("repaired"))


def _repair_all(paths: list[str], tally: _Tally) -> None:
    """`bilat repair`'s loop: each input's repaired text, counted in ``tally``."""
    from bilat.pipeline import read, repair_article

    with _reported():
        first = True
        for item in read(paths):
            if isinstance(item, SetAside):
                tally.set_aside(item)
                continue
            article = repair_article(item)
            if not first:
                typer.echo("")
            first = False
            if article.title:
                from bilat.pipeline import repair_text

                typer.echo(repair_text(article.title) + "\n")
            typer.echo(article.text)
            tally.processed += 1


@command()
def extract(
    paths: PathsArg,
    progress: ProgressOpt = None,
    text: Annotated[bool, typer.Option("--text/--no-text", help="Include the repaired text.",
                                       **FLAG)] = True,
) -> None:
    """Print one JSON record per article (the record in README.md, "The record"), as
    JSON Lines."""
    tally = _Tally()
    with _reported():
        for item in _processed(paths, progress):
            if isinstance(item, SetAside):
                tally.set_aside(item)
                continue
            d = item.to_dict()
            if not text:
                d.pop("text", None)
                d.pop("raw_text", None)
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            tally.processed += 1
    sys.stdout.flush()
    raise typer.Exit(tally.summary("extracted") if tally.codes else 0)


@command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Process articles and store them. The same text is never stored twice; a text
    whose id another text holds is stored under the id ID~HASH (its id, "~" and the
    first 8 hex digits of its content hash)."""
    from bilat import service
    from bilat.store import Store

    tally = _Tally()
    new = already = renamed = 0
    with _reported():
        url = db or _settings().db
        with Store(url) as store:
            for item, saved in service.save_stream(
                    store, _processed(paths, progress, done=store.holds),
                    batch_size=_settings().store_batch):
                if saved is None:  # _Skipped
                    tally.processed += 1
                    already += 1
                    continue
                tally.processed += isinstance(item, Article)
                if isinstance(saved, SetAside):
                    tally.set_aside(saved)
                    continue
                new += int(saved.stored)
                if saved.renamed_from is not None:
                    renamed += 1
                    _say(f"the id {saved.renamed_from!r} holds another text already; this "
                         f"one is stored as {saved.article_id!r}")
            counts = store.counts()
            safe_url = store.safe_url
    _say(f"stored {new} new of {tally.processed} processed in {safe_url}"
         + (f" ({already} already stored, not extracted again)" if already else "")
         + (f" ({renamed} under a new id: theirs held another text)" if renamed else "")
         + f"; the store holds {_count(counts['articles'], 'article')}, "
         + _count(counts["events"], "event"))
    raise typer.Exit(tally.summary("processed"))


@command()
def events(
    pair: PairOpt = None,
    type_: Annotated[str | None, typer.Option(
        "--type", metavar="TYPE", help="A PLOVER event type, e.g. CONSULT.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Earliest date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="Latest date, inclusive at its precision.")] = None,
    country: Annotated[str | None, typer.Option(
        "--country", metavar="COUNTRY", help="Events involving this country.")] = None,
    modality: Annotated[str | None, typer.Option(
        "--modality", metavar="MODALITY",
        help="asserted, future, potential or negated.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, metavar="N",
                                              help="At most N events.")] = None,
    across: Annotated[bool, typer.Option(
        "--across", help="List events across articles instead: each real event once, "
        "with the number of reports and the first of them, newest first (as GET "
        "/api/events lists them).", **FLAG)] = False,
    fmt: ListFormatOpt = "table",
    db: ReadDbOpt = None,
) -> None:
    """List stored event mentions, one per article that reports the event: who
    (countries and names), what, when, the evidence and the article. --across lists
    events across articles instead."""
    from bilat.store import Store
    from bilat.store.queries import Filters

    with _reported():
        _check_list_format(fmt)
        p, c = _pair_and_country(pair, country)
        # the filters of GET /api/events, checked the same way
        f = Filters(country=c, pair=p, type=type_, modality=modality, since=since,
                    until=until).checked()
        with Store(db or _settings().db, create=False) as store:
            if across:
                rows = list(store.world_events(f, limit))
            else:
                rows = store.events(filters=f, limit=limit)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    _print_table(map(_world_row, rows) if across else rows)


def _world_row(event: dict[str, Any]) -> dict[str, Any]:
    """An event across articles with the keys of a mention's row: the evidence and the
    article are its first report's; ``mention_count`` says how many there are."""
    first = (event.get("mentions") or [{}])[0]
    spans = first.get("evidence") or []
    return {**event, "article_id": first.get("article_id"),
            "article_date": first.get("article_date"),
            "evidence_text": spans[0].get("text") if spans else None}


def _check_list_format(fmt: str) -> None:
    if fmt not in ("table", "jsonl"):
        raise UsageError(f"unknown format {fmt!r}; use table or jsonl")


def _pair_and_country(pair: tuple[str, str] | None, country: str | None
                      ) -> tuple[tuple[str, str] | None, str | None]:
    """``--pair`` and ``--country`` as ISO codes (names and lower case accepted)."""
    return ((_country(pair[0]), _country(pair[1])) if pair else None,
            _country(country) if country else None)


def _parties(countries: list[str], names: list[str]) -> str:
    """"AZE UZB: Samad Bashirli; Akfa Group": the countries, then the names."""
    codes, people = " ".join(countries), "; ".join(names)
    return f"{codes}: {people}" if codes and people else codes or people


def _print_table(rows: Iterable[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("date", "type", "modality", "actors", "recipients", "sectors", "conf",
                "evidence", "article"):
        table.add_column(col, overflow="fold")
    n = 0
    for r in rows:
        n += 1
        table.add_row(r.get("date") or r.get("article_date") or "", r["type"], r["modality"],
                      _parties(r["actor_countries"], r.get("actor_names") or []),
                      _parties(r["recipient_countries"], r.get("recipient_names") or []),
                      " ".join(r["sectors"]), f"{r['confidence']:.2f}",
                      (r.get("evidence_text") or "")[:160], r["article_id"]
                      + (f" (+{r['mention_count'] - 1})" if r.get("mention_count", 1) > 1 else ""))
    # piped output has no terminal width; give the evidence column room to be read
    Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200).print(table)
    _say(_count(n, "event"))


@command()
def export(
    fmt: Annotated[str, typer.Option(
        "--format", metavar="FORMAT", help="jsonl (one article record per line) or csv (one "
        "event per row, with its article and the names of its actors).")] = "jsonl",
    out: Annotated[str | None, typer.Option("--out", metavar="FILE",
                                            help="Output file (default stdout).")] = None,
    what: Annotated[str | None, typer.Option(
        "--what", metavar="WHAT", help="figures: one figure observation per line (jsonl) or "
        "row (csv), across articles, with its sources. Default: articles (jsonl), events "
        "(csv).")] = None,
    db: ReadDbOpt = None,
) -> None:
    """Export the store."""
    from bilat.store import Store
    from bilat.store.series import export_figures

    with _reported():
        if fmt not in ("jsonl", "csv"):
            raise UsageError(f"unknown format {fmt!r}; use jsonl or csv")
        default = "articles" if fmt == "jsonl" else "events"
        if what not in (None, "figures", default):
            raise UsageError(f"--what {what} --format {fmt} is not an export; use --what "
                             f"figures, or --format jsonl for articles and csv for events")
        with Store(db or _settings().db, create=False) as store:
            def write(fh: TextIO) -> int:
                if what == "figures":
                    return export_figures(store.figure_observations(), fmt, fh)
                return store.export(fmt, fh)
            if out is None:
                n = write(sys.stdout)
            else:
                with open(out, "w", encoding="utf-8", newline="") as fh:
                    n = write(fh)
    noun = "figure observation" if what == "figures" else default.rstrip("s")
    _say(f"exported {_count(n, noun)}" + (f" to {out}" if out else ""))


@command()
def figures(
    pair: PairOpt = None,
    country: Annotated[str | None, typer.Option(
        "--country", metavar="COUNTRY", help="All figures of one country, with every "
        "partner.")] = None,
    metric: Annotated[str | None, typer.Option(
        "--metric", metavar="METRIC", help="trade_turnover, exports, imports, investment, "
        "aid, production, price or other.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND",
                                             help="actual, target or forecast.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="PERIOD", help="Periods ending on or after, YYYY[-MM].")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="PERIOD", help="Periods starting on or before, YYYY[-MM].")] = None,
    fmt: ListFormatOpt = "table",
    db: ReadDbOpt = None,
) -> None:
    """Figure series across articles: one line per metric, period and kind, with its sources."""
    from bilat.store import Store

    with _reported():
        _check_list_format(fmt)
        if (pair is None) == (country is None):
            raise UsageError("give either --pair A B or --country C")
        p, c = _pair_and_country(pair, country)
        with Store(db or _settings().db, create=False) as store:
            result = store.figure_series(pair=p, country=c, metric=metric, kind=kind,
                                         since=since, until=until)
    rows = result["series"]
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    _print_figures(rows)
    if result["truncated"]:
        _say("only the first observations are shown; narrow with --metric, --since or "
             "--until")


def _print_figures(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("period", "metric", "countries", "kind", "value", "change", "sources",
                "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        period = r["period"] or (f"as of {r['period_start']}" if r["period_start"] else "undated")
        value = r["value_text"] or "—"
        if r["disputed"]:
            value += " (disputed: " + ", ".join(v["value_text"] for v in r["values"]) + ")"
        change = r["change"] or ""
        if r["change_pct"] is not None:
            change += f" {r['change_pct']:g}%"
        metric = r["metric"] + (f"/{r['label']}" if r["label"] else "")
        countries = r["direction"] or " ".join(r["countries"])
        evidence = r["sources"][0]["evidence"]["text"] if r["sources"] else ""
        table.add_row(period, metric, countries, r["kind"], value, change.strip(),
                      str(r["source_count"]), evidence[:160])
    Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160).print(table)
    _say(_count(len(rows), "figure observation"))


@command()
def serve(
    db: ReadDbOpt = None,
    host: Annotated[str | None, typer.Option(
        "--host", metavar="ADDRESS", help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option("--port", min=1, max=65535, metavar="PORT",
                                             help="Port (default 8000).")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, max=64, metavar="N",
        help="Server processes on the port (default 1); one per core on a multi-core "
             "host.")] = 1,
) -> None:
    """Serve the HTTP API (and the dashboard) with uvicorn."""
    from bilat.api import serve as run

    with _reported():
        run(db=db, host=host, port=port, settings=_settings(), workers=workers)


@command()
def watch(
    feeds: Annotated[str, typer.Argument(
        metavar="FEEDS", help="File of feed URLs, one a line; # starts a comment.")],
    db: DbOpt = None,
    interval: Annotated[float, typer.Option("--interval", min=1.0, metavar="SECONDS",
                                            help="Seconds between polls.")] = 900.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once, then exit (for cron and "
                                       "tests).", **FLAG)] = False,
    allow_private: Annotated[bool | None, typer.Option(
        "--allow-private", show_default=False, **FLAG,
        help="Also fetch pages at loopback, private and other internal addresses outside "
        "the listed feeds' origins (default: refused, BL-E106; setting "
        "watch_allow_private).")] = None,
) -> None:
    """Poll RSS/Atom feeds; fetch, process and store each new item. Stops on Ctrl-C or
    SIGTERM. A page is fetched only over http(s), and at an internal address (loopback,
    private, link-local …) only when it has the origin of a listed feed or with
    --allow-private; other links are set aside (BL-E106)."""
    from bilat.store import Store
    from bilat.watch import RoundReport, Watcher, read_feed_list, stop_on_signals

    def report(r: RoundReport) -> None:
        for message in r.errors:
            _say(message, "yellow")
        _say(r.line())

    with _reported():
        settings = _settings()
        urls = read_feed_list(feeds)
        private = settings.watch_allow_private if allow_private is None else allow_private
        with Store(db or settings.db) as store, \
                Watcher(urls, store, allow_private=private) as watcher, \
                stop_on_signals() as stop:
            try:
                if once:
                    r = watcher.poll_once(stop)
                    report(r)
                    raise typer.Exit(EXIT_SET_ASIDE if r.failed else 0)
                watcher.run(interval, stop, on_round=report)
            except KeyboardInterrupt:  # a second Ctrl-C: every committed item is safe
                _say("interrupted; whatever was not stored is queued for the next run")
                raise typer.Exit(130) from None
    _say("stopped; whatever was not stored is queued for the next run")


def _advance(progress: Progress | None, n: int) -> None:
    """Move the progress bar of ``_progress`` on by ``n`` articles and update the rate."""
    if progress is None or not progress.tasks:
        return
    t = progress.tasks[0]
    progress.advance(t.id, n)
    progress.update(t.id, rate=t.completed / (t.elapsed or 1e-9))


@command()
def batch(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", help="JSON Lines, Parquet or any input `extract` reads.")],
    out: Annotated[str, typer.Option("--out", metavar="DIR", help="Output directory: a "
                                     "Parquet file per table per partition.")],
    engine: Annotated[str, typer.Option("--engine", metavar="ENGINE",
                                        help="local (this process) or dask.")] = "dask",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="ADDRESS",
        help="Address of a running Dask scheduler (default: start a local cluster).")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, metavar="N",
        help="Worker processes of the local cluster (default: one per core).")] = None,
    partition_size: Annotated[int, typer.Option("--partition-size", min=1, metavar="N",
                                                help="Articles per partition.")] = 32,
    progress: ProgressOpt = None,
) -> None:
    """Process many articles into Parquet tables, on a Dask cluster; a rerun resumes."""
    from bilat.batch import run

    tally = _Tally()
    with _reported(), _progress(_progress_on(progress)) as bar:
        if bar is not None:
            bar.add_task("processing", total=None, rate=0.0)
        result = run(paths, out, engine=engine, scheduler=scheduler, workers=workers,
                     partition_size=partition_size,
                     on_partition=lambda marker, _reused: _advance(bar, marker["items"]))
    tally.processed = result.articles
    tally.codes.update(result.set_aside)
    _say(f"wrote {_count(result.partitions, 'partition')} ({result.reused} from an earlier "
         f"run) to {result.out} in {result.seconds:.1f} s; "
         + ", ".join(f"{n} {t}" for t, n in result.rows.items()))
    raise typer.Exit(tally.summary("processed"))


@command()
def load(
    out: Annotated[str, typer.Argument(metavar="DIR",
                                       help="The --out directory of `bilat batch`.")],
    db: DbOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, metavar="N",
                                            help="Articles stored per transaction.")] = 200,
    progress: ProgressOpt = None,
) -> None:
    """Store the output of `bilat batch`, as `bilat ingest` stores: the same text is never
    stored twice, a text whose id another text holds is stored under ID~HASH."""
    from bilat.batch import load as load_output

    tally = _Tally()
    with _reported(), _progress(_progress_on(progress)) as bar:
        if bar is not None:
            bar.add_task("loading", total=None, rate=0.0)
        result = load_output(out, db or _settings().db, batch_size=batch_size,
                             on_loaded=lambda articles, _rows: _advance(bar, articles))
    tally.processed = result.articles
    tally.codes.update(result.set_aside)
    _say(f"loaded {_count(result.rows, 'row')} in {result.seconds:.1f} s "
         f"({result.rows_per_second:.0f} rows/s); stored {result.stored} new of "
         f"{_count(result.articles, 'article')} in {result.db}"
         + (f" ({result.renamed} under a new id: theirs held another text)"
            if result.renamed else "")
         + f"; the store holds {_count(result.counts['articles'], 'article')}, "
         f"{_count(result.counts['events'], 'event')}")
    raise typer.Exit(tally.summary("loaded"))


# Set by a command whose process may end without the interpreter's teardown: freeing
# `bilat repair`'s lexicon memos and caches object by object took about 0.09 s of a
# 1.5 s run (the 500-article sample of bench/startup). The exit handlers still run and
# the output is flushed first; only the freeing of memory the OS reclaims is skipped.
_HARD_EXIT = False
# gen-0 threshold of the collector while `bilat repair` runs (default 700)
REPAIR_GC_THRESHOLD = 100_000


def _hard_exit(code: int) -> None:
    """End the process now with ``code``, as mypy does after a run (``util.hard_exit``)."""
    import atexit
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # a closed pipe: the interpreter's own exit reports it as usual
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def main() -> None:
    try:
        app()
    except SystemExit as exc:
        if _HARD_EXIT and (exc.code is None or isinstance(exc.code, int)):
            _hard_exit(exc.code or 0)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
