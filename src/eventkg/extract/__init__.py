"""The extraction stage: one parsed article in, plain frozen dataclasses out.

:func:`extract` runs the extractors in order:

1. ``entities.recognize``: named actors, places (GeoNames / ISO 3166), outlets, weapons;
2. ``events.find_mentions``: triggers with factuality, roles and dates;
3. ``casualties.find_figures``: killed / injured / arrested counts with breakdowns;
4. ``events.cluster``: mentions of the same event become one event;
5. ``claims.find_claims``: responsibility claims and reported statements.

Nothing here imports rdflib; :mod:`eventkg.rdf` turns the result into a graph.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from eventkg.extract import lexicon as lx
from eventkg.extract.casualties import MAX_COUNT, Figure, find_figures
from eventkg.extract.claims import ClaimDraft, find_claims
from eventkg.extract.entities import EntityTable, recognize
from eventkg.extract.events import (
    FAMILY,
    EventMention,
    attackers_told_after,
    cluster,
    find_mentions,
    merged_kind,
    mishap,
    most_specific,
    named_after_identified,
    refine_kind,
)
from eventkg.extract.places import country, resolve_place
from eventkg.models import Article, CasualtyFigure, Claim, Event, Extraction, Role
from eventkg.nlp.gazetteers import demonyms

__all__ = ["extract"]

#: weapons that are each a kind of bomb: the event's "bomb" is the same weapon
_KINDS_OF_BOMB = {"weapon:ied", "weapon:car-bomb", "weapon:suicide-vest"}
_ROLE_ORDER = ("perpetrator", "victim", "target", "place", "instrument", "detainee", "seizedItem")
_FIGURE_FAMILY = {"killed": ("Attack", "Battle"), "injured": ("Attack", "Battle"), "arrested": ("Arrest",)}


def extract(doc: Doc, article: Article) -> Extraction:
    """Extract events, entities and claims from one parsed article.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        ``eventkg.nlp.parse(nlp, article)``: character offsets equal ``article.text``'s.
    article : Article
        The article the doc was parsed from (publication date for relative dates).

    Returns
    -------
    Extraction

    Examples
    --------
    >>> from eventkg.nlp import make_nlp, parse
    >>> from eventkg.models import Article
    >>> import datetime as dt
    >>> text = "Gunmen killed three soldiers in Kabul on Monday."
    >>> art = Article(id="x", text=text, published=dt.date(2024, 5, 8))
    >>> ex = extract(parse(make_nlp(), art), art)
    >>> ev = ex.events[0]
    >>> ev.kind, ev.date, sorted(ex.entity(r.entity).label for r in ev.roles if r.role == "place")
    ('Attack', '2024-05-06', ['Kabul'])
    """
    table = recognize(doc, article)
    mentions = find_mentions(doc, table)
    figures = find_figures(doc, table)
    groups = cluster(mentions, table)
    attackers_told_after(groups, table)
    named_after_identified(groups, table)
    drafts = find_claims(doc, table, mentions)
    events = _events(groups, figures, drafts, table, article)
    claims = _claims(drafts, events, table)
    _place_unknown_places(table, article)
    used = {r.entity for e in events for r in e.roles} | {
        f.group for e in events for f in e.figures if f.group
    }
    used |= {k for c in claims for k in (c.claimant, c.reported_by) if k}
    return Extraction(article=article, entities=table.freeze(used), events=events, claims=claims)


def _tolls(figs: list[Figure]) -> tuple[dict[str, int], list[Figure]]:
    """The headline figure per outcome (the first the article gives), and the per-group
    figures that break it down ("89 people dead, including 76 Iranians and 13 Afghans").

    Other counts of a group ("twenty insurgents were killed" after "killed 23 soldiers")
    still make that group a victim, but are not parts of the headline figure.
    """
    counts: dict[str, int] = {}
    parts: list[Figure] = []
    for fig in figs:
        if fig.breakdown:
            if fig.group is not None and fig.outcome in counts:
                # "seven people were killed, including two police officers": the parts, not the whole
                parts = [p for p in parts if not (p.outcome == fig.outcome and not p.breakdown)]
                parts.append(fig)
        elif fig.outcome not in counts:
            counts[fig.outcome] = fig.count
            if fig.group is not None:
                parts.append(fig)  # "two policemen were killed": 2 killed, both policemen
    return counts, parts


def _place_unknown_places(table: EntityTable, article: Article) -> None:
    """A place no gazetteer knows ("the village of Sajandi") lies in the article's country
    when the article names (or its dateline implies) exactly one; a neighbourhood named without
    its city ("the Zacamil neighborhood", "Ahumada Street") in a story datelined from a city of
    that country, in that city. A street or neighbourhood lies in the dateline city also when
    the article names other countries too."""
    orphans = [
        (key, d)
        for key, d in table.items.items()
        if d.kind in ("Place", "Site") and d.parent is None and not d.global_id
    ]
    if not orphans or not table.countries:
        return
    records = [rec for rec in map(country, table.countries) if rec is not None]
    nation = table.add_place(records[0], None) if len(table.countries) == 1 and records else None
    city = _dateline_place(table, article)
    named = {rec.key for rec in records}
    if city is not None and (table.items[city].kind != "City" or table.ancestors(city)[-1] not in named):
        city = None
    for key, d in orphans:
        words = {w.lower() for a in (d.label, *d.aliases) for w in a.split()[-1:]}
        local = words & (_QUARTERS | lx.STREET_NOUNS) or key.endswith("-street")
        d.parent = city if city is not None and local else nation


_QUARTERS = {"neighborhood", "neighbourhood", "suburb", "barrio", "colonia"}


def _attach(fig: Figure, mentions: list[EventMention]) -> EventMention | None:
    """The event mention a figure belongs to: same sentence first, else the latest before it."""
    family = _FIGURE_FAMILY[fig.outcome]
    if any(m.status != "asserted" and m.token in (fig.head, fig.head.head) for m in mentions):
        return None  # "an attempt to assassinate Maza Marquez was foiled": no one was killed
    if mishap(fig.head.head):
        return None  # "two children died in a road accident": no attack's toll (but an accidental
        # explosion told of as "the blasts" is one event, and its toll is its own)
    cands = [m for m in mentions if m.family in family and m.status == "asserted"]
    same = [m for m in cands if m.token.sent.start == fig.head.sent.start]
    if same:
        return min(same, key=lambda m: abs(m.token.i - fig.head.i))
    before = [m for m in cands if m.token.i < fig.head.i]
    if before:
        return before[-1]
    return cands[0] if cands else None


def _dateline_place(table: EntityTable, article: Article) -> str | None:
    """The city a wire dateline names ("LYON, France --"), resolved, if any."""
    if not article.dateline_place:
        return None
    rec = resolve_place(article.dateline_place.split(",")[0], context=table.countries)
    if rec is None or rec.kind == "Country":
        return None
    return table.add_place(rec, None)


def _main_place(groups: list[list[EventMention]], table: EntityTable, article: Article) -> str | None:
    """Where an event the text places nowhere happened: where the article's attack did; in an
    article of several attacks, only the country of the first one placed."""
    attacks = [g for g in groups if g[0].family == "Attack" and g[0].status == "asserted"]
    for g in attacks:
        for m in g:
            if m.roles.get("place"):
                place = m.roles["place"][0]
                return place if len(attacks) == 1 else table.ancestors(place)[-1]
    if article.dateline_place:  # the wire dateline's country: where the story is from
        names = [n.strip() for n in article.dateline_place.split(",")]
        rec = resolve_place(names[-1], context=table.countries) or resolve_place(
            names[0], context=table.countries
        )
        if rec is not None:
            country = rec if rec.kind == "Country" else rec.parent
            return table.add_place(country, None) if country is not None else None
    return _nationality(table)


def _place_of_linked_attack(
    arrest: list[EventMention], groups: list[list[EventMention]], table: EntityTable
) -> list[str]:
    """Where arrests with no place of their own were made: where the attack reported in the same
    sentence happened ("all the militants involved in the attack on Kandahar have been arrested",
    "arrested in connection with the bombing"). Arrests the text ties to no attack get no place."""
    sentences = {m.token.sent.start for m in arrest}
    for g in groups:
        tied = any(m.token.sent.start in sentences for m in g)
        if tied and g[0].family == "Attack" and g[0].status == "asserted":
            return _places_of(g, table)
    return []


def _place_of_attack_before(
    response: list[EventMention], groups: list[list[EventMention]], table: EntityTable
) -> list[str]:
    """Where "the attacker, shot dead by police" was shot: where the attack reported last before
    it happened."""
    start = response[0].token.i
    before = [g for g in groups if g[0].violent and g[0].token.i < start and g is not response]
    for g in sorted(before, key=lambda g: max(m.token.i for m in g if m.token.i < start), reverse=True):
        if places := _places_of(g, table):
            return places
    return []


def _places_of(group: list[EventMention], table: EntityTable) -> list[str]:
    """The places the mentions of ``group`` name, the most specific ones, each once."""
    return most_specific(list(dict.fromkeys(p for m in group for p in m.roles.get("place", []))), table)


#: the part of a country a text names ("in southern Colombia"): away from the dateline's capital
_COUNTRY_PARTS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                  "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
                  "south-western", "rural", "remote"}  # fmt: skip


def _part_of_country(group: list[EventMention], countries: list[str], table: EntityTable) -> bool:
    """Whether the mentions' sentences name a part of the country ("killed today in southern
    Colombia"), so that the dateline's city is not where it happened."""
    return any(
        table.by_token.get(t.i) in countries and any(c.lower_ in _COUNTRY_PARTS for c in t.lefts)
        for m in group
        for t in m.token.sent
    )


