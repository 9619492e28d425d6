-- Domain blocks with reject_media: a remote actor stored or refreshed from such a domain
-- (or a subdomain; hosts may carry a port) keeps no avatar link and no custom emoji. Existing rows are cleared
-- when the block is made (D1DomainBlockStore.dropCachedMedia); attachments are dropped at
-- ingest (ingest-policy.ts). Cost: one scan of the (small) domain_blocks table per actor
-- row written, only when it has an avatar or custom emoji.
CREATE TRIGGER `remote_actors_reject_media_insert` AFTER INSERT ON `remote_actors`
WHEN (NEW.avatar_url IS NOT NULL OR NEW.emojis <> '[]') AND EXISTS (
  SELECT 1 FROM domain_blocks b WHERE b.reject_media = 1
    AND (NEW.host = b.domain OR NEW.host LIKE '%.' || b.domain OR NEW.host LIKE b.domain || ':%' OR NEW.host LIKE '%.' || b.domain || ':%')
)
BEGIN
  UPDATE remote_actors SET avatar_url = NULL, emojis = '[]' WHERE id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `remote_actors_reject_media_update` AFTER UPDATE OF avatar_url, emojis ON `remote_actors`
WHEN (NEW.avatar_url IS NOT NULL OR NEW.emojis <> '[]') AND EXISTS (
  SELECT 1 FROM domain_blocks b WHERE b.reject_media = 1
    AND (NEW.host = b.domain OR NEW.host LIKE '%.' || b.domain OR NEW.host LIKE b.domain || ':%' OR NEW.host LIKE '%.' || b.domain || ':%')
)
BEGIN
  UPDATE remote_actors SET avatar_url = NULL, emojis = '[]' WHERE id = NEW.id;
END;
