"""Word lists the extraction rules use: event triggers, role nouns, factuality cues.

These are general English; nothing here names a particular article's people or places.
Gazetteers of named things (armed groups, outlets, weapons) live in ``data/gazetteers``.
"""

from __future__ import annotations

__all__ = [
    "ACTOR_NOUNS",
    "ARREST_NOUNS",
    "ARREST_VERBS",
    "ATTACK_NOUNS",
    "ATTACK_VERBS",
    "COLLECTIVE_NOUNS",
    "DISCOVERY_VERBS",
    "EVENT_TARGET_NOUNS",
    "FACILITY_NOUNS",
    "GENERIC_PEOPLE",
    "HUMAN_NOUNS",
    "MEMBER_NOUNS",
    "MODAL_POSSIBLE",
    "OUTCOME_WORDS",
    "PLACE_KIND_NOUNS",
    "PRONOUNS_LIKE",
    "POTENTIAL_ADJ",
    "POTENTIAL_HEADS",
    "SEIZURE_NOUNS",
    "SEIZURE_VERBS",
    "SPEECH_VERBS",
    "SUPPORT_VERBS",
    "TITLE_NOUNS",
]

# --- event triggers: lemma -> event class --------------------------------------------
ATTACK_NOUNS = {
    "attack": "Attack", "assault": "Attack", "ambush": "Attack", "massacre": "Attack",
    "assassination": "Attack", "murder": "Attack", "killing": "Attack", "slaying": "Attack",
    "airstrike": "Attack", "shelling": "Attack", "offensive": "Attack", "incursion": "Attack",
    "bombing": "Bombing", "explosion": "Bombing", "blast": "Bombing", "detonation": "Bombing",
    "car-bombing": "Bombing", "firebombing": "Arson",
    "shooting": "Shooting", "gunfire": "Shooting", "shootout": "Shooting", "gunbattle": "Shooting",
    "stabbing": "Stabbing",
    "ramming": "VehicleRamming",
    "kidnapping": "Kidnapping", "abduction": "Kidnapping", "kidnap": "Kidnapping",
    "hostage-taking": "Kidnapping",
    "arson": "Arson",
}  # fmt: skip
ATTACK_VERBS = {
    "attack": "Attack", "assault": "Attack", "ambush": "Attack", "massacre": "Attack",
    "kill": "Attack", "murder": "Attack", "assassinate": "Attack", "slay": "Attack",
    "behead": "Attack", "shell": "Attack", "raze": "Attack", "machine-gun": "Shooting",
    "bomb": "Bombing", "explode": "Bombing", "detonate": "Bombing", "dynamite": "Bombing",
    "shoot": "Shooting", "gun": "Shooting",
    "stab": "Stabbing", "hack": "Stabbing",
    "ram": "VehicleRamming",
    "kidnap": "Kidnapping", "abduct": "Kidnapping", "seize": None,  # seize: see SEIZURE_VERBS
    "torch": "Arson", "burn": "Arson", "firebomb": "Arson",
    "wound": "Attack", "injure": "Attack",
}  # fmt: skip
ATTACK_VERBS = {k: v for k, v in ATTACK_VERBS.items() if v}
#: verbs that only count as an attack with an agent as subject ("gunmen wounded two")
AGENTIVE_ONLY = {"wound", "injure", "burn", "hack", "ram", "shell", "raze"}

ARREST_NOUNS = {"arrest", "detention", "capture", "apprehension", "custody", "roundup"}
ARREST_VERBS = {"arrest", "detain", "apprehend", "capture", "nab", "round", "jail", "imprison"}

SEIZURE_NOUNS = {"seizure", "confiscation", "haul", "cache"}
SEIZURE_VERBS = {"seize", "confiscate", "impound"}
#: these verbs are a seizure only when what was found is a weapon or explosive
DISCOVERY_VERBS = {"discover", "find", "uncover", "recover", "dismantle", "defuse", "unearth", "locate"}

#: "carried out an attack", "launched an assault": the verb's subject is the perpetrator
SUPPORT_VERBS = {"carry", "launch", "stage", "conduct", "mount", "perpetrate", "commit", "execute", "plan"}

