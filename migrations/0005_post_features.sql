CREATE TABLE `bookmarks` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`post_id` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bookmarks_unique` ON `bookmarks` (`account_id`,`post_id`);--> statement-breakpoint
CREATE INDEX `bookmarks_account_idx` ON `bookmarks` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `custom_emojis` (
	`shortcode` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `media` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`key` text NOT NULL,
	`content_type` text NOT NULL,
	`kind` text NOT NULL,
	`width` integer,
	`height` integer,
	`size` integer NOT NULL,
	`alt` text DEFAULT '' NOT NULL,
	`post_id` text,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `media_post_idx` ON `media` (`post_id`,`position`);--> statement-breakpoint
CREATE INDEX `media_account_idx` ON `media` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`type` text NOT NULL,
	`actor_id` text NOT NULL,
	`post_id` text,
	`community_id` text,
	`emoji` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notifications_account_idx` ON `notifications` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `pins` (
	`account_id` text NOT NULL,
	`post_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `post_id`)
);
--> statement-breakpoint
CREATE TABLE `post_edits` (
	`id` text PRIMARY KEY NOT NULL,
	`post_id` text NOT NULL,
	`text` text NOT NULL,
	`cw` text,
	`replaced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `post_edits_post_idx` ON `post_edits` (`post_id`,`id`);--> statement-breakpoint
CREATE TABLE `post_hashtags` (
	`tag` text NOT NULL,
	`post_id` text NOT NULL,
	PRIMARY KEY(`tag`, `post_id`)
);
--> statement-breakpoint
CREATE INDEX `post_hashtags_post_idx` ON `post_hashtags` (`post_id`);--> statement-breakpoint
CREATE TABLE `reaction_counts` (
	`post_id` text NOT NULL,
	`emoji` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`post_id`, `emoji`)
);
--> statement-breakpoint
CREATE TABLE `reactions` (
	`post_id` text NOT NULL,
	`account_id` text NOT NULL,
	`emoji` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`post_id`, `emoji`, `account_id`)
);
--> statement-breakpoint
CREATE INDEX `reactions_account_idx` ON `reactions` (`account_id`,`post_id`);--> statement-breakpoint
ALTER TABLE `accounts` ADD `notifications_read_id` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `quote_id` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `boost_of_id` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `reaction_acceptance` text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `sensitive` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `boosts_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `reactions_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `edited_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `posts_boost_unique` ON `posts` (`author_id`,`boost_of_id`) WHERE boost_of_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `posts_boost_of_idx` ON `posts` (`boost_of_id`) WHERE boost_of_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `posts_quote_idx` ON `posts` (`quote_id`) WHERE quote_id IS NOT NULL;