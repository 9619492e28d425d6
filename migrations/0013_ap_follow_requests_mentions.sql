CREATE TABLE `follow_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`requester_id` text,
	`remote_actor_id` text,
	`follow_iri` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requester_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`remote_actor_id`) REFERENCES `remote_actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `follow_requests_account_idx` ON `follow_requests` (`account_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `follow_requests_local_unique` ON `follow_requests` (`account_id`,`requester_id`) WHERE requester_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `follow_requests_remote_unique` ON `follow_requests` (`account_id`,`remote_actor_id`) WHERE remote_actor_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `remote_boosts` (
	`post_id` text NOT NULL,
	`remote_actor_id` text NOT NULL,
	`activity_iri` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `remote_actor_id`),
	FOREIGN KEY (`remote_actor_id`) REFERENCES `remote_actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `remote_boosts_actor_idx` ON `remote_boosts` (`remote_actor_id`,`activity_iri`);--> statement-breakpoint
CREATE TABLE `remote_post_audience` (
	`account_id` text NOT NULL,
	`remote_post_id` text NOT NULL,
	PRIMARY KEY(`account_id`, `remote_post_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`remote_post_id`) REFERENCES `remote_posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `remote_post_audience_post_idx` ON `remote_post_audience` (`remote_post_id`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `locked` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `in_reply_to_uri` text;--> statement-breakpoint
ALTER TABLE `remote_actors` ADD `deleted_at` integer;--> statement-breakpoint
ALTER TABLE `remote_posts` ADD `boost_of_id` text;