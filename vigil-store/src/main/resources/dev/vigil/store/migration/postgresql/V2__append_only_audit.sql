CREATE FUNCTION vigil_alias_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'alias_events is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER alias_events_no_change BEFORE UPDATE OR DELETE ON alias_events
FOR EACH ROW EXECUTE FUNCTION vigil_alias_events_append_only();
