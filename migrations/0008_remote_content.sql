CREATE TABLE `remote_followings` (
	`account_id` text NOT NULL,
	`remote_actor_id` text NOT NULL,
	`follow_iri` text NOT NULL,
	`accepted_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `remote_actor_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`remote_actor_id`) REFERENCES `remote_actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `remote_followings_actor_idx` ON `remote_followings` (`remote_actor_id`);--> statement-breakpoint
CREATE TABLE `remote_reactions` (
	`post_id` text NOT NULL,
	`remote_actor_id` text NOT NULL,
	`emoji` text NOT NULL,
	`activity_iri` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `emoji`, `remote_actor_id`),
	FOREIGN KEY (`remote_actor_id`) REFERENCES `remote_actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `remote_reactions_actor_idx` ON `remote_reactions` (`remote_actor_id`,`activity_iri`);--> statement-breakpoint
ALTER TABLE `remote_actors` ADD `summary` text;--> statement-breakpoint
ALTER TABLE `remote_actors` ADD `avatar_url` text;--> statement-breakpoint
ALTER TABLE `remote_actors` ADD `url` text;--> statement-breakpoint
-- Remote reactions count like local ones (same counters as migrations/0006).
CREATE TRIGGER remote_reactions_after_insert AFTER INSERT ON remote_reactions BEGIN
  INSERT INTO reaction_counts (post_id, emoji, count) VALUES (NEW.post_id, NEW.emoji, 1)
    ON CONFLICT (post_id, emoji) DO UPDATE SET count = count + 1;
  UPDATE posts SET reactions_count = reactions_count + 1 WHERE id = NEW.post_id;
END;
--> statement-breakpoint
CREATE TRIGGER remote_reactions_after_delete AFTER DELETE ON remote_reactions BEGIN
  UPDATE reaction_counts SET count = count - 1 WHERE post_id = OLD.post_id AND emoji = OLD.emoji;
  DELETE FROM reaction_counts WHERE post_id = OLD.post_id AND emoji = OLD.emoji AND count <= 0;
  UPDATE posts SET reactions_count = max(reactions_count - 1, 0) WHERE id = OLD.post_id;
END;
