/**
 * Follow requests of locked accounts: the owner lists them and accepts or rejects each.
 * Accepting turns the request into a follow (a local follower also gets the owner's
 * recent posts, as for any new follow); either answer is an event, so a protocol adapter
 * can tell a remote requester (ActivityPub: Accept or Reject of their Follow).
 */
import type { CoreDeps } from "../deps";
import type { Page, PageRequest } from "../shared/ports";
import { fail, ok, type Result } from "../shared/result";
import { HOME_BACKFILL } from "./follow-account";
import type { FollowRequest } from "./ports";

export async function listFollowRequests(
  deps: Pick<CoreDeps, "followRequests">,
  accountId: string,
  page: PageRequest,
): Promise<Page<FollowRequest>> {
  return deps.followRequests.page(accountId, page);
}

export async function acceptFollowRequest(
  deps: Pick<CoreDeps, "followRequests" | "posts" | "clock" | "events">,
  accountId: string,
  requestId: string,
): Promise<Result<FollowRequest>> {
  const request = await deps.followRequests.find(accountId, requestId);
  if (!request || !(await deps.followRequests.accept(request, deps.clock.now())))
    return fail("not_found", "Follow request not found.");
  const { requester } = request;
  if (requester.kind === "local") {
    await deps.posts.backfillHome(requester.accountId, accountId, HOME_BACKFILL);
    await deps.events.emit({
      type: "follow.created",
      followerId: requester.accountId,
      followeeId: accountId,
      viaRequest: true,
    });
  }
  await deps.events.emit({ type: "follow_request.answered", request, accepted: true });
  return ok(request);
}

export async function rejectFollowRequest(
  deps: Pick<CoreDeps, "followRequests" | "events">,
  accountId: string,
  requestId: string,
): Promise<Result<FollowRequest>> {
  const request = await deps.followRequests.find(accountId, requestId);
  if (!request || !(await deps.followRequests.remove(request))) return fail("not_found", "Follow request not found.");
  await deps.events.emit({ type: "follow_request.answered", request, accepted: false });
  return ok(request);
}