# --- factuality -----------------------------------------------------------------------
POTENTIAL_ADJ = {
    "possible": "possible", "potential": "possible", "imminent": "possible", "future": "possible",
    "planned": "planned", "foiled": "foiled", "thwarted": "foiled", "averted": "foiled",
    "would-be": "foiled", "hypothetical": "possible", "feared": "possible", "threatened": "threatened",
}  # fmt: skip
#: a trigger governed by one of these lemmas did not (yet) happen
POTENTIAL_HEADS = {
    "threat": "threatened", "threaten": "threatened", "warn": "possible", "warning": "possible",
    "fear": "possible", "risk": "possible", "danger": "possible",
    "plan": "planned", "plot": "planned", "prepare": "planned", "intend": "planned",
    "intention": "planned", "aim": "planned", "attempt": None, "try": None,
    "foil": "foiled", "thwart": "foiled", "prevent": "foiled", "avert": "foiled",
    "stop": "foiled", "frustrate": "foiled", "disrupt": "foiled", "counter": "foiled",
    "deny": "denied", "rule": None,
}  # fmt: skip
POTENTIAL_HEADS = {k: v for k, v in POTENTIAL_HEADS.items() if v}
MODAL_POSSIBLE = {"could", "might", "may", "would", "should", "will", "'ll", "can"}

# --- who is who ------------------------------------------------------------------------
#: nouns for people who carry out violence (perpetrator-capable)
ACTOR_NOUNS = {
    "gunman", "gunmen", "militant", "insurgent", "rebel", "guerrilla", "guerilla", "terrorist",
    "attacker", "assailant", "bomber", "jihadist", "extremist", "fighter", "militiaman",
    "militia", "kidnapper", "abductor", "sniper", "hijacker", "commando", "squad", "gang",
    "mob", "suspect", "perpetrator", "culprit", "raider", "separatist", "subversive",
    "narcoterrorist", "paramilitary", "troop", "soldier", "army", "police", "force",
    "policeman", "group", "cell", "organization", "faction", "movement", "cartel",
    "assassin", "killer", "murderer", "man", "men", "individual", "youth", "hitman",
}
#: "X fighters", "members of X": these people stand for the named group X
MEMBER_NOUNS = ACTOR_NOUNS | {"member", "supporter", "operative", "affiliate", "loyalist", "cadre", "recruit"}
#: nouns that refer back to the last named armed group ("the group claimed ...")
COLLECTIVE_NOUNS = {"group", "organization", "organisation", "movement", "outfit", "faction", "network"}
#: nouns for people who may be victims or detainees
HUMAN_NOUNS = ACTOR_NOUNS | {
    "people", "person", "civilian", "child", "children", "woman", "women", "student", "worker",
    "peasant", "farmer", "villager", "resident", "passenger", "pilgrim", "worshipper",
    "worshiper", "shopper", "bystander", "passer-by", "passerby", "tourist", "journalist",
    "reporter", "official", "officer", "judge", "mayor", "governor", "minister", "politician",
    "candidate", "leader", "member", "employee", "teacher", "doctor", "nurse", "priest",
    "cleric", "imam", "nun", "diplomat", "ambassador", "businessman", "driver", "guard",
    "bodyguard", "policemen", "officers", "agent", "councilman", "councillor", "deputy",
    "senator", "legislator", "lawyer", "prosecutor", "commander", "colonel", "general",
    "captain", "lieutenant", "sergeant", "major", "mourner", "protester", "demonstrator",
    "family", "girl", "boy", "baby", "infant", "teenager", "victim", "hostage", "citizen",
    "national", "foreigner", "immigrant", "refugee", "migrant", "prisoner", "inmate",
    "trader", "vendor", "merchant", "customer", "crowd", "spectator", "fan", "engineer",
    "technician", "contractor", "aid", "volunteer", "staff", "crew", "personnel", "relative",
    "son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "union",
    "unionist", "activist", "schoolgirl", "schoolboy", "pupil", "schoolchild", "kid", "elder",
    "chief", "villager", "herder", "fisherman", "miner", "policewoman", "servicemen", "serviceman",
    "marine", "sailor", "pilot", "cadet", "recruit", "gendarme", "ranger", "militiamen", "official",
}
#: plural nouns that name nobody in particular: not worth a victim node of their own
GENERIC_PEOPLE = {"people", "person", "persons", "other", "others", "individual", "one", "those", "victim",
                  "casualty", "dead", "wounded", "injured", "body"}  # fmt: skip
