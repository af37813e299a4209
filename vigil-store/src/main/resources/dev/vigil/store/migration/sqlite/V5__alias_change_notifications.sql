-- SQLite resolves aliases with a local read (no round trip), so it keeps no alias cache and needs no
-- change notifications; this version exists so that both dialects share version numbers.
SELECT 1;
