CREATE TABLE `account_blocks` (
	`account_id` text NOT NULL,
	`target_id` text NOT NULL,
	`remote` integer NOT NULL,
	`activity_iri` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `target_id`)
);
--> statement-breakpoint
CREATE INDEX `account_blocks_target_idx` ON `account_blocks` (`target_id`);--> statement-breakpoint
CREATE TABLE `account_mutes` (
	`account_id` text NOT NULL,
	`target_id` text NOT NULL,
	`remote` integer NOT NULL,
	`notifications` integer DEFAULT true NOT NULL,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `target_id`)
);
--> statement-breakpoint
CREATE TABLE `boost_hides` (
	`account_id` text NOT NULL,
	`target_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `target_id`)
);
--> statement-breakpoint
CREATE TABLE `domain_blocks` (
	`domain` text PRIMARY KEY NOT NULL,
	`severity` text NOT NULL,
	`reject_media` integer DEFAULT false NOT NULL,
	`reject_reports` integer DEFAULT false NOT NULL,
	`reject_friends` integer DEFAULT false NOT NULL,
	`comment` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inbox_rate_buckets` (
	`key` text PRIMARY KEY NOT NULL,
	`tokens` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification_policies` (
	`account_id` text PRIMARY KEY NOT NULL,
	`not_following` integer DEFAULT false NOT NULL,
	`not_followers` integer DEFAULT false NOT NULL,
	`new_accounts` integer DEFAULT false NOT NULL,
	`private_mentions` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `policy_hits` (
	`rule` text PRIMARY KEY NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`last_hit_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `word_filters` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`phrase` text NOT NULL,
	`action` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `word_filters_account_idx` ON `word_filters` (`account_id`);