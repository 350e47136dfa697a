"""``relgraph evidence`` on the bundled Havana dataset: the accords' six-against-eight conflict.

The issue's bar: ``relgraph evidence --conflicts`` lists the conflict between the six accords
EFE and Tehran Times count and the six plus two memorandums teleSUR counts, with both quotes
and both sources, in every format a reader uses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from support import run

HAVANA = Path(__file__).resolve().parents[1] / "graph_data" / "raisi_havana_2023.yaml"

EFE_SIX = (
    "Cuban and Iranian officials signed six accords here Thursday as Presidents Miguel "
    "Diaz-Canel and Ebrahim Raisi looked on."
)
TELESUR_SIX = (
    "Iranian President Ebrahim Raisi's and Cuban President Miguel Diaz-Canel signed six "
    "cooperation agreements, including comprehensive government cooperation, political "
    "consultations between foreign ministries, and cooperation in telecommunications, "
    "information technology, and portable information and services."
)
TELESUR_TWO_MORE = (
    "Additionally, they signed two memorandums of understanding regarding customs matters and "
    "between their respective Ministries of Justice."
)
TEHRAN_SIX = (
    "Six cooperation documents and memorandums of understanding were signed between the "
    "senior officials of Iran and Cuba at the presence or Raisi and Diaz-Canel."
)

TABLE = f"""\
raisi_havana_2023: 1 with conflicts
relation iran-cuba-accords-2023-06-15: iran agreement cuba (reported)
  7 quotes · 3 sources · 2 independent origins (1 affiliated)
  origin 'agencia-efe' (Agencia EFE): sources efe-2023-06-16
  origin 'telesur-2023-06-15' (Cuba and Iran Sign Six Cooperation Agreements): sources \
telesur-2023-06-15
  origin 'tehrantimes-2023-06-15' (Iran, Cuba sign six agreements as Raisi visits Havana): \
sources tehrantimes-2023-06-15; affiliated with iran
  conflict [amount] amounts of 'agreement' disagree: 6 agreement (item 1, 'efe-2023-06-16'); \
8 agreement (item 5, 'telesur-2023-06-15'); 6 agreement (item 6, 'tehrantimes-2023-06-15')
    1. "{EFE_SIX}" (source 'efe-2023-06-16', origin 'agencia-efe', 6 agreement)
    5. "{TELESUR_TWO_MORE}" (source 'telesur-2023-06-15', origin 'telesur-2023-06-15', \
2 memorandum of understanding; 8 agreement)
    6. "{TEHRAN_SIX}" (source 'tehrantimes-2023-06-15', origin 'tehrantimes-2023-06-15', \
6 agreement)
"""


@pytest.mark.parametrize("fmt", [(), ("--format", "text")], ids=["default", "text"])
def test_the_havana_accords_conflict_is_listed_with_both_quotes_and_sources(
    fmt: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "evidence", "--conflicts", *fmt, str(HAVANA))
    assert (code, err) == (0, "")
    assert out == TABLE


def _item(quote: str, source: str, amounts: list[str], date: str | None = None) -> dict[str, Any]:
    return {
        "quote": quote,
        "source": source,
        "stance": "supports",
        "origin": "agencia-efe" if source == "efe-2023-06-16" else source,
        "amounts": amounts,
        "date": date,
        "reported": "2023-06-16" if source == "efe-2023-06-16" else "2023-06-15",
    }


def test_the_havana_accords_conflict_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "evidence", "--conflicts", "--format", "json", str(HAVANA))
    assert (code, err) == (0, "")
    efe, telesur, tehran = "efe-2023-06-16", "telesur-2023-06-15", "tehrantimes-2023-06-15"
    assert json.loads(out) == [
        {
            "kind": "relation",
            "id": "iran-cuba-accords-2023-06-15",
            "reading": "iran agreement cuba",
            "status": "reported",
            "modality": "occurred",
            "quotes": 7,
            "sources": [efe, telesur, tehran],
            "origins": [
                {
                    "id": "agencia-efe",
                    "label": "Agencia EFE",
                    "sources": [efe],
                    "affiliations": ["agencia-efe"],
                    "affiliated": False,
                    "ties": [],
                },
                {
                    "id": telesur,
                    "label": "Cuba and Iran Sign Six Cooperation Agreements",
                    "sources": [telesur],
                    "affiliations": [],
                    "affiliated": False,
                    "ties": [],
                },
                {
                    "id": tehran,
                    "label": "Iran, Cuba sign six agreements as Raisi visits Havana",
                    "sources": [tehran],
                    "affiliations": ["iran"],
                    "affiliated": True,
                    "ties": [{"origin": tehran, "actor": "iran", "end": "iran", "steps": []}],
                },
            ],
            "independent": 2,
            "affiliated": True,
            "conflicts": [
                {
                    "kind": "amount",
                    "message": (
                        "amounts of 'agreement' disagree: 6 agreement (item 1, "
                        f"'{efe}'); 8 agreement (item 5, '{telesur}'); 6 agreement (item 6, "
                        f"'{tehran}')"
                    ),
                    "items": [0, 4, 5],
                }
            ],
            "evidence": [
                _item(EFE_SIX, efe, ["6 agreement"]),
                _item(
                    "Cuban Foreign Minister Bruno Rodriguez Parrilla (R) and Iranian counterpart "
                    "Hossein Amir Abdollahian sign bilateral accords as Presidents Miguel "
                    "Diaz-Canel (R) and Ebrahim Raisi look on during a ceremony at the Palace of "
                    "the Revolution in Havana on 15 June 2023.",
                    efe,
                    [],
                    "2023-06-15",
                ),
                _item(
                    "to witness the signing of agreements on cooperation in foreign policy, "
                    "telecommunications and information technology, customs administration, and "
                    "justice.",
                    efe,
                    [],
                ),
                _item(TELESUR_SIX, telesur, ["6 cooperation agreement"]),
                _item(TELESUR_TWO_MORE, telesur, ["2 memorandum of understanding", "8 agreement"]),
                _item(TEHRAN_SIX, tehran, ["6 agreement"]),
                _item(
                    "The cooperation agreements are in areas of comprehensive political "
                    "cooperation, customs, digital communication, etc.",
                    tehran,
                    [],
                ),
            ],
        }
    ]
