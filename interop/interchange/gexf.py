"""GEXF export (Gephi): the graph of ``interop.to_networkx``, attributes flattened, no timestamp."""

from __future__ import annotations

from ..analysis.graph import to_networkx
from ..analysis.scenario import ServiceGraph
from ..escape import escape_controls
from ..model import Model
from .flat import flat_graph


def to_gexf(source: Model | ServiceGraph) -> str:
    """GEXF 1.2 text. networkx stamps today's date into ``<meta>``; it is replaced by the model's
    ``as_of`` (or dropped) so the same model always gives the same bytes."""
    from xml.etree.ElementTree import tostring

    from networkx.readwrite.gexf import GEXFWriter

    graph = to_networkx(source)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(flat_graph(graph))
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
        if graph.graph.get("as_of"):
            meta.set("lastmodifieddate", str(graph.graph["as_of"]))
        for creator in meta.iter("creator"):
            creator.text = "interop"
    writer.indent(writer.xml)
    text = tostring(writer.xml, encoding="unicode")
    return escape_controls('<?xml version="1.0" encoding="utf-8"?>\n' + text.rstrip("\n") + "\n")
