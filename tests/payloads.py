"""Script-injection payloads, and the small datasets the render tests use.

Each payload, were it ever executed, sets ``window.__pwned`` to its own id
(or calls ``alert``), so a browser test can tell which one got through.

:func:`write_sample_dataset` writes a small, realistic dataset (parallel
relations, allegations, a denial, dates, claims, aliases); and
:func:`write_payload_dataset` one in which every text field holds every
payload: dataset title, description, notes, license and authors; the labels
and descriptions of its own entity kinds, categories and relation types;
entity names, aliases, countries, descriptions, tags and external ids; source
titles, publishers, notes and (within what validation accepts) URLs; relation
notes; quotes, who they are attributed to and the evidence items' notes;
claim statements and notes (names, aliases, tags and external ids are one line, so
they hold each payload with its tabs and line breaks made spaces: :func:`one_line`).
Ids are slugs, so no payload can be one; but the
items of the payload :data:`PROTO_PID` all have the id ``constructor``, the one member
of ``Object.prototype`` spelled as a slug, and its actor's external ids are named
after the others (``__proto__``, ``toString``, ``hasOwnProperty``, ``valueOf``...).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml


def _js(pid: str) -> str:
    return f"window.__pwned='{pid}'"


#: (id, text) pairs. Every one is built to run ``window.__pwned = id`` if the page ever
#: treats it as markup, as a URL, as a template or as script.
PAYLOADS: list[tuple[str, str]] = [
    ("p01", f'"><img src=x onerror="{_js("p01")}">'),
    ("p02", f"</script><script>{_js('p02')}</script>"),
    ("p03", f"<script>{_js('p03')}</script>"),
    ("p04", f'<svg onload="{_js("p04")}">'),
    ("p05", "<iframe srcdoc=\"<script>parent.__pwned='p05'</script>\"></iframe>"),
    ("p06", f"javascript:{_js('p06')}"),
    ("p07", f"data:text/html,<script>{_js('p07')}</script>"),
    ("p08", 'vbscript:msgbox("p08")'),
    ("p09", "{{7*7}}{{constructor.constructor(\"window.__pwned='p09'\")()}}"),
    ("p10", f"{{% if 1 %}}{{{{ ''.__class__ }}}}{{% endif %}}<script>{_js('p10')}</script>"),
    ("p11", f"\u2028{_js('p11')}\u2029</script>\u2028<script>{_js('p11')}</script>"),
    ("p12", "';window.__pwned='p12';'"),
    ("p13", "\";window.__pwned='p13';\""),
    ("p14", f"<img src=x onerror={_js('p14')}//"),
    ("p15", f'<body onload="{_js("p15")}">'),
    ("p16", f'<details open ontoggle="{_js("p16")}">'),
    ("p17", f'<a href="javascript:{_js("p17")}">click</a>'),
    ("p18", f'<style>*{{background:url("javascript:{_js("p18")}")}}</style>'),
    ("p19", f'<div style="width:expression({_js("p19")})">css</div>'),
    ("p20", f'<math><mtext><table><mglyph><style><img src=x onerror="{_js("p20")}">'),
    ("p21", f'<!--<img src="--><img src=x onerror="{_js("p21")}">'),
    ("p22", f"<scr<script>ipt>{_js('p22')}</scr</script>ipt>"),
    ("p23", "\\u003cscript\\u003ewindow.__pwned='p23'\\u003c/script\\u003e"),
    ("p24", "&lt;script&gt;window.__pwned='p24'&lt;/script&gt;"),
    ("p25", f'<object data="javascript:{_js("p25")}"></object>'),
    ("p26", f'<embed src="javascript:{_js("p26")}">'),
    ("p27", f'<input autofocus onfocus="{_js("p27")}">'),
    ("p28", f'<video><source onerror="{_js("p28")}"></video>'),
    ("p29", f'<marquee onstart="{_js("p29")}">m</marquee>'),
    ("p30", f'<base href="javascript:{_js("p30")}//">'),
    ("p31", f'<meta http-equiv="refresh" content="0;url=javascript:{_js("p31")}">'),
    ("p32", f'<form><button formaction="javascript:{_js("p32")}">x</button></form>'),
    ("p33", f"<svg><script>{_js('p33')}</script></svg>"),
    ("p34", f'<svg><a xlink:href="javascript:{_js("p34")}"><text>x</text></a></svg>'),
    ("p35", '<img src="x:gif" onerror="eval(atob(\'d2luZG93Ll9fcHduZWQ9J3AzNSc=\'))">'),
    ("p36", f"<!--</script><script>{_js('p36')}//-->"),
    ("p37", f"<![CDATA[</script><script>{_js('p37')}</script>]]>"),
    ("p38", "%3Cscript%3Ewindow.__pwned='p38'%3C/script%3E"),
    ("p39", "\uff1cscript\uff1ewindow.__pwned='p39'\uff1c/script\uff1e"),
    ("p40", "${window.__pwned='p40'}`${window.__pwned='p40'}`"),
    ("p41", "__proto__ constructor prototype toString hasOwnProperty"),
    ("p42", "<img src=x onerror=&#119;indow.__pwned='p42'>"),
    ("p43", "javascript&colon;window.__pwned='p43'"),
    ("p44", "<a href=\"&#106;avascript:window.__pwned='p44'\">x</a>"),
    ("p45", f"\t\r\n<script>{_js('p45')}</script>\r\n"),
    ("p46", f'<noscript><p title="</noscript><img src=x onerror={_js("p46")}>">'),
    ("p47", f'<script src="data:text/javascript,{_js("p47")}"></script>'),
    ("p48", f'" onmouseover="{_js("p48")}" x="'),
    ("p49", "' onfocus='window.__pwned=\"p49\"' autofocus='"),
    ("p50", f"</title><script>{_js('p50')}</script>"),
    ("p51", f"</textarea><script>{_js('p51')}</script>"),
    ("p52", f"</style><script>{_js('p52')}</script>"),
    ("p53", f"\u202e<script>{_js('p53')}</script>\u202d"),
    ("p54", f'<img srcset=",,,,,x" onerror="{_js("p54")}">'),
    ("p55", "<script>alert('p55')</script><img src=x onerror=confirm('p55')>"),
    ("p56", f"<template><script>{_js('p56')}</script></template>"),
    ("p57", f'<link rel="import" href="data:text/html,<script>{_js("p57")}</script>">'),
    ("p58", f"]]></script><!-- --><script>{_js('p58')}</script>"),
]

PAYLOAD_IDS = [pid for pid, _ in PAYLOADS]

#: The payload whose kind, category, relation type, source, actor, relation and claim
#: are all called ``constructor``: a page that indexes data with plain objects finds
#: ``Object.prototype.constructor`` there instead.
PROTO_PID = "p41"
#: Names of ``Object.prototype``'s members, as external id names of that actor.
PROTO_NAMES = [
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "__defineGetter__",
    "__lookupGetter__",
]


def one_line(text: str) -> str:
    """``text`` as a name may hold it: tabs and line breaks made spaces (names are one line)."""
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def payload_id(prefix: str, pid: str) -> str:
    """The id of one of the payload dataset's items: ``e-p01``, or ``constructor``."""
    return "constructor" if pid == PROTO_PID else f"{prefix}-{pid}"


