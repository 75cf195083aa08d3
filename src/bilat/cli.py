"""bilat's command line: parse, call one library function, print.

Data goes to stdout (JSON Lines, CSV or a table), progress and messages to stderr. The
exit status is 0 when every input was processed, 1 when any was set aside, 2 on a usage
or configuration error.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bilat import __version__, lexicon
from bilat.config import Settings
from bilat.errors import BilatError, UsageError
from bilat.record import Article, SetAside

app = typer.Typer(
    name="bilat",
    help="Relations between countries and industries, coded from the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
logger = logging.getLogger("bilat")
STATE = {"debug": False}

EXIT_SET_ASIDE = 1
EXIT_USAGE = 2


def _settings() -> Settings:
    return Settings.load()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    STATE["debug"] = debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if version:
        typer.echo(f"bilat {__version__}")
        raise typer.Exit(0)


@contextmanager
def _reported() -> Iterator[None]:
    """Coded errors are printed without a traceback (unless --debug) and exit 2."""
    try:
        yield
    except BilatError as exc:
        if STATE["debug"]:
            raise
        err.print(f"[red]{exc}[/red]", soft_wrap=True)
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


class _Tally:
    """Counts what a run did, so it can end with one line per outcome."""

    def __init__(self) -> None:
        self.processed = 0
        self.codes: Counter[str] = Counter()

    def set_aside(self, item: SetAside) -> None:
        self.codes[item.code] += 1
        err.print(f"[yellow]{item.message}[/yellow]", soft_wrap=True)

    def summary(self, what: str) -> int:
        parts = [f"{self.processed} {what}"]
        parts += [f"{n} set aside ({code})" for code, n in sorted(self.codes.items())]
        err.print(", ".join(parts))
        return EXIT_SET_ASIDE if self.codes else 0


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                  TextColumn("{task.fields[rate]:.1f}/s"), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        yield progress


def _processed(paths: list[str], show_progress: bool) -> Iterator[Article | SetAside]:
    from bilat.pipeline import Pipeline, read

    pipeline = Pipeline()
    with _progress(show_progress) as progress:
        task = progress.add_task("processing", total=None, rate=0.0) if progress else None
        for item in pipeline.process_many(read(paths)):
            if progress is not None and task is not None:
                progress.advance(task)
                t = progress.tasks[0]
                elapsed = t.elapsed or 1e-9
                progress.update(task, rate=t.completed / elapsed)
            yield item


ProgressOpt = Annotated[bool, typer.Option("--progress/--no-progress",
                                           help="Progress bar on stderr (default: when stderr is a terminal).")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, directories or globs; - for stdin.")]
DbOpt = Annotated[str | None, typer.Option("--db", help="Database URL (default: $BILAT_DB or sqlite:///bilat.db).")]


@app.command()
def repair(
    paths: PathsArg,
) -> None:
    """Print the repaired text of each input (glued words split, hyphenation and whitespace fixed)."""
    from bilat.pipeline import read, repair_article

    tally = _Tally()
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
    if tally.codes:
        raise typer.Exit(tally.summary("repaired"))


@app.command()
def extract(
    paths: PathsArg,
    progress: ProgressOpt = sys.stderr.isatty(),
    text: Annotated[bool, typer.Option("--text/--no-text", help="Include the repaired text.")] = True,
) -> None:
    """Print one JSON record per article (SPEC.md), as JSON Lines."""
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
    raise typer.Exit(tally.summary("articles extracted") if tally.codes else 0)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    progress: ProgressOpt = sys.stderr.isatty(),
) -> None:
    """Process articles and store them; an article already stored is not stored again."""
    from bilat.store import Store

    tally = _Tally()
    new = 0
    with _reported():
        url = db or _settings().db
        with Store(url) as store:
            for item in _processed(paths, progress):
                if isinstance(item, SetAside):
                    store.set_aside(item)
                    tally.set_aside(item)
                    continue
                tally.processed += 1
                if store.save(item):
                    new += 1
            counts = store.counts()
    err.print(f"stored {new} new of {tally.processed} processed in {url}; the store holds "
              f"{counts['articles']} articles, {counts['events']} events")
    raise typer.Exit(tally.summary("articles processed"))


@app.command()
def events(
    pair: Annotated[tuple[str, str] | None, typer.Option("--pair", help="Two countries, e.g. --pair AZE UZB.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="A PLOVER event type, e.g. CONSULT.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Earliest date, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, typer.Option("--country", help="Events involving this country.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
    db: DbOpt = None,
) -> None:
    """List stored events."""
    from bilat.store import Store

    with _reported():
        if fmt not in ("table", "jsonl"):
            raise UsageError(f"unknown format {fmt!r}; use table or jsonl")
        if type_ is not None and type_.upper() not in lexicon.event_types():
            raise UsageError(f"unknown event type {type_!r}; use one of "
                             + ", ".join(lexicon.event_types()))
        if since is not None:
            _check_date(since)
        p = (_country(pair[0]), _country(pair[1])) if pair else None
        c = _country(country) if country else None
        with Store(db or _settings().db) as store:
            rows = store.events(pair=p, type=type_.upper() if type_ else None, since=since,
                                country=c, limit=limit)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    _print_table(rows)


def _check_date(value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--since {value!r} is not a date; use YYYY-MM-DD") from exc


def _print_table(rows: Iterable[dict]) -> None:
    table = Table(show_lines=False)
    for col in ("date", "type", "modality", "actors", "recipients", "sectors", "conf", "evidence"):
        table.add_column(col, overflow="fold")
    n = 0
    for r in rows:
        n += 1
        table.add_row(r.get("date") or r.get("article_date") or "", r["type"], r["modality"],
                      " ".join(r["actor_countries"]), " ".join(r["recipient_countries"]),
                      " ".join(r["sectors"]), f"{r['confidence']:.2f}",
                      (r.get("evidence_text") or "")[:160])
    Console(soft_wrap=False).print(table)
    err.print(f"{n} events")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl (one article record per line) or csv (one event per row).")] = "jsonl",
    out: Annotated[str | None, typer.Option("--out", help="Output file (default stdout).")] = None,
    db: DbOpt = None,
) -> None:
    """Export the store."""
    from bilat.store import Store

    with _reported():
        if fmt not in ("jsonl", "csv"):
            raise UsageError(f"unknown format {fmt!r}; use jsonl or csv")
        with Store(db or _settings().db) as store:
            if out is None:
                n = store.export(fmt, sys.stdout)
            else:
                with open(out, "w", encoding="utf-8", newline="") as fh:
                    n = store.export(fmt, fh)
    err.print(f"exported {n} {'articles' if fmt == 'jsonl' else 'events'}"
              + (f" to {out}" if out else ""))


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