def _home_country(perpetrators: list[str], main_place: str | None, table: EntityTable) -> str | None:
    """The one country the armed groups that did it fight in, where the gazetteer says, when the
    article's main place (or the dateline's country) lies elsewhere."""
    homes = {home for key in perpetrators if (home := table.home_country(key))}
    record = country(homes.pop()) if len(homes) == 1 else None
    if record is None or (main_place is not None and table.ancestors(main_place)[-1] == record.key):
        return None
    return table.add_place(record, None)


def _nationality(table: EntityTable) -> str | None:
    """With no place named for any attack: the one country all the article's places lie in;
    with no place named at all, the country whose people the text names most ("Salvadoran
    troops", "the Salvadoran people"), if it clearly leads."""
    if len(table.countries) == 1:
        record = country(next(iter(table.countries)))
        return table.add_place(record, None) if record is not None else None
    if any(d.kind in ("Place", "City", "Region", "Country") for d in table.items.values()):
        return None
    common = table.nationalities.most_common(2)
    if not common or (len(common) == 2 and common[0][1] == common[1][1]):
        return None
    record = country(common[0][0])
    return table.add_place(record, None) if record is not None else None


def _events(
    groups: list[list[EventMention]],
    figures: list[Figure],
    drafts: list[ClaimDraft],
    table: EntityTable,
    article: Article,
) -> tuple[Event, ...]:
    mentions = [m for g in groups for m in g]
    by_cluster: dict[int, list[Figure]] = {}
    for fig in figures:
        m = _attach(fig, mentions)
        if m is not None:
            by_cluster.setdefault(m.cluster, []).append(fig)
    claimed: dict[int, list[str]] = {}
    first_attack = next(
        (n for n, g in enumerate(groups) if g[0].family == "Attack" and g[0].status == "asserted"), None
    )
    for g in groups:  # "arrested two suspects in this attack": held responsible
        if g[0].family == "Arrest" and g[0].status == "asserted":
            for m in g:
                for prep in m.token.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "for", "over"):
                        for p in prep.children:
                            attack = next(
                                (x for x in mentions if x.token.i == p.i and x.family == "Attack"), None
                            )
                            if attack is not None:
                                claimed.setdefault(attack.cluster, []).extend(m.roles.get("detainee", []))
    for d in drafts:
        if d.kind == "Accusation" and d.accused is not None:  # held responsible: ekg:perpetrator
            # "accused the army": of the article's attack; "accused the bishops of being bad
            # officials": of what it says, which is no attack
            for n in {m.cluster for m in d.about if m.family == "Attack"} or (
                {first_attack} if first_attack is not None and not d.charge else set()
            ):
                claimed.setdefault(n, []).append(d.accused)
        if d.kind != "ResponsibilityClaim" or d.claimant is None:
            continue
        targets = {m.cluster for m in d.about if m.family == "Attack"} or (
            {first_attack} if first_attack is not None else set()
        )
        group = _speaks_for(d.claimant, table)
        for n in targets:
            # "Zabiullah Mujahid, the spokesperson for the Taliban, claimed ...": the Taliban did it
            claimed.setdefault(n, []).append(
                group if group and table.kind(group) == "ArmedGroup" else d.claimant
            )
    spoken = [(d.content, d.claimant) for d in drafts if d.kind != "ResponsibilityClaim" and d.content]
    main_place = _main_place(groups, table, article)
    dateline = _dateline_place(table, article)
    counters = {"asserted": 0, "potential": 0}
    out = []
    for n, g in enumerate(groups):
        roles: dict[str, list[str]] = {}
        for m in g:
            for role, keys in m.roles.items():
                roles.setdefault(role, [])
                roles[role] += [k for k in keys if k not in roles[role]]
        if not roles.get("target"):  # "exploded near the embassy": the embassy, unless named otherwise
            near = [k for m in g for k in m.near_targets]
            if near:
                roles["target"] = list(dict.fromkeys(near))
        # "caused damage to all buildings on the block": what it damaged, beside what it aimed at
        roles["target"] = list(dict.fromkeys(roles.get("target", []) + roles.get("damaged", [])))
        for key in claimed.get(n, []):
            if key not in roles.setdefault("perpetrator", []):
                roles["perpetrator"].append(key)
        group = _their_group(roles.get("perpetrator", []), table)
        if group is not None:
            roles["perpetrator"].append(group)
        figs = by_cluster.get(n, [])
        counts, parts = _tolls(figs)
        for fig in figs:
            if fig.group is not None:
                role = "detainee" if fig.outcome == "arrested" else "victim"
                if fig.group not in roles.setdefault(role, []):
                    roles[role].append(fig.group)
        same = _titled_victims(roles.get("victim", []), table)  # "a major general" is the named one
        same |= _same_victims([k for k in roles.get("victim", []) if k not in same], table)
        roles["victim"] = [k for k in roles.get("victim", []) if k not in same]
        for key in roles.get("generic_victim", []):  # "one person was killed"
            if key not in roles.setdefault("victim", []):
                roles["victim"].append(key)
        # "the more than 100,000 persons who have been murdered": a war's toll, not this event's
        roles["victim"] = [k for k in roles["victim"] if table.group_counts.get(k, 0) <= MAX_COUNT]
        # "the terrorists are massacring the Salvadoran people": a nation, not this event's victims
        roles["victim"] = [k for k in roles["victim"] if k not in table.peoples or k in table.group_counts]
        roles["place"] = most_specific(roles.get("place", []), table)  # Lyon, not also France
        if not roles.get("place") and g[0].family == "Arrest":
            roles["place"] = _place_of_linked_attack(g, groups, table)
        elif not roles.get("place") and any(m.against_attacker for m in g):
            roles["place"] = _place_of_attack_before(g, groups, table)  # where the attacker was shot
        elif not roles.get("place") and (
            home := _home_country(roles.get("perpetrator", []), main_place, table)
        ):
            roles["place"] = [home]  # "kidnapped by ELN guerrillas", in a story from Brasilia: Colombia
        elif not roles.get("place") and main_place is not None:
            roles["place"] = [main_place]
        elif (
            dateline is not None
            and roles.get("place")
            and all(table.kind(p) == "Country" for p in roles["place"])
            and table.ancestors(dateline)[-1] in roles["place"]
            and not _part_of_country(g, roles["place"], table)
        ):  # the text only names the country: the wire dateline's city in it is more precise
            roles["place"] = [dateline]
        kinds = [k for k in roles.get("instrument", []) if k in _KINDS_OF_BOMB]
        if "weapon:bomb" in roles.get("instrument", []) and len(kinds) == 1:
            # "the roadside bomb ... the bomb": one weapon, also called what the text calls it
            roles["instrument"].remove("weapon:bomb")
            _also_called(table, kinds[0], "weapon:bomb")
        kind = refine_kind(merged_kind(g), roles.get("instrument", []), table)
        if kind in ("Attack", "Shooting") and _combatants_only(roles, table) and not _one_sided(g):
            kind = "Battle"  # "six guerrillas were killed": fallen fighters of an armed side
        status = "asserted" if g[0].status == "asserted" else g[0].status
        bucket = "asserted" if status == "asserted" else "potential"
        counters[bucket] += 1
        key = f"{'event' if bucket == 'asserted' else 'potential'}-{counters[bucket]}"
        dated = next((m for m in g if m.date), None)
        # no date in the text: it happened on or before the report, most likely that month
        report_month = (
            article.published.strftime("%Y-%m") if article.published and status == "asserted" else None
        )
        inside = [next((sp for content, sp in spoken if m.token.i in content), None) for m in g]
        event = Event(
            key=key,
            kind=kind,
            mentions=tuple(sorted(m.mention for m in g)),
            roles=tuple(Role(r, k) for r in _ROLE_ORDER for k in roles.get(r, [])),
            date=dated.date if dated else report_month,
            date_mention=dated.date_mention if dated else None,
            date_inferred=dated is None and report_month is not None,
            killed=counts.get("killed") if FAMILY[kind] in ("Attack", "Battle") else None,
            injured=counts.get("injured") if FAMILY[kind] in ("Attack", "Battle") else None,
            arrested=counts.get("arrested") if FAMILY[kind] == "Arrest" else None,
            figures=tuple(
                CasualtyFigure(f.count, f.outcome, same.get(f.group, f.group) if f.group else None, f.mention)
                for f in parts
            ),
            status=status,
            attributed_to=inside[0] if all(inside) else None,
        )
        out.append(event)
    return tuple(out)


