-- Boosts of local posts by remote actors (inbound Announce) count like local boosts.
CREATE TRIGGER remote_boosts_after_insert AFTER INSERT ON remote_boosts BEGIN
  UPDATE posts SET boosts_count = boosts_count + 1 WHERE id = NEW.post_id;
END;
--> statement-breakpoint
CREATE TRIGGER remote_boosts_after_delete AFTER DELETE ON remote_boosts BEGIN
  UPDATE posts SET boosts_count = max(boosts_count - 1, 0) WHERE id = OLD.post_id;
END;
