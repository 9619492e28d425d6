CREATE TABLE `remote_post_boosts` (
	`id` text PRIMARY KEY NOT NULL,
	`remote_post_id` text NOT NULL,
	`account_id` text NOT NULL,
	`activity_iri` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`remote_post_id`) REFERENCES `remote_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `remote_post_boosts_unique` ON `remote_post_boosts` (`account_id`,`remote_post_id`);--> statement-breakpoint
CREATE INDEX `remote_post_boosts_account_idx` ON `remote_post_boosts` (`account_id`,`id`);--> statement-breakpoint
CREATE INDEX `remote_post_boosts_post_idx` ON `remote_post_boosts` (`remote_post_id`);--> statement-breakpoint
CREATE TABLE `remote_post_reactions` (
	`remote_post_id` text NOT NULL,
	`account_id` text NOT NULL,
	`emoji` text NOT NULL,
	`activity_iri` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`remote_post_id`, `emoji`, `account_id`),
	FOREIGN KEY (`remote_post_id`) REFERENCES `remote_posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `remote_actors` ADD `emojis` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `remote_posts` ADD `emojis` text DEFAULT '[]' NOT NULL;