"""Node-link JSON: the whole dataset in one file, lossless.

The layout is NetworkX's node-link layout as NetworkX 3.6 writes it, with
the relations under ``edges`` (``nx.node_link_graph(data)`` reads it with its
defaults; NetworkX 3.4 and 3.5 need ``edges="edges"``; D3's force layout
wants ``links: data.edges``), with everything relgraph knows added to it:

``graph``
    the dataset's ``id``, ``title``, ``description`` and ``notes``;
    ``vocabulary``, what the dataset adds to the built-in vocabulary (the
    built-in vocabulary ships with relgraph and is not repeated);
    ``sources``, each with its ``text_path``, ``sha256`` **and its stored
    text**; ``claims``; and ``format``/``format_version``.
``nodes``
    one per entity, with every field of the entity.
``edges``
    one per relation, keyed by the relation's id, with every field and the
    evidence items; plus fields derived from the vocabulary for readers
    (``category``, ``label``, ``directed``…; see
    :data:`relgraph.records.DERIVED`).

Why the texts travel inside the file: a quote is only evidence if it can be
found in its source, so ``relgraph import json`` needs the texts to rebuild
and check the dataset. With the texts inside, one file is enough, and the
import writes each text back to its ``text_path`` beside the new dataset and
checks it against ``sha256``. ``texts=False`` leaves them out (the file is
smaller; the import then expects the texts to be in place already).

dataset → JSON → ``relgraph import json`` → dataset gives back equal model
objects: every field of every source, entity, relation, evidence item and
claim, the dataset's own fields and its vocabulary additions. (The YAML's
comments and layout are not kept.)

Examples
--------
>>> import relgraph, networkx as nx
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> data = node_link(ds)
>>> g = nx.node_link_graph(data, edges="edges")
>>> g.number_of_nodes() == len(ds.entities), g.number_of_edges() == len(ds.relations)
(True, True)
>>> data["graph"]["sources"][0]["sha256"][:12]
'3d13b64c3959'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, ClassVar

from relgraph.export.common import Exporter, Output
from relgraph.model import Dataset
from relgraph.records import FORMAT, node_link

# node_link and FORMAT live in relgraph.records, which the import
# reads too; they are named here as well, where they were first defined.
__all__ = ["FORMAT", "JSONExporter", "node_link"]


class JSONExporter(Exporter):
    """Node-link JSON carrying everything; ``relgraph import json`` reads it back."""

    name = "json"
    description = "node-link JSON carrying everything, source texts included (lossless)"
    suffix = ".json"
    defaults: ClassVar[Mapping[str, Any]] = {"texts": True}

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write the dataset as one JSON document, UTF-8, indented.

        Parameters
        ----------
        dataset : Dataset
            The dataset; it is not changed.
        out : Output
            Where the files go.

        Examples
        --------
        >>> import relgraph
        >>> from relgraph.export.common import MemoryOutput
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> out = MemoryOutput()
        >>> JSONExporter().write(ds, out)
        >>> import json
        >>> graph = json.loads(out.files()["graph.json"])
        >>> list(graph), graph["graph"]["id"], len(graph["edges"]) >= len(ds.relations)
        (['directed', 'multigraph', 'graph', 'nodes', 'edges'], 'cuba_iran', True)
        """
        stream = out.open_text("graph.json")
        json.dump(
            node_link(dataset, texts=self.options["texts"]), stream, ensure_ascii=False, indent=2
        )
        stream.write("\n")
