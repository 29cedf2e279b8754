-- The audit log is append-only (security.md item 17): refuse UPDATE and DELETE at the database too.
CREATE OR REPLACE FUNCTION gongzhi_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
