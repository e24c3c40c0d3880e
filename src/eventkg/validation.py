"""Check graphs that eventkg wrote against ``ontology/shapes.ttl`` with pySHACL.

Each article's named graph is self-contained, so a :class:`rdflib.Dataset` is validated one
non-empty graph at a time, each copied into an in-memory graph (pySHACL is about three
times slower over an Oxigraph-backed store) together with the ontology's
``rdfs:subClassOf`` links, so that ``sh:targetClass ekg:Event`` also reaches
``ekg:Bombing`` and the other subclasses. (Those links are all the shapes read from the
ontology; with pySHACL's inference on, the whole ontology is mixed in instead.) The
results are merged into one :class:`ValidationReport`. Only ``sh:Violation`` results make
a graph fail; warnings (an attack without a place, casualty breakdowns that exceed the
headline toll) are reported but the graph still conforms.

:func:`validate_graphs` (the batches of ``eventkg validate --store``) finds the same
results faster: pySHACL checks each graph against the shapes without their ``sh:sparql``
constraints, and Oxigraph runs each of those queries over the focus nodes of a graph at
once (``$this`` bound by a join with the shape's targets, not per focus node by rdflib),
reporting as pySHACL does. A constraint that such a join cannot evaluate the same way (a
property shape's, one with sub-selects, ``$PATH`` or custom targets) stays with pySHACL.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
import pyshacl
from pyshacl import shape as pyshacl_shape
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.errors import ValidationFailure
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.shape import Shape
from pyshacl.shapes_graph import ShapesGraph
from pyshacl.validator import Validator, assign_baked_in
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph
from rdflib.namespace import PROV, RDFS, SH, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor, Result
from rdflib.term import Identifier, Node

from eventkg.errors import NetworkAccessError
from eventkg.rdf.namespace import EKG, NIF
from eventkg.resources import ontology_graph, shapes_graph
from eventkg.store import _ox_term, _rdf_term

__all__ = ["ValidationReport", "ValidationResult", "report_of", "validate", "validate_graphs"]

_INFERENCE = ("none", "rdfs", "owlrl", "both")
_SEVERITIES: dict[URIRef, str] = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL validation result, as plain strings.

    Attributes
    ----------
    severity : str
        ``"Violation"``, ``"Warning"`` or ``"Info"``.
    focus : str
        The node that failed: an IRI, a literal's lexical form, or ``_:id`` for a blank node.
    path : str or None
        The property whose values failed (an IRI; a complex path in SPARQL syntax), if any.
    value : str or None
        The offending value, written like ``focus``, if the result names one.
    message : str
        What is wrong and what to do, from the shape's ``sh:message``.
    shape : str or None
        IRI of the shape that produced the result; for an unnamed property shape, the IRI
        of the node shape that holds it.
    graph : str or None
        Name of the named graph the focus node was checked in (the article IRI); ``None``
        for a plain graph or a dataset's default graph.
    label : str or None
        A name a person recognises for the focus node: its ``rdfs:label``, the text of a
        mention, or an article's id.
    article : str or None
        The ``ekg:articleId`` of the article the focus node comes from.
    span : str or None
        Where in that article's text the focus node is mentioned: ``begin-end "text"``
        (character offsets), from the node's first ``ekg:mention`` or, for a node without
        one (a casualty figure), from the mention of the event that points at it.
    """

    severity: str
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None
    graph: str | None
    label: str | None = None
    article: str | None = None
    span: str | None = None

    def __str__(self) -> str:
        where = f" in <{self.graph}>" if self.graph else ""
        path = f" path <{self.path}>" if self.path else ""
        value = f" value {self.value!r}" if self.value is not None else ""
        return f"[{self.severity}] {self.focus}{where}{path}{value}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What :func:`validate` found.

    Attributes
    ----------
    conforms : bool
        ``False`` only when there is at least one ``Violation``; warnings and infos alone
        conform.
    results : tuple of ValidationResult
        Every result, sorted by graph, severity, focus node, path, message and value.
    text : str
        A readable report: a summary line, then one line per result.
    graph : rdflib.Graph or None
        One SHACL validation report (``sh:ValidationReport`` with ``sh:conforms`` as above
        and a ``sh:result`` for every result pySHACL found in any of the graphs).
    """

    conforms: bool
    results: tuple[ValidationResult, ...]
    text: str
    graph: Graph | None = field(default=None, compare=False, repr=False)

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results with severity ``Violation``."""
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        """The results with severity ``Warning``."""
        return tuple(r for r in self.results if r.severity == "Warning")


