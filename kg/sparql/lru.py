"""A bounded, thread-safe map that forgets the least recently used entry first: the server's caches of
cheap queries (kg.sparql.routing) and of pages and descriptions (kg.web.cache)."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock


class LRUCache:
    """Values by key, at most `size` of them, the least recently used dropped first; thread-safe."""

    def __init__(self, size: int):
        self.size, self.entries, self.lock = size, OrderedDict(), Lock()

    def get(self, key):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
            return self.entries.get(key)

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
