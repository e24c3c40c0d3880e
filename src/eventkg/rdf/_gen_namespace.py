"""Generate :mod:`eventkg.rdf.namespace` from ``ontology/eventkg.ttl``.

Run ``python -m eventkg.rdf._gen_namespace`` after changing the ontology; it rewrites
``src/eventkg/rdf/namespace.py`` with one annotated attribute per ``ekg:`` term, grouped by
OWL type and sorted by name, so the output depends only on the ontology. ``--check`` exits
with status 1 instead of writing when the file is out of date (for CI).
``tests/test_ontology.py`` checks that the committed file equals :func:`render`'s output.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from eventkg.resources import resource_path

__all__ = ["declared_terms", "main", "render"]

EKG_NS = "https://w3id.org/eventkg/ontology#"
NIF_NS = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
SEM_NS = "http://semanticweb.cs.vu.nl/2009/11/sem/"

_LINE_LENGTH = 110

#: OWL types in the order their groups appear; a term goes into the first group it matches.
_GROUPS: tuple[tuple[URIRef, str], ...] = (
    (OWL.Class, "Classes (owl:Class)"),
    (OWL.ObjectProperty, "Object properties (owl:ObjectProperty)"),
    (OWL.DatatypeProperty, "Datatype properties (owl:DatatypeProperty)"),
    (OWL.AnnotationProperty, "Annotation properties (owl:AnnotationProperty)"),
    (OWL.NamedIndividual, "Individuals (owl:NamedIndividual)"),
)


def declared_terms(graph: Graph) -> dict[str, URIRef]:
    """Map each ``ekg:`` term declared in ``graph`` (a subject with an ``rdf:type``) to its group.

    Raises
    ------
    ValueError
        If a term is not typed with one of the OWL types in ``_GROUPS``, or its local
        name is not a Python identifier.
    """
    terms: dict[str, URIRef] = {}
    for subject in set(graph.subjects(RDF.type, None)):
        if not isinstance(subject, URIRef) or not str(subject).startswith(EKG_NS):
            continue
        name = str(subject)[len(EKG_NS) :]
        if not name.isidentifier():
            raise ValueError(f"{subject}: local name {name!r} is not a Python identifier; rename the term.")
        types = set(graph.objects(subject, RDF.type))
        group = next((owl_type for owl_type, _ in _GROUPS if owl_type in types), None)
        if group is None:
            raise ValueError(
                f"{subject} has no OWL declaration: type it owl:Class, owl:ObjectProperty, "
                "owl:DatatypeProperty, owl:AnnotationProperty or owl:NamedIndividual."
            )
        terms[name] = group
    return terms


def _english(graph: Graph, subject: URIRef, predicate: URIRef) -> str:
    """The English (or untagged) value of ``predicate``, whitespace collapsed; ``""`` if none."""
    values = sorted(
        (o for o in graph.objects(subject, predicate) if isinstance(o, Literal)),
        key=lambda o: (o.language not in (None, "en"), o.language or "", str(o)),
    )
    return " ".join(str(values[0]).split()) if values else ""


def _comment_line(name: str, label: str, comment: str) -> str:
    """``    name: URIRef  # label: comment``, shortened at a word to fit the line length."""
    head = f"    {name}: URIRef"
    text = f"{label}: {comment}" if label and comment else label or comment
    if not text:
        return head
    room = _LINE_LENGTH - len(head) - len("  # ")
    return f"{head}  # {textwrap.shorten(text, width=room, placeholder=' ...')}"


def render(graph: Graph) -> str:
    """Return the source of ``namespace.py`` for the ontology in ``graph``.

    Parameters
    ----------
    graph : rdflib.Graph
        The parsed ``ontology/eventkg.ttl``.

    Returns
    -------
    str
        Python source, ruff-formatted, ending with a newline.

    Examples
    --------
    >>> from eventkg.resources import ontology_graph
    >>> source = render(ontology_graph())
    >>> "    Attack: URIRef  # Attack: " in source
    True
    """
    terms = declared_terms(graph)
    version = next(
        (str(v) for v in graph.objects(None, OWL.versionInfo) if isinstance(v, Literal)),
        "unknown",
    )
    lines = [
        '"""The eventkg ontology as a closed rdflib namespace.',
        "",
        "Generated from ``ontology/eventkg.ttl`` (version " + version + ") by",
        "``python -m eventkg.rdf._gen_namespace``. Do not edit by hand: change the ontology and",
        "run the generator again. Unknown terms raise ``AttributeError`` (``EKG.Nope``).",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        '__all__ = ["EKG", "NIF", "SEM"]',
        "",
        "#: NIF 2.0 core, for text spans (``nif:Phrase``) and article texts (``nif:Context``).",
        f'NIF = Namespace("{NIF_NS}")',
        "",
        "#: The Simple Event Model, which the eventkg ontology aligns to.",
        f'SEM = Namespace("{SEM_NS}")',
        "",
        "",
        "class EKG(DefinedNamespace):",
        '    """Terms of the eventkg ontology ``https://w3id.org/eventkg/ontology#``."""',
        "",
        f'    _NS = Namespace("{EKG_NS}")',
        "    _fail = True",
    ]
    for owl_type, title in _GROUPS:
        names = sorted(name for name, group in terms.items() if group == owl_type)
        if not names:
            continue
        lines += ["", f"    # {title}"]
        for name in names:
            subject = URIRef(EKG_NS + name)
            label = _english(graph, subject, RDFS.label)
            comment = _english(graph, subject, RDFS.comment)
            lines.append(_comment_line(name, label, comment))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check``, compare) ``namespace.py``; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m eventkg.rdf._gen_namespace",
        description="Generate src/eventkg/rdf/namespace.py from ontology/eventkg.ttl.",
    )
    parser.add_argument("--ontology", type=Path, default=None, help="ontology Turtle file to read")
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).with_name("namespace.py"), help="file to write"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the output file is out of date")
    args = parser.parse_args(argv)

    ontology = args.ontology or resource_path("ontology", "eventkg.ttl")
    graph = Graph()
    graph.parse(data=ontology.read_text(encoding="utf-8"), format="turtle")
    source = render(graph)
    output: Path = args.output
    current = output.read_text(encoding="utf-8") if output.exists() else None
    if args.check:
        if current != source:
            print(f"{output} is out of date: run python -m eventkg.rdf._gen_namespace", file=sys.stderr)
            return 1
        return 0
    if current != source:
        output.write_text(source, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