def validate(
    graph: Graph | Dataset,
    *,
    shapes: Graph | None = None,
    extra_shapes: Sequence[Graph] = (),
    inference: str = "none",
) -> ValidationReport:
    """Validate an eventkg graph against the SHACL shapes.

    Parameters
    ----------
    graph : rdflib.Graph or rdflib.Dataset
        A single graph, or a dataset with one named graph per article. Each non-empty graph
        of a dataset (the default graph included) is validated on its own.
    shapes : rdflib.Graph, optional
        Shapes to use instead of the packaged ``ontology/shapes.ttl``.
    extra_shapes : sequence of rdflib.Graph, optional
        More shapes, added to ``shapes`` (for project-specific rules); for a Dataset, the
        shapes in all its graphs.
    inference : {"none", "rdfs", "owlrl", "both"}, optional
        pySHACL's pre-validation inference. ``"none"`` (the default) is about seven times
        faster than ``"rdfs"``; subclass targets work without it because the ontology's
        class hierarchy is added to each graph.

    Returns
    -------
    ValidationReport
        ``conforms`` is ``False`` only if some result is a ``sh:Violation``.

    Raises
    ------
    ValueError
        If ``inference`` is not one of the values above, or pySHACL cannot use the shapes.
    eventkg.errors.NetworkAccessError
        If a SPARQL constraint in the shapes uses ``SERVICE`` or ``FROM`` (validation never
        reaches the network).

    Examples
    --------
    >>> from rdflib import RDF, RDFS, Graph, Literal, URIRef
    >>> from eventkg.rdf.namespace import EKG
    >>> g = Graph()
    >>> weapon = URIRef("https://example.org/weapon/bomb")
    >>> _ = g.add((weapon, RDF.type, EKG.Weapon))
    >>> report = validate(g)
    >>> report.conforms
    False
    >>> print(report.violations[0].message)  # doctest: +ELLIPSIS
    Every actor, place, weapon and target needs at least one rdfs:label, ...
    >>> _ = g.add((weapon, RDFS.label, Literal("bomb")))
    >>> validate(g).conforms
    True
    """
    results: set[ValidationResult] = set()
    report_graph = Graph()
    report_graph.bind("sh", SH)
    named = ((name, source.triples((None, None, None))) for name, source in _graphs_to_check(graph))
    for found, raw_report, _name, _copy in _check(named, _combined_shapes(shapes, extra_shapes), inference):
        results.update(found)
        for top in raw_report.subjects(RDF.type, SH.ValidationReport):
            raw_report.remove((top, None, None))
        report_graph += raw_report

    report = report_of(results)
    top = BNode()
    report_graph.add((top, RDF.type, SH.ValidationReport))
    report_graph.add((top, SH.conforms, Literal(report.conforms)))
    for node in list(report_graph.subjects(RDF.type, SH.ValidationResult)):
        report_graph.add((top, SH.result, node))
    return dataclasses.replace(report, graph=report_graph)


def validate_graphs(
    graphs: Iterable[tuple[str | None, Iterable[tuple[Node, Node, Node]]]],
    *,
    extra_shapes: Sequence[Graph] = (),
) -> list[ValidationResult]:
    """Validate article graphs given as ``(graph name, triples)``, each on its own.

    What :func:`validate` finds for a Dataset holding these graphs, without building the
    Dataset (the workers of :func:`eventkg.pipeline.validate_source` use it), with the
    SPARQL constraints run by Oxigraph (about twice as fast).

    Examples
    --------
    >>> from rdflib import RDF, URIRef
    >>> from eventkg.rdf.namespace import EKG
    >>> weapon = (URIRef("https://example.org/w"), RDF.type, EKG.Weapon)
    >>> [(r.graph, r.severity) for r in validate_graphs([("https://example.org/a", [weapon])])]
    [('https://example.org/a', 'Violation')]
    """
    shacl = _combined_shapes(None, extra_shapes)
    core, constraints = _split_sparql(shacl)
    found: list[ValidationResult] = []
    checked: list[tuple[str | None, Graph]] = []
    for results, _report, name, scratch in _check(graphs, core, "none"):
        found += results
        checked.append((name, scratch))
    if constraints:
        found += _sparql_results(checked, constraints, shacl)
    return found