def _combatants_only(roles: dict[str, list[str]], table: EntityTable) -> bool:
    """The event killed or wounded only fighters of a non-state armed side ("six guerrillas",
    "three subversives", the FMLN) and hit nothing else: they fell in a clash (ACLED's "armed
    clash"), not in an attack on victims. Soldiers are left out: an attack on troops is still an
    attack in GTD and WikiEvents, where a clash is ACLED's and MUC-4's reading."""
    victims = roles.get("victim", [])
    return bool(victims) and not roles.get("target") and all(_combatant(k, table) for k in victims)


def _their_group(perpetrators: list[str], table: EntityTable) -> str | None:
    """ "Guerrillas attacked the post" in a story that names one armed group, the FMLN: the
    guerrillas are its fighters, so the FMLN is held responsible beside them."""
    armed = {k for _, k in table.armed_mentions}
    if len(armed) != 1 or not perpetrators:
        return None
    if not all(table.kind(k) == "Group" and _combatant(k, table) for k in perpetrators):
        return None
    return armed.pop()


#: killings of the defenceless: "the murder of two M-19 members" is no clash, whoever they were
_ONE_SIDED = {"murder", "assassinate", "assassination", "massacre", "execute", "execution", "slay", "slaying"}


def _one_sided(group: list[EventMention]) -> bool:
    return any(m.token.lemma_.lower() in _ONE_SIDED for m in group)


