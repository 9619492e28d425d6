CREATE TABLE `friend_servers` (
	`id` text PRIMARY KEY NOT NULL,
	`domain` text NOT NULL,
	`inbox_url` text NOT NULL,
	`actor_iri` text,
	`our_state` text DEFAULT 'idle' NOT NULL,
	`their_state` text DEFAULT 'idle' NOT NULL,
	`our_follow_id` text,
	`their_follow_id` text,
	`available` integer DEFAULT true NOT NULL,
	`send_all` integer DEFAULT false NOT NULL,
	`receive_all` integer DEFAULT false NOT NULL,
	`deliver_local_public` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `friend_servers_domain_unique` ON `friend_servers` (`domain`);--> statement-breakpoint
CREATE TABLE `relays` (
	`id` text PRIMARY KEY NOT NULL,
	`inbox_url` text NOT NULL,
	`actor_iri` text,
	`follow_id` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relays_inbox_url_unique` ON `relays` (`inbox_url`);--> statement-breakpoint
DROP INDEX `remote_posts_public_idx`;--> statement-breakpoint
CREATE INDEX `remote_posts_public_idx` ON `remote_posts` (`id`) WHERE visibility IN ('public', 'local_public') AND deleted = 0;