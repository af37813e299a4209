-- Every change to aliases, by any writer, notifies listening stores (delivered at commit) so that
-- their in-process alias caches drop what they hold.
CREATE FUNCTION vigil_aliases_notify() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('vigil_aliases', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER aliases_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON aliases
FOR EACH STATEMENT EXECUTE FUNCTION vigil_aliases_notify();
