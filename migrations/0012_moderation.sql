CREATE TABLE `account_moderation` (
	`account_id` text PRIMARY KEY NOT NULL,
	`remote` integer DEFAULT false NOT NULL,
	`silenced_at` integer,
	`suspended_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `account_moderation_suspended_idx` ON `account_moderation` (`account_id`) WHERE suspended_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `account_moderation_silenced_idx` ON `account_moderation` (`account_id`) WHERE silenced_at IS NOT NULL;--> statement-breakpoint
CREATE TABLE `moderation_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`target_label` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`report_id` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `moderation_log_actor_idx` ON `moderation_log` (`actor_id`,`id`);--> statement-breakpoint
CREATE TABLE `moderation_marks` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`reporter_id` text,
	`origin_host` text,
	`target_account_id` text NOT NULL,
	`target_remote` integer DEFAULT false NOT NULL,
	`post_id` text,
	`community_id` text,
	`post_snapshot` text,
	`category` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`forwarded` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_by` text,
	`resolved_at` integer,
	`resolution_note` text DEFAULT '' NOT NULL,
	`flag_iri` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_flag_iri_unique` ON `reports` (`flag_iri`);--> statement-breakpoint
CREATE INDEX `reports_status_idx` ON `reports` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `reports_target_idx` ON `reports` (`target_account_id`,`id`);--> statement-breakpoint
CREATE INDEX `reports_community_idx` ON `reports` (`community_id`,`status`) WHERE community_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `reports_reporter_idx` ON `reports` (`reporter_id`,`created_at`) WHERE reporter_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `signup_invites` (
	`code` text PRIMARY KEY NOT NULL,
	`created_by` text NOT NULL,
	`max_uses` integer,
	`uses` integer DEFAULT 0 NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `signup_rate_counters` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `signup_rate_counters_expires_idx` ON `signup_rate_counters` (`expires_at`);--> statement-breakpoint
CREATE TABLE `signup_requests` (
	`account_id` text PRIMARY KEY NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `notifications` ADD `text` text;