def _check(
    graphs: Iterable[tuple[str | None, Iterable[tuple[Node, Node, Node]]]], shacl: Graph, inference: str
) -> Iterator[tuple[list[ValidationResult], Graph, str | None, Graph]]:
    """``(results, pySHACL's report graph, name, copy)`` for each graph, checked in an in-memory copy."""
    if inference not in _INFERENCE:
        raise ValueError(f"inference={inference!r} is not supported: use one of {', '.join(_INFERENCE)}.")
    for name, triples in graphs:
        scratch = _ScratchGraph()
        scratch.addN((s, p, o, scratch) for s, p, o in triples)
        if inference == "none":  # the class hierarchy is all the shapes need from the ontology
            scratch.addN((s, p, o, scratch) for s, p, o in _class_hierarchy())
        raw_report = _pyshacl(scratch, shacl, inference)
        if not isinstance(raw_report, Graph):  # pySHACL returns its failure instead of raising
            raise ValueError(
                f"pySHACL could not validate graph {name or '(default graph)'}: {raw_report} "
                "Check the SHACL shapes."
            )
        yield list(_results(raw_report, shacl, name, scratch)), raw_report, name, scratch


def _pyshacl(data: Graph, shacl: Graph, inference: str) -> object:
    """pySHACL's report graph for ``data`` (or its failure), validated in place.

    Without inference, pySHACL's :class:`~pyshacl.Validator` is given shapes compiled once
    per process (compiling them took 8% of the time when done for every graph).
    """
    if inference != "none":
        options = {**_VALIDATOR_OPTIONS, "inference": inference}
        return pyshacl.validate(
            data, shacl_graph=shacl, ont_graph=ontology_graph(), do_owl_imports=False, **options
        )[1]
    validator = Validator(DataGraph.from_rdflib(data), shacl_graph=shacl, options=dict(_VALIDATOR_OPTIONS))
    validator.shacl_graph = _compiled_shapes(shacl)
    try:
        return validator.run()[1]
    except ValidationFailure as e:
        return e


_VALIDATOR_OPTIONS: dict[str, Any] = {
    "inference": "none",
    "inplace": True,
    "abort_on_first": False,
    "allow_infos": True,
    "allow_warnings": True,
    "advanced": True,
}


@functools.lru_cache(maxsize=8)
def _compiled_shapes(shacl: Graph) -> ShapesGraph:
    """pySHACL's compiled shapes, built once per process rather than once per graph."""
    apply_patches()
    assign_baked_in()
    _set_constraint_parameters()
    return _FrozenShapesGraph(shacl)


class _FrozenShapesGraph(ShapesGraph):
    """Shapes that no longer change: each lookup pySHACL makes in them is answered once.

    pySHACL reads a shape's parameters from the shapes graph again for every focus node and
    article (a fifth of the remaining validation time went to these rdflib lookups).
    """

    def __init__(self, graph: Graph) -> None:
        super().__init__(graph)
        self._answers: dict[tuple[str, tuple[Node | None, ...]], tuple[Any, ...]] = {}
        self._targeted: list[Shape] | None = None

    @property
    def shapes(self) -> list[Shape]:
        """The shapes with targets: pySHACL validates those, the others only through them.

        (pySHACL looks for the focus nodes of every shape of every graph otherwise.) Every
        shape is put in advanced mode as the validator would (``advanced=True``).
        """
        if self._targeted is None:
            every = list(super().shapes)
            for shape in every:
                shape.set_advanced(True)
            self._targeted = [
                shape
                for shape in every
                if any(next(iter(nodes), None) is not None for nodes in shape.target())
                or (shape.node, SH.target, None) in self.graph
            ]
        return self._targeted

    def _answer(self, method: str, *args: Node | None) -> Iterator[Any]:
        key = (method, args)
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = tuple(getattr(self.graph, method)(*args))
        return iter(found)

    def subjects(self, p: Node | None, o: Node | None) -> Iterator[Any]:
        return self._answer("subjects", p, o)

    def predicates(self, s: Node | None, o: Node | None) -> Iterator[Any]:
        return self._answer("predicates", s, o)

    def objects(self, s: Node | None, p: Node | None) -> Iterator[Any]:
        return self._answer("objects", s, p)

    def subject_objects(self, p: Node | None) -> Iterator[Any]:
        return self._answer("subject_objects", p)

    def subject_predicates(self, o: Node | None) -> Iterator[Any]:
        return self._answer("subject_predicates", o)

    def predicate_objects(self, s: Node | None) -> Iterator[Any]:
        return self._answer("predicate_objects", s)


