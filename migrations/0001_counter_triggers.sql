-- Counters and timeline clean-up kept in step by the database itself, so that a
-- duplicate or concurrent request can never count twice.
CREATE TRIGGER follows_after_insert AFTER INSERT ON follows BEGIN
  UPDATE accounts SET following_count = following_count + 1 WHERE id = NEW.follower_id;
  UPDATE accounts SET followers_count = followers_count + 1 WHERE id = NEW.followee_id;
END;
--> statement-breakpoint
CREATE TRIGGER follows_after_delete AFTER DELETE ON follows BEGIN
  UPDATE accounts SET following_count = max(following_count - 1, 0) WHERE id = OLD.follower_id;
  UPDATE accounts SET followers_count = max(followers_count - 1, 0) WHERE id = OLD.followee_id;
END;
--> statement-breakpoint
CREATE TRIGGER posts_after_insert AFTER INSERT ON posts BEGIN
  UPDATE accounts SET posts_count = posts_count + 1 WHERE id = NEW.author_id;
  UPDATE posts SET replies_count = replies_count + 1 WHERE id = NEW.reply_to_id;
END;
--> statement-breakpoint
CREATE TRIGGER posts_after_soft_delete AFTER UPDATE OF deleted_at ON posts
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL BEGIN
  UPDATE accounts SET posts_count = max(posts_count - 1, 0) WHERE id = NEW.author_id;
  UPDATE posts SET replies_count = max(replies_count - 1, 0) WHERE id = NEW.reply_to_id;
  DELETE FROM home_entries WHERE post_id = NEW.id;
END;