#: physical or institutional targets
FACILITY_NOUNS = {
    "building", "site", "office", "headquarters", "embassy", "consulate", "mosque", "church",
    "temple", "synagogue", "shrine", "school", "university", "college", "hospital", "clinic",
    "market", "marketplace", "bazaar", "mall", "shop", "store", "restaurant", "cafe", "hotel",
    "bank", "station", "checkpoint", "post", "base", "barracks", "camp", "prison", "jail",
    "court", "courthouse", "ministry", "parliament", "palace", "residence", "house", "home",
    "apartment", "farm", "estate", "plant", "factory", "refinery", "pipeline", "tower",
    "pylon", "bridge", "dam", "airport", "port", "harbor", "harbour", "road", "highway",
    "convoy", "vehicle", "car", "bus", "truck", "train", "plane", "aircraft", "helicopter",
    "boat", "ship", "tanker", "jeep", "patrol", "installation", "facility", "substation",
    "line", "power", "network", "antenna", "transmitter", "warehouse", "depot", "garage",
    "compound", "complex", "stadium", "theater", "theatre", "club", "bar", "nightclub",
    "venue", "square", "cemetery", "grave", "tomb", "mausoleum", "memorial", "monument",
    "village", "hamlet", "town", "neighborhood", "district", "border", "outpost",
}
#: gatherings an attack can strike ("during a ceremony")
EVENT_TARGET_NOUNS = {
    "ceremony", "rally", "procession", "funeral", "wedding", "celebration", "commemoration",
    "gathering", "march", "demonstration", "protest", "concert", "festival", "parade",
    "prayer", "prayers", "service", "mass", "meeting", "memorial", "vigil", "match",
}
#: "the province of X", "X province": what kind of place X is
PLACE_KIND_NOUNS = {
    "province": "Region", "state": "Region", "region": "Region", "department": "Region",
    "governorate": "Region", "county": "Region", "prefecture": "Region", "territory": "Region",
    "city": "City", "town": "City", "capital": "City", "village": "City", "municipality": "City",
    "country": "Country", "republic": "Country", "nation": "Country",
}  # fmt: skip

# --- speech and attribution ------------------------------------------------------------
SPEECH_VERBS = {
    "say": "Statement", "tell": "Statement", "add": "Statement", "note": "Statement",
    "state": "Statement", "announce": "Statement", "reveal": "Statement", "report": "Statement",
    "confirm": "Statement", "declare": "Statement", "explain": "Statement", "stress": "Statement",
    "warn": "Statement", "insist": "Statement", "assert": "Statement", "affirm": "Statement",
    "indicate": "Statement", "disclose": "Statement", "maintain": "Statement",
    "claim": "Statement", "allege": "Statement", "acknowledge": "Statement", "admit": "Statement",
    "write": "Statement", "tweet": "Statement", "describe": "Statement", "quote": "Statement",
    "deny": "Denial", "dismiss": "Denial", "reject": "Denial", "refute": "Denial",
    "accuse": "Accusation", "blame": "Accusation",
}  # fmt: skip
#: nouns of office: "the prosecutor said" refers back to a named prosecutor
TITLE_NOUNS = {
    "official", "prosecutor", "spokesman", "spokeswoman", "spokesperson", "minister", "chief",
    "commander", "governor", "mayor", "president", "director", "head", "general", "colonel",
    "police", "officer", "judge", "ambassador", "secretary", "leader", "source", "lawmaker",
    "senator", "deputy", "attorney", "inspector", "sheriff", "superintendent", "envoy",
    "representative", "analyst", "expert", "witness", "resident",
}

# --- casualty outcome words ----------------------------------------------------------
OUTCOME_WORDS = {
    "dead": "killed", "die": "killed", "kill": "killed", "death": "killed", "killed": "killed",
    "slay": "killed", "murder": "killed", "perish": "killed", "fatality": "killed", "body": "killed",
    "life": "killed", "lose": None,
    "wound": "injured", "injure": "injured", "hurt": "injured", "injury": "injured",
    "wounded": "injured", "injured": "injured", "casualty": None,
    "arrest": "arrested", "detain": "arrested", "apprehend": "arrested", "capture": "arrested",
    "nab": "arrested", "arrested": "arrested", "detained": "arrested",
}  # fmt: skip
OUTCOME_WORDS = {k: v for k, v in OUTCOME_WORDS.items() if v}

#: never names of people
PRONOUNS_LIKE = {"he", "she", "they", "him", "her", "them", "it", "we", "i", "you", "who"}
