"""Interchange: export the model to other tools' formats, and import models from them.

Conversions are pure (model in, text out; text in, model data out); files are written by the
CLI (``interop export`` / ``interop import``). One module per format:

- ``graphml`` and ``gexf``: graph files for yEd, Gephi, Cytoscape (export);
- ``jsongraph``: a node-link JSON document (export);
- ``csvio``: nodes.csv and edges.csv for spreadsheets (export and import);
- ``openpsa``: Open-PSA MEF fault trees for SCRAM, XFTA, … (export one capability; import);
- ``yamlout``: write imported model data as a model YAML file.
"""

from __future__ import annotations

EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "open-psa")
IMPORT_FORMATS = ("open-psa", "csv")
