// Reads a GEXF or GraphML file with graphology's own parsers and prints what a user of
// Gephi Lite or sigma.js would get: every node and edge with its attribute names.
//   node read_graph.js gexf FILE   |   node read_graph.js graphml FILE
"use strict";
const fs = require("fs");
const { MultiGraph } = require("graphology");
const [format, file] = process.argv.slice(2);
const text = fs.readFileSync(file, "utf-8");
const parser = format === "gexf" ? require("graphology-gexf") : require("graphology-graphml");
const graph = parser.parse(MultiGraph, text);
const out = { nodes: {}, edges: {} };
graph.forEachNode((key, attrs) => { out.nodes[key] = attrs; });
graph.forEachEdge((key, attrs, source, target) => {
  out.edges[key] = { source, target, attributes: attrs };
});
process.stdout.write(JSON.stringify(out));
