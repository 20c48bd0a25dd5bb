"""The network of actors: projection, analysis, camps, exports and the interactive page."""

# the sections of the network analysis, in the order they are shown
SECTIONS = ("centrality", "communities", "brokers", "camps")