class _ConstraintParameters(list[Any]):
    """pySHACL's list of constraint parameters, with a set to test membership.

    pySHACL tests every predicate of a shape against this list (``p in parameters``) each
    time it validates the shape: comparing terms one by one took a tenth of the time.
    """

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members

    def copy(self) -> _ConstraintParameters:
        return _ConstraintParameters(self)

    def append(self, item: Any) -> None:
        super().append(item)
        self._members = self._members | {item}


def _set_constraint_parameters() -> None:
    """Give pySHACL's shape validation the parameter list above (the module value it caches)."""
    parameters = (_ConstraintParameters(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)
    pyshacl_shape.CONSTRAINT_PARAMS = parameters  # type: ignore[attr-defined]


@functools.cache
def _class_hierarchy() -> tuple[tuple[Node, Node, Node], ...]:
    """The ontology's ``rdfs:subClassOf`` links between named classes."""
    return tuple(
        (c, RDFS.subClassOf, parent)
        for c, parent in ontology_graph().subject_objects(RDFS.subClassOf)
        if isinstance(c, URIRef) and isinstance(parent, URIRef)
    )


_TARGETS = {
    SH.targetClass: "{{ $this rdf:type/rdfs:subClassOf* {} }}",
    SH.targetSubjectsOf: "{{ $this {} [] }}",
    SH.targetObjectsOf: "{{ [] {} $this }}",
    SH.targetNode: "{{ VALUES $this {{ {} }} }}",
}
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _SparqlConstraint:
    """A ``sh:sparql`` constraint of a node shape, as a query over all its focus nodes at once."""

    shape: Node
    severity: Node
    messages: tuple[Literal, ...]
    query: str


@functools.lru_cache(maxsize=8)
def _split_sparql(shacl: Graph) -> tuple[Graph, tuple[_SparqlConstraint, ...]]:
    """The shapes without the SPARQL constraints that Oxigraph evaluates, and those constraints.

    A constraint of a node shape with explicit targets is evaluated pre-binding free: its
    ``sh:select`` with the focus nodes joined in first (``$this`` bound by the targets),
    which is what binding ``$this`` to each focus node in turn gives for a query without
    sub-selects. Any other SPARQL constraint stays with pySHACL.
    """
    constraints: list[_SparqlConstraint] = []
    moved: list[tuple[Node, Node, Node]] = []
    for shape, constraint in shacl.subject_objects(SH.sparql):
        query = _pre_binding_free(shacl, shape, constraint)
        if query is not None:
            shape_messages = [m for m in shacl.objects(shape, SH.message) if isinstance(m, Literal)]
            own = [m for m in shacl.objects(constraint, SH.message) if isinstance(m, Literal)]
            messages = tuple(shape_messages + [m for m in own if m not in shape_messages])
            severity = shacl.value(shape, SH.severity) or SH.Violation
            constraints.append(_SparqlConstraint(shape, severity, messages, query))
            moved.append((shape, SH.sparql, constraint))
    if not moved:
        return shacl, ()
    core = Graph()
    core += shacl
    for triple in moved:
        core.remove(triple)
    return core, tuple(constraints)


def _pre_binding_free(shacl: Graph, shape: Node, constraint: Node) -> str | None:
    """The query of a ``sh:sparql`` constraint over all focus nodes, or None to leave it to pySHACL."""
    selects = list(shacl.objects(constraint, SH.select))
    targets = [
        (p, o)
        for p, o in shacl.predicate_objects(shape)
        if isinstance(p, URIRef) and p.startswith(SH + "target")
    ]
    if (
        len(selects) != 1
        or (constraint, SH.message, None) not in shacl
        or not targets
        or any(p not in _TARGETS for p, _ in targets)
        or (shape, SH.path, None) in shacl
        or (shape, SH.deactivated, None) in shacl
        or (constraint, SH.deactivated, None) in shacl
        or (shape, RDF.type, RDFS.Class) in shacl
        or (None, None, shape) in shacl
    ):
        return None
    text = str(selects[0])
    where = list(_WHERE.finditer(text))
    if (
        len(where) != 1
        or re.search(r"\$(PATH|shapesGraph|currentShape)\b", text)
        or text.upper().count("SELECT") != 1
    ):
        return None
    prefixes = "".join(
        f"PREFIX {shacl.value(d, SH.prefix)}: <{shacl.value(d, SH.namespace)}>\n"
        for source in shacl.objects(constraint, SH.prefixes)
        for d in shacl.objects(source, SH.declare)
    )
    focus = " UNION ".join(_TARGETS[p].format(o.n3()) for p, o in sorted(targets))
    join = f" {{ SELECT DISTINCT $this WHERE {{ {focus} }} }} "
    end = where[0].end()
    query = f"PREFIX rdf: <{RDF}>\nPREFIX rdfs: <{RDFS}>\n{prefixes}{text[:end]}{join}{text[end:]}"
    _prepared(query)  # refuses SERVICE and FROM, as for the queries pySHACL runs
    return query


def _sparql_results(
    graphs: Sequence[tuple[str | None, Graph]], constraints: Sequence[_SparqlConstraint], shacl: Graph
) -> Iterator[ValidationResult]:
    """What the SPARQL ``constraints`` find in each graph, evaluated by Oxigraph."""
    store = ox.Store()
    names: list[ox.NamedNode] = []
    terms: dict[object, Node] = {}
    for i, (_name, graph) in enumerate(graphs):
        names.append(ox.NamedNode(f"urn:x-eventkg:validation:{i}"))
        store.extend(ox.Quad(_ox(s, terms), _ox(p, terms), _ox(o, terms), names[-1]) for s, p, o in graph)
    for (name, graph), graph_node in zip(graphs, names, strict=True):
        for constraint in constraints:
            solutions = store.query(constraint.query, default_graph=graph_node)
            assert isinstance(solutions, ox.QuerySolutions)
            variables = [v.value for v in solutions.variables]
            for row in solutions:
                bound = {v: _rdf(row[v], terms) for v in variables if row[v] is not None}
                yield _sparql_result(bound, constraint, shacl, name, graph)


def _sparql_result(
    bound: dict[str, Node], constraint: _SparqlConstraint, shacl: Graph, name: str | None, data: Graph
) -> ValidationResult:
    """One solution of a SPARQL constraint as pySHACL reports it."""
    focus = bound.pop("this")
    path = bound.pop("path", None)
    value = bound.pop("value", None)
    if value is None:  # not `or`: a literal 0 is false
        value = focus
    bound.update(
        {"this": focus, "value": value} if path is None else {"this": focus, "path": path, "value": value}
    )
    messages = []
    for message in constraint.messages:
        text = str(message.value)
        for var, val in bound.items():
            text = re.sub(f"{{[?$]{var}}}", str(val), text)
        messages.append(text)
    return ValidationResult(
        severity=_severity(constraint.severity),
        focus=_term_str(focus),
        path=_path_str(path, data) if path is not None else None,
        value=_term_str(value),
        message=min(messages),
        shape=_shape_str(constraint.shape, shacl),
        graph=name,
        label=_label(focus, data),
        article=_article(focus, data),
        span=_span(focus, data),
    )


def _ox(term: Node, terms: dict[object, Node]) -> Any:
    converted = _ox_term(term)
    terms.setdefault(converted, term)
    return converted


def _rdf(term: object, terms: dict[object, Node]) -> Node:
    known = terms.get(term)
    return known if known is not None else _rdf_term(term)


def report_of(results: Iterable[ValidationResult]) -> ValidationReport:
    """One report from results found separately (per batch of graphs, in parallel).

    Examples
    --------
    >>> r = ValidationResult("Warning", "https://example.org/e", None, None, "no place", None, None)
    >>> report_of([r, r]).conforms, len(report_of([r, r]).results)
    (True, 1)
    """
    ordered = tuple(sorted(set(results), key=_sort_key))
    conforms = not any(r.severity == "Violation" for r in ordered)
    return ValidationReport(conforms=conforms, results=ordered, text=_report_text(conforms, ordered))


@functools.lru_cache(maxsize=512)
def _prepared(text: str) -> Query:
    """Parse a SPARQL text once per process; refuse anything that could reach the network."""
    query = prepareQuery(text)
    if _reaches_network(query.algebra):
        raise NetworkAccessError(
            "a SPARQL constraint in the SHACL shapes uses SERVICE or FROM, which would reach the "
            f"network during validation: remove it from the shapes.\n{text.strip()}"
        )
    return query


def _reaches_network(node: object) -> bool:
    if isinstance(node, CompValue):
        # dict's own accessors: CompValue.get returns the key itself for a missing key
        if node.name == "ServiceGraphPattern" or dict.get(node, "datasetClause"):
            return True
        return any(_reaches_network(value) for value in dict.values(node))
    if isinstance(node, list | tuple):
        return any(_reaches_network(item) for item in node)
    return False


class _ScratchGraph(Graph):
    """The in-memory copy of one graph that pySHACL validates.

    pySHACL sends the same SPARQL text once per focus node, and rdflib parses it every time
    (about 20 ms, most of the validation time); this graph parses each text once.
    """

    def query(
        self,
        query_object: str | Query,
        processor: str | Processor = "sparql",
        result: str | type[Result] = "sparql",
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Identifier] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and processor == "sparql" and not initNs and "base" not in kwargs:
            query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


def _combined_shapes(shapes: Graph | None, extra_shapes: Sequence[Graph]) -> Graph:
    """The shapes to validate with: the packaged ones (or ``shapes``) plus ``extra_shapes``."""
    base = shapes if shapes is not None else shapes_graph()
    if not extra_shapes:
        return base
    combined = Graph()
    combined += base
    for extra in extra_shapes:  # a Dataset (a shapes file read with store.load) counts all its graphs
        for _name, member in _graphs_to_check(extra):
            combined += member
    return combined


def _graphs_to_check(graph: Graph) -> Iterator[tuple[str | None, Graph]]:
    """Yield ``(graph name or None, graph)`` for every non-empty graph to validate, sorted by name."""
    if not isinstance(graph, ConjunctiveGraph):
        yield None, graph
        return
    members = graph.graphs() if isinstance(graph, Dataset) else graph.contexts()
    named: list[tuple[str | None, Graph]] = []
    for member in members:
        if next(iter(member.triples((None, None, None))), None) is None:
            continue
        identifier = member.identifier
        name = None if identifier == DATASET_DEFAULT_GRAPH_ID else _term_str(identifier)
        named.append((name, member))
    named.sort(key=lambda item: (item[0] is not None, item[0] or ""))
    yield from named


def _results(report: Graph, shacl: Graph, graph_name: str | None, data: Graph) -> Iterator[ValidationResult]:
    """Turn the ``sh:ValidationResult`` nodes of a pySHACL report graph into plain results."""
    for node in report.subjects(RDF.type, SH.ValidationResult):
        severity_node = report.value(node, SH.resultSeverity)
        severity = _severity(severity_node)
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        messages = sorted(
            (m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)),
            key=lambda m: (m.language not in (None, "en"), m.language or "", str(m)),
        )
        if messages:
            message = str(messages[0])
        else:  # pragma: no cover - pySHACL always writes a message
            component = report.value(node, SH.sourceConstraintComponent)
            message = f"constraint {_local_name(component)} failed"
        yield ValidationResult(
            severity=severity,
            focus=_term_str(focus) if focus is not None else "",
            path=_path_str(path, report) if path is not None else None,
            value=_term_str(value) if value is not None else None,
            message=message,
            shape=_shape_str(report.value(node, SH.sourceShape), shacl),
            graph=graph_name,
            label=_label(focus, data),
            article=_article(focus, data),
            span=_span(focus, data),
        )


