-- Ballots are append-only (decision-record.md, design.md "Data conventions"): refuse UPDATE and DELETE.
CREATE TRIGGER ballots_append_only BEFORE UPDATE OR DELETE ON ballots
  FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only();