def _combatant(key: str, table: EntityTable) -> bool:
    item = table.items[key]
    if item.kind == "ArmedGroup":
        return True
    if item.kind not in ("Group", "Organization"):
        return False
    words = [w.removesuffix("s") for w in item.label.lower().split()]
    if not words:
        return False
    # "six guerrillas"; "rebel forces", "guerrilla units": a unit of fighters
    return words[-1] in lx.COMBATANT_NOUNS or (
        words[-1] in _UNITS and any(w in lx.COMBATANT_NOUNS for w in words[:-1])
    )


_UNITS = {"force", "unit", "column", "commando", "squad", "cell", "band", "detachment", "element", "group"}


def _titled_victims(victims: list[str], table: EntityTable) -> dict[str, str]:
    """Victim groups that are one named victim described by title: "a major general was killed",
    "the Russian general", then "Major General Vyacheslav Gladkikh died"; not "a lieutenant
    general". Their wordings become the person's aliases. Returns group key -> person key."""
    nationality = demonyms()
    titled = [
        (k, table.items[k].title.lower().split())  # type: ignore[union-attr]
        for k in victims
        if table.kind(k) == "Person" and table.items[k].title
    ]
    same: dict[str, str] = {}
    for g in victims:
        if table.kind(g) != "Group":
            continue
        words = table.items[g].label.lower().split()
        if not words or words[-1].endswith("s"):
            continue  # "generals": more than one
        fits = [k for k, title in titled if words[-1] == title[-1]
                and all(w in title or w in nationality for w in words[:-1])]  # fmt: skip
        if len(fits) == 1:
            same[g] = fits[0]
            _also_called(table, fits[0], g)
    return same