def _label(node: Node | None, data: Graph) -> str | None:
    """The focus node's ``rdfs:label``, mention text or article id, if it has one."""
    for predicate in (RDFS.label, NIF.anchorOf, EKG.articleId, SKOS.prefLabel):
        value = data.value(node, predicate) if node is not None else None
        if isinstance(value, Literal):
            return str(value)
    return None


def _article(node: Node | None, data: Graph) -> str | None:
    """The id of the article the node comes from (its own, or the only one in the graph)."""
    if node is None:
        return None
    sources = (
        [node] if (node, RDF.type, EKG.Article) in data else list(data.objects(node, PROV.wasDerivedFrom))
    )
    sources = sources or sorted(data.subjects(RDF.type, EKG.Article), key=str)[:1]
    for source in sources:
        article_id = data.value(source, EKG.articleId)
        if isinstance(article_id, Literal):
            return str(article_id)
    return None


def _span(node: Node | None, data: Graph) -> str | None:
    """``begin-end "text"`` of the node's first mention (or of the node that points at it)."""
    if node is None:
        return None
    if (node, RDF.type, NIF.Phrase) in data:
        phrases = [node]
    else:
        phrases = list(data.objects(node, EKG.mention))
        if not phrases:  # a casualty figure, a bare node: the event that points at it
            phrases = [m for s in data.subjects(None, node) for m in data.objects(s, EKG.mention)]
    spans: list[tuple[int, int, str]] = []
    for phrase in phrases:
        begin, end = data.value(phrase, NIF.beginIndex), data.value(phrase, NIF.endIndex)
        anchor = data.value(phrase, NIF.anchorOf)
        if isinstance(begin, Literal) and isinstance(end, Literal):
            spans.append((_int(begin), _int(end), str(anchor) if anchor is not None else ""))
    if not spans:
        return None
    first = min(spans)
    return f'{first[0]}-{first[1]} "{first[2]}"'


