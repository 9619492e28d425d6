CREATE TABLE `communities` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`slug_lower` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`rules` text DEFAULT '' NOT NULL,
	`icon_key` text,
	`banner_key` text,
	`owner_id` text NOT NULL,
	`parent_id` text,
	`root_id` text NOT NULL,
	`depth` integer DEFAULT 0 NOT NULL,
	`join_policy` text DEFAULT 'open' NOT NULL,
	`visibility` text DEFAULT 'public' NOT NULL,
	`slow_mode_seconds` integer DEFAULT 0 NOT NULL,
	`members_count` integer DEFAULT 0 NOT NULL,
	`posts_count` integer DEFAULT 0 NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_post_at` integer,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `communities_slug_lower_unique` ON `communities` (`slug_lower`);--> statement-breakpoint
CREATE INDEX `communities_parent_idx` ON `communities` (`parent_id`);--> statement-breakpoint
CREATE INDEX `communities_root_idx` ON `communities` (`root_id`);--> statement-breakpoint
CREATE INDEX `communities_directory_idx` ON `communities` (`visibility`,`last_post_at`);--> statement-breakpoint
CREATE TABLE `community_invites` (
	`code` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`created_by` text NOT NULL,
	`max_uses` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `community_join_requests` (
	`community_id` text NOT NULL,
	`account_id` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `account_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `community_members` (
	`community_id` text NOT NULL,
	`account_id` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`muted_until` integer,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`community_id`, `account_id`),
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `community_members_account_idx` ON `community_members` (`account_id`);--> statement-breakpoint
CREATE TABLE `community_read_markers` (
	`account_id` text NOT NULL,
	`community_id` text NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `community_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `posts` ADD `community_id` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `seq` integer;--> statement-breakpoint
CREATE INDEX `posts_community_idx` ON `posts` (`community_id`,`id`) WHERE community_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `posts_community_seq_idx` ON `posts` (`community_id`,`seq`) WHERE community_id IS NOT NULL;