class _Dumper(yaml.SafeDumper):
    """Never writes anchors or aliases (relgraph refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(folder: Path, doc: dict[str, Any]) -> Path:
    path = folder / "dataset.yaml"
    path.write_text(
        yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000),
        encoding="utf-8",
    )
    return path


def _source_text(folder: Path, name: str, text: str) -> tuple[str, str]:
    (folder / "sources").mkdir(exist_ok=True)
    path = folder / "sources" / name
    path.write_text(text, encoding="utf-8")
    return f"sources/{name}", _sha(path)


SAMPLE_TEXT = """\
Atlantis and Borduria sign a trade pact.

The foreign minister of Atlantis, Ana Cruz, visited Borduria in March 2021. "We are \
partners in everything," Cruz said in the capital.

Borduria and Atlantis signed an agreement on energy supplies in 2021. The two states also \
trade in sugar and oil.

Some officials claimed that Borduria allegedly hosts a listening post of Atlantis on its \
northern coast. Borduria denied hosting any foreign base at all.

Observers dispute whether the Northern Front receives weapons from Borduria; it is a \
disputed point.

The Atlantis News Agency speaks for the government of Atlantis. Cruz praised the Borduria \
Trading Company for its work.

Zenda has no ties to the others in this text. Ana Cruz is a member of the Party of Atlantis.
"""


def write_sample_dataset(folder: Path) -> Path:
    """A small dataset with every feature the page draws; returns the YAML path."""
    folder.mkdir(parents=True, exist_ok=True)
    rel, sha = _source_text(folder, "pact.txt", SAMPLE_TEXT)
    rel2, sha2 = _source_text(folder, "second.txt", SAMPLE_TEXT.replace("pact", "deal"))
    doc: dict[str, Any] = {
        "dataset": {
            "id": "sample",
            "title": "Atlantis & Borduria <sample>",
            "description": "A made-up dataset for testing the graph page.",
            "notes": "Nothing here is real.",
        },
        "sources": [
            {
                "id": "pact",
                "title": "Atlantis and Borduria sign a trade pact",
                "publisher": "The Daily Example",
                "url": "https://example.org/pact",
                "published": "2021-03-14",
                "reliability": "B",
                "text": rel,
                "sha256": sha,
            },
            {
                "id": "second",
                "title": "A second report",
                "reliability": "C",
                "text": rel2,
                "sha256": sha2,
            },
        ],
        "entities": [
            {
                "id": "atlantis",
                "name": "Atlantis",
                "kind": "state",
                "aliases": ["Republic of Atlantis", "ATL"],
                "description": "A made-up island state.",
            },
            {"id": "borduria", "name": "Borduria", "kind": "state", "aliases": ["Bordurian State"]},
            {
                "id": "ana-cruz",
                "name": "Ana Cruz",
                "kind": "official",
                "aliases": ["Cruz", "Minister Cruz"],
                "country": "Atlantis",
                "description": "Foreign minister of Atlantis.",
            },
            {"id": "northern-front", "name": "Northern Front", "kind": "group"},
            {
                "id": "atlantis-news",
                "name": "Atlantis News Agency",
                "kind": "media",
                "aliases": ["ANA"],
            },
            {"id": "btc", "name": "Borduria Trading Company", "kind": "company"},
            {"id": "party", "name": "Party of Atlantis", "kind": "organization"},
            {"id": "zenda", "name": "Zenda", "kind": "state"},
        ],
        "relations": [
            {
                "id": "cruz-visit",
                "source": "ana-cruz",
                "target": "borduria",
                "type": "visit",
                "status": "reported",
                "date": "2021-03",
                "evidence": [
                    {
                        "quote": "Ana Cruz, visited Borduria in March 2021",
                        "source": "pact",
                        "credibility": 2,
                    }
                ],
            },
            {
                "id": "energy-agreement",
                "source": "atlantis",
                "target": "borduria",
                "type": "agreement",
                "status": "confirmed",
                "date": "2021",
                "evidence": [
                    {
                        "quote": "signed an agreement on energy supplies in 2021",
                        "source": "pact",
                    },
                    {
                        "quote": "signed an agreement on energy supplies in 2021",
                        "source": "second",
                    },
                ],
            },
            {
                "id": "sugar-trade",
                "source": "atlantis",
                "target": "borduria",
                "type": "trade",
                "status": "reported",
                "start": "2019",
                "notes": "Sugar and oil.",
                "evidence": [
                    {"quote": "The two states also trade in sugar and oil", "source": "pact"}
                ],
            },
            {
                "id": "listening-post",
                "source": "borduria",
                "target": "atlantis",
                "type": "hosts_base",
                "status": "alleged",
                "evidence": [
                    {
                        "quote": "Borduria allegedly hosts a listening post of Atlantis",
                        "source": "pact",
                        "attributed_to": "Some officials",
                        "credibility": 4,
                    }
                ],
            },
            {
                "id": "base-denied",
                "source": "borduria",
                "target": "atlantis",
                "type": "hosts_base",
                "status": "denied",
                "evidence": [
                    {
                        "quote": "Borduria denied hosting any foreign base at all",
                        "source": "pact",
                        "attributed_to": "borduria",
                    }
                ],
            },
            {
                "id": "front-weapons",
                "source": "borduria",
                "target": "northern-front",
                "type": "material_support",
                "status": "disputed",
                "evidence": [
                    {
                        "quote": "the Northern Front receives weapons from Borduria",
                        "source": "second",
                    }
                ],
            },
            {
                "id": "agency-speaks",
                "source": "atlantis-news",
                "target": "atlantis",
                "type": "speaks_for",
                "status": "reported",
                "evidence": [
                    {
                        "quote": "The Atlantis News Agency speaks for the government of Atlantis",
                        "source": "pact",
                    }
                ],
            },
            {
                "id": "cruz-praise",
                "source": "ana-cruz",
                "target": "btc",
                "type": "praise",
                "status": "reported",
                "date": "2021-03-14",
                "evidence": [
                    {
                        "quote": "Cruz praised the Borduria Trading Company for its work",
                        "source": "pact",
                        "attributed_to": "ana-cruz",
                    }
                ],
            },
            {
                "id": "cruz-member",
                "source": "ana-cruz",
                "target": "party",
                "type": "member_of",
                "status": "reported",
                "evidence": [
                    {"quote": "Ana Cruz is a member of the Party of Atlantis", "source": "second"}
                ],
            },
        ],
        "claims": [
            {
                "id": "cruz-partners",
                "entity": "ana-cruz",
                "statement": "Cruz calls Borduria a partner.",
                "status": "reported",
                "evidence": [
                    {"quote": '"We are partners in everything," Cruz said', "source": "pact"}
                ],
            },
        ],
    }
    return _write(folder, doc)


def _url(text: str) -> str:
    """An https address that carries ``text`` while passing validation (no white space)."""
    import urllib.parse

    return "https://example.org/?q=" + urllib.parse.quote(text, safe="<>\"'/:;=(){}`$&#%*!,")


def write_payload_dataset(folder: Path) -> Path:
    """A dataset with every payload in every text field; returns the YAML path."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [text for _, text in PAYLOADS]
    everything = " ".join(texts)
    n = len(PAYLOADS)
    statuses = ["alleged", "reported", "disputed", "denied", "confirmed"]
    kinds, categories, types, sources, entities, relations, claims = [], [], [], [], [], [], []
    for i, (pid, text) in enumerate(PAYLOADS):
        body = f"Report {pid}.\n\n{text}\n\nEnd of report {pid}.\n"
        rel, sha = _source_text(folder, f"{pid}.txt", body)
        kinds.append(
            {
                "id": payload_id("k", pid),
                "label": text,
                "color": "#336699",
                "shape": ["dot", "diamond", "square", "star"][i % 4],
                "description": text,
            }
        )
        categories.append(
            {"id": payload_id("c", pid), "label": text, "color": "#aa3311", "description": text}
        )
        types.append(
            {
                "id": payload_id("t", pid),
                "category": payload_id("c", pid),
                "label": text,
                "inverse_label": text,
                "directed": i % 2 == 0,
                "sign": ["cooperative", "hostile", "neutral"][i % 3],
                "source_kinds": "*",
                "target_kinds": "*",
                "description": text,
            }
        )
        sources.append(
            {
                "id": payload_id("s", pid),
                "title": text,
                "publisher": text,
                "url": _url(text),
                "published": "2020-01-02",
                "reliability": "ABCDEF"[i % 6],
                "notes": text,
                "text": rel,
                "sha256": sha,
            }
        )
        entities.append(
            {
                "id": payload_id("e", pid),
                "name": one_line(text),
                "kind": payload_id("k", pid),
                "aliases": [one_line(text), f"alias {pid}"],
                "country": text,
                "description": text,
                "tags": [one_line(text)],
                "external_ids": {"ref": one_line(text)}
                | ({name: one_line(text) for name in PROTO_NAMES} if pid == PROTO_PID else {}),
            }
        )
    for i, (pid, text) in enumerate(PAYLOADS):
        nxt = PAYLOADS[(i + 1) % n][0]
        status = statuses[i % len(statuses)]
        evidence = [
            {
                "quote": text,
                "source": payload_id("s", pid),
                "attributed_to": text,
                "credibility": 1 + i % 6,
                "notes": text,
            }
        ]
        if i % 3 == 0:
            evidence.append(
                {
                    "quote": text,
                    "source": payload_id("s", pid),
                    "attributed_to": payload_id("e", nxt),
                }
            )
        relations.append(
            {
                "id": payload_id("r", pid),
                "source": payload_id("e", pid),
                "target": payload_id("e", nxt),
                "type": payload_id("t", pid),
                "status": status,
                "date": f"20{10 + i % 15}",
                "notes": text,
                "evidence": evidence,
            }
        )
        if i % 4 == 0:  # a second, parallel relation between the same pair
            relations.append(
                {
                    "id": f"r2-{pid}",
                    "source": payload_id("e", nxt),
                    "target": payload_id("e", pid),
                    "type": payload_id("t", pid),
                    "status": "alleged",
                    "notes": text,
                    "evidence": [{"quote": text, "source": payload_id("s", pid)}],
                }
            )
        claims.append(
            {
                "id": payload_id("cl", pid),
                "entity": payload_id("e", pid),
                "statement": text,
                "status": statuses[(i + 1) % len(statuses)],
                "notes": text,
                "evidence": [
                    {
                        "quote": text,
                        "source": payload_id("s", pid),
                        "attributed_to": text,
                        "notes": text,
                    }
                ],
            }
        )
    doc = {
        "dataset": {
            "id": "payloads",
            "title": everything,
            "description": everything,
            "notes": everything,
            "license": everything,
            "authors": everything,
        },
        "vocabulary": {"categories": categories, "entity_kinds": kinds, "relation_types": types},
        "sources": sources,
        "entities": entities,
        "relations": relations,
        "claims": claims,
    }
    return _write(folder, doc)
