"""``sebrief serve``: the whole workflow in the browser, on the user's own machine.

``run`` starts the server, ``app`` holds the routes, ``security`` the rules every request passes
(token, host, origin, size, paths), ``workspace`` the opened dataset folder (edits, saves, checks,
preview, outputs), ``form`` the form of dataset.yaml, ``items`` the items added to and removed
from its lists, ``tables`` a table's CSV file as a grid, ``source`` the source text with its
quoted passages marked.
"""
