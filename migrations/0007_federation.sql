CREATE TABLE `actor_keys` (
	`owner_id` text NOT NULL,
	`algorithm` text NOT NULL,
	`public_jwk` text NOT NULL,
	`private_jwk` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`owner_id`, `algorithm`)
);
--> statement-breakpoint
CREATE TABLE `delivery_dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`inbox` text NOT NULL,
	`activity_id` text,
	`activity_type` text,
	`reason` text NOT NULL,
	`error` text DEFAULT '' NOT NULL,
	`attempts` integer NOT NULL,
	`task` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `delivery_dead_letters_host_idx` ON `delivery_dead_letters` (`host`,`id`);--> statement-breakpoint
CREATE TABLE `fedify_kv` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer
);
--> statement-breakpoint
CREATE INDEX `fedify_kv_expires_idx` ON `fedify_kv` (`expires_at`) WHERE expires_at IS NOT NULL;--> statement-breakpoint
CREATE TABLE `peers` (
	`host` text PRIMARY KEY NOT NULL,
	`last_success_at` integer,
	`last_failure_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`unavailable_until` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `remote_actors` (
	`id` text PRIMARY KEY NOT NULL,
	`iri` text NOT NULL,
	`host` text NOT NULL,
	`handle` text,
	`name` text,
	`inbox` text NOT NULL,
	`shared_inbox` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `remote_actors_iri_unique` ON `remote_actors` (`iri`);--> statement-breakpoint
CREATE INDEX `remote_actors_host_idx` ON `remote_actors` (`host`);--> statement-breakpoint
CREATE TABLE `remote_follows` (
	`account_id` text NOT NULL,
	`remote_actor_id` text NOT NULL,
	`follow_iri` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `remote_actor_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`remote_actor_id`) REFERENCES `remote_actors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `remote_follows_account_idx` ON `remote_follows` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `remote_follows_actor_idx` ON `remote_follows` (`remote_actor_id`);