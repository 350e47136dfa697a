"""Story views (``views:``): located errors, the JSON Lines record, exports, page data."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

import relgraph
from relgraph.errors import DatasetError
from relgraph.export import export
from relgraph.filters import Filter
from relgraph.imports import import_json
from relgraph.model import PartialDate, View
from relgraph.rendering import page_data
from relgraph.schema import dataset_schema
from support import BASE_YAML, SOURCE_TEXT, run, sha256_of

ROOT = Path(__file__).resolve().parents[1]

# the base dataset, its relation given an id a view can name
BASE = BASE_YAML.replace("  - source: iran\n", "  - id: accord\n    source: iran\n", 1)

VIEWS = """\
views:
  - id: accord
    title: The 2006 agreement
    caption: What the article says of it.
    actors: [iran]
    relations: [accord]
    hide_kinds: [group]
    hide_statuses: [alleged]
    from: 2006
    to: 2006-12
  - id: all
    title: Everyone
"""


def write(folder: Path, text: str) -> Path:
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = folder / "demo.yaml"
    path.write_text(text.format(sha=sha256_of(SOURCE_TEXT)), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DatasetError) as info:
        relgraph.load(path)
    return [str(d).replace(str(path), "{path}") for d in info.value.diagnostics]


def test_views_load_in_order_with_their_fields(tmp_path: Path) -> None:
    ds = relgraph.load(write(tmp_path, BASE + VIEWS))
    assert ds.views == (
        View(
            id="accord",
            title="The 2006 agreement",
            caption="What the article says of it.",
            actors=("iran",),
            relations=("accord",),
            hide_kinds=("group",),
            hide_statuses=("alleged",),
            date_from=PartialDate.parse("2006"),
            date_to=PartialDate.parse("2006-12"),
        ),
        View(id="all", title="Everyone"),
    )
    assert ds.views[0].location is not None
    assert ds.views[0].location.line == 31


@pytest.mark.parametrize(("start", "end"), [("2006-01-15", "2006-01-15"), ("2006-12-31", "2006")])
def test_a_view_of_one_day_is_kept(tmp_path: Path, start: str, end: str) -> None:
    views = f"views:\n  - id: day\n    title: One day\n    from: {start}\n    to: {end}\n"
    (view,) = relgraph.load(write(tmp_path, BASE + views)).views
    assert (str(view.date_from), str(view.date_to)) == (start, end)


def test_a_view_names_actors_and_relations_by_their_old_ids_too(tmp_path: Path) -> None:
    merged = BASE.replace(
        "    name: Cuba\n", "    name: Cuba\n    referents: [republic-of-cuba]\n"
    ).replace("  - id: accord\n", "  - id: accord\n    referents: [old-accord]\n")
    views = (
        "views:\n  - id: v\n    title: V\n    actors: [republic-of-cuba, cuba, iran]\n"
        "    relations: [old-accord]\n    hide_kinds: [group, group]\n"
    )
    (view,) = relgraph.load(write(tmp_path, merged + views)).views
    # each named once, in the order first written
    assert (view.actors, view.relations, view.hide_kinds) == (
        ("cuba", "iran"),
        ("accord",),
        ("group",),
    )


def test_a_view_naming_a_broken_actor_or_an_id_that_is_no_text_is_refused(tmp_path: Path) -> None:
    broken = BASE.replace(
        "    name: Hamas\n    kind: group\n", "    name: Hamas\n    kind: militia\n"
    )
    views = (
        "views:\n  - id: v\n    title: V\n    actors: [hamas, [a], 7]\n    hide_statuses: [[x]]\n"
    )
    # hamas is named where it is declared, not again in the view
    assert [line.split("\n")[0] for line in problems(write(tmp_path, broken + views))] == [
        "{path}:19:11: error[unknown-kind] 'militia' is not an entity kind",
        "{path}:33:21: error[wrong-type] 'actors' of a view must be a list of entity ids, "
        "not a list",
        "{path}:33:26: error[unknown-entity] '7' is not an entity of the dataset",
        "{path}:34:21: error[wrong-type] 'hide_statuses' of a view must be a list of status ids, "
        "not a list",
    ]


def test_the_bundled_story_validates_against_the_schema() -> None:
    doc = yaml.safe_load((ROOT / "graph_data" / "cuba_iran.yaml").read_text(encoding="utf-8"))
    assert [v["id"] for v in doc["views"]] == ["agreements", "raisi-visit", "dated", "allegations"]
    jsonschema.validate(doc, dataset_schema())
    bad = {**doc, "views": [{"id": "x", "title": "X", "hide_statuses": ["rumoured"]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, dataset_schema())


BROKEN = """\
views:
  - id: accord
    title: One
    actors: [irn]
    relations: [acord]
  - id: accord
    title: Two
    hide_categories: [economy]
    hide_kinds: [militia]
    hide_statuses: [rumoured]
  - title: No id
  - id: untitled
  - id: backwards
    title: Backwards
    from: 2007
    to: 2006
    zoom: 2
