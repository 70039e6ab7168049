"""sebrief: turn a parliamentary written question and its answer into a workbook and a brief."""

__version__ = "0.1.0"
