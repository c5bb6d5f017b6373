"""The model layer: typed, immutable data, loaded from YAML with line numbers and validated."""

from .load import build_model, load_model, model_files, model_from_data, suggest
from .lookup import resolve
from .types import CONFIDENCES, KINDS, STATUSES, Location, Model, Node, Requirement

__all__ = [
    "CONFIDENCES",
    "KINDS",
    "STATUSES",
    "Location",
    "Model",
    "Node",
    "Requirement",
    "build_model",
    "load_model",
    "model_files",
    "model_from_data",
    "resolve",
    "suggest",
]
