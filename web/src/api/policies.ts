// Typed client for domain blocks and policy hit counts (/api/admin/domain-blocks, /api/admin/policy-stats).
import * as v from "valibot";
import { enc, request, send } from "./client";

export const DOMAIN_SEVERITIES = ["suspend", "silence", "none"] as const;
export type DomainSeverity = (typeof DOMAIN_SEVERITIES)[number];

export const DomainBlockSchema = v.object({
  domain: v.string(),
  severity: v.picklist(DOMAIN_SEVERITIES),
  rejectMedia: v.boolean(),
  rejectReports: v.boolean(),
  rejectFriends: v.boolean(),
  comment: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type DomainBlock = v.InferOutput<typeof DomainBlockSchema>;

const PolicyHitSchema = v.object({ rule: v.string(), count: v.number(), lastHitAt: v.nullable(v.string()) });
export type PolicyHit = v.InferOutput<typeof PolicyHitSchema>;

export interface DomainBlockInput {
  domain: string;
  severity: DomainSeverity;
  rejectMedia?: boolean;
  rejectReports?: boolean;
  rejectFriends?: boolean;
  comment?: string | null;
}

export const policiesApi = {
  domainBlocks: async () =>
    (await request(v.object({ items: v.array(DomainBlockSchema) }), "GET", "/api/admin/domain-blocks")).items,
  blockDomain: async (input: DomainBlockInput) =>
    (await request(v.object({ domainBlock: DomainBlockSchema }), "POST", "/api/admin/domain-blocks", { json: input }))
      .domainBlock,
  unblockDomain: async (domain: string): Promise<void> => {
    await send("DELETE", `/api/admin/domain-blocks/${enc(domain)}`);
  },
  policyStats: async () => (await request(v.object({ items: v.array(PolicyHitSchema) }), "GET", "/api/admin/policy-stats")).items,
};
