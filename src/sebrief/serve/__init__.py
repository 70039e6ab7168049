"""``sebrief serve``: the whole workflow in the browser, on the user's own machine.

``app`` holds the routes, ``security`` the rules every request passes (token, host, origin, size,
paths), ``workspace`` the opened dataset folder (edits, saves, checks, preview), ``form`` the
form of dataset.yaml and ``source`` the source text with its quoted passages marked.
"""
