-- Member counters kept by the database (see 0001 for the same pattern on accounts).
CREATE TRIGGER community_members_after_insert AFTER INSERT ON community_members BEGIN
  UPDATE communities SET members_count = members_count + 1 WHERE id = NEW.community_id;
END;
--> statement-breakpoint
CREATE TRIGGER community_members_after_delete AFTER DELETE ON community_members BEGIN
  UPDATE communities SET members_count = max(members_count - 1, 0) WHERE id = OLD.community_id;
END;
--> statement-breakpoint
CREATE TRIGGER community_posts_after_soft_delete AFTER UPDATE OF deleted_at ON posts
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL AND NEW.community_id IS NOT NULL BEGIN
  UPDATE communities SET posts_count = max(posts_count - 1, 0) WHERE id = NEW.community_id;
END;
