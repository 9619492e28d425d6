/**
 * Telling a remote server about a block: the protocol adapter (ActivityPub today) sends
 * `Block` and `Undo(Block)`. The federation mount puts one on the context
 * (`c.get("remoteBlocks")`); without one, a remote block stays local.
 */
export interface RemoteBlocks {
  /** Sends Block from the account to the actor; returns the activity's id. */
  block(account: { id: string; username: string }, actorIri: string): Promise<string | null>;
  /** Sends Undo of the Block with that id. */
  unblock(account: { id: string; username: string }, actorIri: string, blockIri: string | null): Promise<void>;
}
