CREATE TABLE `atproto_handles` (
	`handle` text PRIMARY KEY NOT NULL,
	`did` text,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `atproto_repos` (
	`did` text PRIMARY KEY NOT NULL,
	`remote_actor_id` text NOT NULL,
	`handle` text,
	`pds` text NOT NULL,
	`identity_checked_at` integer NOT NULL,
	`status` text DEFAULT 'ok' NOT NULL,
	`no_unauthenticated` integer DEFAULT false NOT NULL,
	`labels` text DEFAULT '[]' NOT NULL,
	`last_polled_at` integer,
	`next_poll_at` integer NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	FOREIGN KEY (`remote_actor_id`) REFERENCES `remote_actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `atproto_repos_remote_actor_id_unique` ON `atproto_repos` (`remote_actor_id`);--> statement-breakpoint
CREATE INDEX `atproto_repos_next_poll_idx` ON `atproto_repos` (`next_poll_at`);--> statement-breakpoint
ALTER TABLE `remote_actors` ADD `protocol` text DEFAULT 'activitypub' NOT NULL;--> statement-breakpoint
ALTER TABLE `remote_posts` ADD `protocol` text DEFAULT 'activitypub' NOT NULL;--> statement-breakpoint
ALTER TABLE `remote_posts` ADD `embed` text;