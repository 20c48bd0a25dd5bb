"""The network of actors: projection, analysis, camps, exports and the interactive page."""

# the sections of the network analysis, in the order they are shown
SECTIONS = ("centrality", "communities", "brokers", "camps")
# the most actors a page draws: Chromium lays out 2,000 in about 5 s (bench/bench_viz.py) and did not draw
# 125,000 (21 MB) in 120 s
MAX_PAGE_ACTORS = 5000
