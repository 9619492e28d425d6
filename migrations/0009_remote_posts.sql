CREATE TABLE `remote_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`iri` text NOT NULL,
	`actor_id` text NOT NULL,
	`url` text,
	`content` text DEFAULT '' NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`cw` text,
	`visibility` text NOT NULL,
	`in_reply_to` text,
	`published_at` integer NOT NULL,
	`updated_at` integer,
	`media` text DEFAULT '[]' NOT NULL,
	`sensitive` integer DEFAULT false NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`fetched_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `remote_actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `remote_posts_iri_unique` ON `remote_posts` (`iri`);--> statement-breakpoint
CREATE INDEX `remote_posts_actor_idx` ON `remote_posts` (`actor_id`,`id`);--> statement-breakpoint
CREATE INDEX `remote_posts_public_idx` ON `remote_posts` (`id`) WHERE visibility = 'public' AND deleted = 0;--> statement-breakpoint
CREATE INDEX `remote_posts_expires_idx` ON `remote_posts` (`expires_at`);