def _also_called(table: EntityTable, key: str, other: str) -> None:
    """``key`` is the same thing as ``other``: it takes ``other``'s label and aliases as aliases."""
    for alias in [table.items[other].label, *table.items[other].aliases]:
        table.items[key].aliases.setdefault(alias, None)


def _same_victims(victims: list[str], table: EntityTable) -> dict[str, str]:
    """Victim groups of one attack that count the same people: "six NATO service members" and
    "the six U.S. service members", or "the members" after them. Returns group key -> the
    group named first, which takes the others' wordings as aliases."""
    same: dict[str, str] = {}
    groups = [k for k in victims if table.kind(k) == "Group"]
    for n, g in enumerate(groups):
        words = table.items[g].label.lower().split()
        count = table.group_counts.get(g)
        for first in groups[:n]:
            if first in same:
                continue
            other = table.items[first].label.lower().split()
            counted = table.group_counts.get(first)
            if (
                other[-1:] == words[-1:]
                and ((count is not None and count == counted) or (words == words[-1:] and count is None))
            ) or (  # "the members"; "the Jesuits" and "the Jesuit priests"
                _kinds_of(words, other) and (count is None or counted is None or count == counted)
            ):
                same[g] = first
                _also_called(table, first, g)
                break
    return same


def _kinds_of(a: list[str], b: list[str]) -> bool:
    """One description is a bare plural that the other has for a modifier: "jesuits", "jesuit
    priests"."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return (
        len(short) == 1
        and len(long) > 1
        and short[0].removesuffix("s") in {w.removesuffix("s") for w in long[:-1]}
    )


def _speaks_for(key: str, table: EntityTable) -> str | None:
    """The organisation the person ``key`` speaks for ("the spokesperson for the Taliban"), if any."""
    item = table.items[key]
    return item.affiliation if item.kind == "Person" else None


def _claims(drafts: list[ClaimDraft], events: tuple[Event, ...], table: EntityTable) -> tuple[Claim, ...]:
    kinds = {k: d.kind for k, d in table.items.items()}
    out: list[Claim] = []
    first_attack = next(
        (e.key for e in events if FAMILY[e.kind] == "Attack" and e.status == "asserted"), None
    )
    for n, d in enumerate(drafts, 1):
        about = list(dict.fromkeys(events[m.cluster].key for m in d.about))
        if not about and d.responsibility and first_attack is not None:
            about = [first_attack]
        if d.claimant is None or not (about or d.responsibility):
            continue  # a statement in an event graph is about an event the article reports
        claim = Claim(
            key=f"claim-{n}",
            kind=d.kind,
            claimant=d.claimant,
            mentions=(d.mention,),
            about=tuple(about),
            reported_by=d.reported_by,
            quote=d.quote,
        )
        group = _speaks_for(d.claimant, table)
        if d.kind in ("ResponsibilityClaim", "Denial") and group is not None:
            # "Zabiullah Mujahid, the spokesperson for the Taliban, claimed ...": the Taliban's
            # claim, which its spokesman stated
            out.append(replace(claim, key=f"claim-{n}-statement", kind="Statement"))
            claim = replace(claim, claimant=group)
        out.append(claim)
        # "Al-Shabaab said it carried out the bombing": a group's statement about an attack
        # it is the perpetrator of is also its claim of responsibility
        perpetrated = [
            e.key
            for e in events
            if e.key in about and FAMILY[e.kind] == "Attack" and Role("perpetrator", d.claimant) in e.roles
        ]
        # "the FMLN reports that its units attacked ...": a group's report of an attack with no
        # named perpetrator is its claim
        unclaimed = [
            e.key
            for e in events
            if e.key in about
            and FAMILY[e.kind] == "Attack"
            and e.status == "asserted"
            and not any(r.role == "perpetrator" and kinds.get(r.entity) != "Group" for r in e.roles)
        ]
        if d.kind == "Statement" and kinds.get(d.claimant) == "ArmedGroup" and unclaimed and not perpetrated:
            perpetrated = unclaimed
        if d.kind == "Statement" and perpetrated and kinds.get(d.claimant) == "ArmedGroup":
            out.append(
                replace(
                    claim,
                    key=f"claim-{n}-responsibility",
                    kind="ResponsibilityClaim",
                    about=tuple(perpetrated),
                    quote=None,
                )
            )
    return tuple(out)