"""


def test_every_broken_view_is_named_at_its_place(tmp_path: Path) -> None:
    assert problems(write(tmp_path, BASE + BROKEN)) == [
        "{path}:33:14: error[unknown-entity] 'irn' is not an entity of the dataset\n"
        "  hint: did you mean 'iran'? entities are listed under 'entities:'",
        "{path}:34:17: error[unknown-relation] 'acord' is not a relation of the dataset\n"
        "  hint: did you mean 'accord'? relations are listed under 'relations:'",
        "{path}:35:9: error[duplicate-id] the view id 'accord' is already used at "
        "{path}:31\n  hint: give each one a different id",
        "{path}:37:23: error[unknown-category] 'economy' is not a category\n"
        "  hint: did you mean 'economic'? choose from: diplomatic, economic, "
        "military_security, political_stance, affiliation, support",
        "{path}:38:18: error[unknown-entity-kind] 'militia' is not an entity kind\n"
        "  hint: choose from: state, official, person, organization, company, group, media, "
        "territory",
        "{path}:39:21: error[unknown-status] 'rumoured' is not a status\n"
        "  hint: choose from: confirmed, reported, alleged, disputed, denied",
        "{path}:40:5: error[missing-field] this view has no 'id'\n"
        "  hint: add 'id: <a-readable-slug>'",
        "{path}:41:5: error[missing-field] this view has no 'title'\n"
        "  hint: add 'title: <what this step shows>'",
        "{path}:45:9: error[bad-date-range] the view's 'to' (2006) comes before its 'from' "
        "(2007)\n  hint: swap them, or correct the one that is wrong",
        "{path}:46:5: error[unknown-field] 'zoom' is not a field of a view\n"
        "  hint: a view has: id, title, caption, actors, relations, hide_kinds, "
        "hide_categories, hide_statuses, from, to",
    ]


def test_the_command_line_names_a_broken_view(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, BASE + "views:\n  - id: v\n    title: V\n    actors: [cubba]\n")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{path}:33:14: error[unknown-entity] 'cubba' is not an entity of the dataset",
        "  hint: did you mean 'cuba'? entities are listed under 'entities:'",
    ]
    assert "Traceback" not in err


def test_a_json_lines_view_is_checked_on_its_line(tmp_path: Path) -> None:
    ds = relgraph.load(write(tmp_path / "a", BASE + VIEWS))
    (tmp_path / "b").mkdir()
    export(ds, "jsonl", tmp_path / "b" / "demo.jsonl")
    path = tmp_path / "b" / "demo.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-2])["record"] == "view"
    assert relgraph.load(path).views == ds.views
    lines.append(json.dumps({"record": "view", "id": "all", "title": "Again", "actors": ["x"]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n = len(lines)
    assert problems(path) == [
        f"{{path}}:{n}:26: error[duplicate-id] the view id 'all' is already used at "
        f"{{path}}:{n - 1}\n  hint: give each one a different id",
        f"{{path}}:{n}:62: error[unknown-entity] 'x' is not an entity of the dataset\n"
        "  hint: entities are listed under 'entities:'",
    ]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_views_survive_export_and_import(fmt: str, tmp_path: Path) -> None:
    ds = relgraph.load(write(tmp_path / "a", BASE + VIEWS))
    export(ds, fmt, tmp_path / f"g.{fmt}")
    (tmp_path / "b").mkdir()
    back = import_json(tmp_path / f"g.{fmt}", tmp_path / "b" / "demo.yaml")
    assert back.views == ds.views
    assert "views:\n" in (tmp_path / "b" / "demo.yaml").read_text(encoding="utf-8")


def test_a_filtered_export_names_only_what_it_keeps(tmp_path: Path) -> None:
    ds = relgraph.load(write(tmp_path / "a", BASE + VIEWS))
    narrowed = Filter(kinds=("group",)).apply(ds)  # no state left, so no relation either
    export(narrowed, "json", tmp_path / "g.json")
    written = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert written["graph"]["views"][0]["actors"] == []
    assert written["graph"]["views"][0]["relations"] == []
    (tmp_path / "b").mkdir()
    back = import_json(tmp_path / "g.json", tmp_path / "b" / "demo.yaml")
    assert [v.id for v in back.views] == ["accord", "all"]


def test_the_page_gets_the_views_it_can_show(tmp_path: Path) -> None:
    ds = relgraph.load(write(tmp_path, BASE + VIEWS))
    data = page_data(ds)
    assert data["views"] == [
        {
            "id": "accord",
            "title": "The 2006 agreement",
            "caption": "What the article says of it.",
            "actors": ["iran"],
            "relations": ["accord"],
            "hide_kinds": ["group"],
            "hide_statuses": ["alleged"],
            "from": "2006",
            "to": "2006-12",
        },
        {"id": "all", "title": "Everyone"},
    ]
    narrowed = Filter(kinds=("group",)).apply(ds)
    assert page_data(narrowed)["views"][0].get("relations") is None


def test_the_readme_views_example_is_a_valid_story(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(views:.*?)```", readme, re.S)
    assert block is not None
    bundled = (ROOT / "graph_data" / "cuba_iran.yaml").read_text(encoding="utf-8")
    (tmp_path / "sources").mkdir()
    shutil.copy(
        ROOT / "graph_data" / "sources" / "cuba_iran_relations.txt",
        tmp_path / "sources" / "cuba_iran_relations.txt",
    )
    head = bundled[: bundled.index("\nviews:\n")]
    (tmp_path / "story.yaml").write_text(head + "\n" + block.group(1), encoding="utf-8")
    ds = relgraph.load(tmp_path / "story.yaml")
    assert [v.id for v in ds.views] == ["agreements", "dated", "allegations"]
    assert ds.views[2].hide_statuses == ("confirmed", "reported")
