-- Full-text search over cached remote posts (plain text and content warning), with the
-- same trigram tokenizer as posts_fts so Japanese is searchable. External content on
-- remote_posts: rows leave the index with the cache (trim, sweep, tombstone).
CREATE VIRTUAL TABLE remote_posts_fts USING fts5(text, cw, content='remote_posts', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER remote_posts_fts_after_insert AFTER INSERT ON remote_posts BEGIN
  INSERT INTO remote_posts_fts (rowid, text, cw) VALUES (NEW.rowid, NEW.text, coalesce(NEW.cw, ''));
END;
--> statement-breakpoint
CREATE TRIGGER remote_posts_fts_after_update AFTER UPDATE OF text, cw ON remote_posts BEGIN
  INSERT INTO remote_posts_fts (remote_posts_fts, rowid, text, cw) VALUES ('delete', OLD.rowid, OLD.text, coalesce(OLD.cw, ''));
  INSERT INTO remote_posts_fts (rowid, text, cw) VALUES (NEW.rowid, NEW.text, coalesce(NEW.cw, ''));
END;
--> statement-breakpoint
CREATE TRIGGER remote_posts_fts_after_delete AFTER DELETE ON remote_posts BEGIN
  INSERT INTO remote_posts_fts (remote_posts_fts, rowid, text, cw) VALUES ('delete', OLD.rowid, OLD.text, coalesce(OLD.cw, ''));
END;
--> statement-breakpoint
INSERT INTO remote_posts_fts (rowid, text, cw) SELECT rowid, text, coalesce(cw, '') FROM remote_posts;