def _int(value: Literal) -> int:
    try:
        return int(value)
    except ValueError:
        return -1


def _severity(node: Node | None) -> str:
    """``Violation``, ``Warning``, ``Info`` (or a custom severity's local name)."""
    if node is None:
        return "Violation"
    if isinstance(node, URIRef) and node in _SEVERITIES:
        return _SEVERITIES[node]
    return _local_name(node)


def _term_str(term: Node) -> str:
    """An IRI as itself, a literal as its lexical form, a blank node as ``_:id``."""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _local_name(term: Node | None) -> str:
    text = str(term or "")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _path_str(path: Node, graph: Graph) -> str:
    """A SHACL property path: a plain IRI as itself, a complex path in SPARQL path syntax."""
    if isinstance(path, URIRef):
        return str(path)
    return _sparql_path(path, graph)


def _sparql_path(path: Node, graph: Graph) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if isinstance(path, BNode):
        if graph.value(path, RDF.first) is not None:
            return "(" + "/".join(_sparql_path(item, graph) for item in graph.items(path)) + ")"
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(_sparql_path(item, graph) for item in graph.items(alternatives)) + ")"
        for predicate, template in (
            (SH.inversePath, "^{}"),
            (SH.zeroOrMorePath, "{}*"),
            (SH.oneOrMorePath, "{}+"),
            (SH.zeroOrOnePath, "{}?"),
        ):
            inner = graph.value(path, predicate)
            if inner is not None:
                return template.format(_sparql_path(inner, graph))
    return _term_str(path)


