ALTER TABLE `posts` ADD `profile_reach` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
UPDATE `posts` SET `profile_reach` = CASE
  WHEN `deleted_at` IS NOT NULL THEN -1
  WHEN `visibility` IN ('public', 'local_public', 'unlisted') THEN 3
  WHEN `visibility` = 'local_only' THEN 2
  WHEN `visibility` = 'followers' THEN 1
  ELSE 0 END;--> statement-breakpoint
CREATE INDEX `posts_profile_anyone_idx` ON `posts` (`author_id`,`id`) WHERE profile_reach = 3;--> statement-breakpoint
CREATE INDEX `posts_profile_signed_in_idx` ON `posts` (`author_id`,`id`) WHERE profile_reach >= 2;--> statement-breakpoint
CREATE INDEX `posts_profile_followers_idx` ON `posts` (`author_id`,`id`) WHERE profile_reach >= 1;--> statement-breakpoint
CREATE INDEX `posts_profile_self_idx` ON `posts` (`author_id`,`id`) WHERE profile_reach >= 0;