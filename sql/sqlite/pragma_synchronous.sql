PRAGMA synchronous = NORMAL
