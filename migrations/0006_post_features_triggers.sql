-- Reaction counts, boost counts and the full-text index, kept in step by the database.
CREATE TRIGGER reactions_after_insert AFTER INSERT ON reactions BEGIN
  INSERT INTO reaction_counts (post_id, emoji, count) VALUES (NEW.post_id, NEW.emoji, 1)
    ON CONFLICT (post_id, emoji) DO UPDATE SET count = count + 1;
  UPDATE posts SET reactions_count = reactions_count + 1 WHERE id = NEW.post_id;
END;
--> statement-breakpoint
CREATE TRIGGER reactions_after_delete AFTER DELETE ON reactions BEGIN
  UPDATE reaction_counts SET count = count - 1 WHERE post_id = OLD.post_id AND emoji = OLD.emoji;
  DELETE FROM reaction_counts WHERE post_id = OLD.post_id AND emoji = OLD.emoji AND count <= 0;
  UPDATE posts SET reactions_count = max(reactions_count - 1, 0) WHERE id = OLD.post_id;
END;
--> statement-breakpoint
CREATE TRIGGER boosts_after_insert AFTER INSERT ON posts WHEN NEW.boost_of_id IS NOT NULL BEGIN
  UPDATE posts SET boosts_count = boosts_count + 1 WHERE id = NEW.boost_of_id;
END;
--> statement-breakpoint
CREATE TRIGGER boosts_after_soft_delete AFTER UPDATE OF deleted_at ON posts
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL AND NEW.boost_of_id IS NOT NULL BEGIN
  UPDATE posts SET boosts_count = max(boosts_count - 1, 0) WHERE id = NEW.boost_of_id;
END;
--> statement-breakpoint
-- Full-text search over post text and content warnings. The trigram tokenizer matches any
-- 3-character substring, so Japanese (no spaces between words) is searchable as well.
CREATE VIRTUAL TABLE posts_fts USING fts5(text, cw, content='posts', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER posts_fts_after_insert AFTER INSERT ON posts WHEN NEW.boost_of_id IS NULL BEGIN
  INSERT INTO posts_fts (rowid, text, cw) VALUES (NEW.rowid, NEW.text, coalesce(NEW.cw, ''));
END;
--> statement-breakpoint
CREATE TRIGGER posts_fts_after_edit AFTER UPDATE OF text, cw ON posts
WHEN OLD.boost_of_id IS NULL AND OLD.deleted_at IS NULL BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, text, cw) VALUES ('delete', OLD.rowid, OLD.text, coalesce(OLD.cw, ''));
  INSERT INTO posts_fts (rowid, text, cw) VALUES (NEW.rowid, NEW.text, coalesce(NEW.cw, ''));
END;
--> statement-breakpoint
CREATE TRIGGER posts_fts_after_soft_delete AFTER UPDATE OF deleted_at ON posts
WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL AND OLD.boost_of_id IS NULL BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, text, cw) VALUES ('delete', OLD.rowid, OLD.text, coalesce(OLD.cw, ''));
END;
--> statement-breakpoint
INSERT INTO posts_fts (rowid, text, cw) SELECT rowid, text, coalesce(cw, '') FROM posts WHERE boost_of_id IS NULL AND deleted_at IS NULL;