def _shape_str(shape: Node | None, shacl: Graph) -> str | None:
    """The shape's IRI, or for a blank-node shape the IRI of the nearest named shape holding it."""
    seen: set[Node] = set()
    while shape is not None and shape not in seen:
        if isinstance(shape, URIRef):
            return str(shape)
        seen.add(shape)
        parents = sorted(
            {p for p in shacl.subjects(SH.property, shape)} | {p for p in shacl.subjects(SH.node, shape)},
            key=lambda p: (not isinstance(p, URIRef), str(p)),
        )
        shape = parents[0] if parents else None
    return None


def _sort_key(result: ValidationResult) -> tuple[str, int, str, str, str, str, str]:
    return (
        result.graph or "",
        _SEVERITY_ORDER.get(result.severity, 3),
        result.focus,
        result.path or "",
        result.message,
        result.value or "",
        result.shape or "",
    )


def _report_text(conforms: bool, results: tuple[ValidationResult, ...]) -> str:
    counts: dict[str, int] = {}
    for result in results:
        counts[result.severity] = counts.get(result.severity, 0) + 1
    summary = ", ".join(
        f"{counts[s]} {s.lower()}{'s' if counts[s] != 1 else ''}" for s in _SEVERITY_ORDER if s in counts
    )
    lines = [f"Conforms: {conforms}" + (f" ({summary})" if summary else "")]
    lines += [str(result) for result in results]
    return "\n".join(lines) + "\n"
