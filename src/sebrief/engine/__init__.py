"""The general engine: what any dataset of the genre says, computed from its blocks and rows.

``sebrief.engine.analyse.analyse`` makes the frozen brief (``sebrief.engine.brief``) both renderers
lay out; ``sebrief.engine.diff`` finds what changed between two versions of a dataset and
``sebrief.engine.changes`` tells it. The brief and the workbook lay these out; they compute
nothing of their own.
"""
