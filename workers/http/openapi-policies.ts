/** OpenAPI paths and schemas for ingest policies, domain blocks, mutes and blocks. */
import { body, common, err, ok, ref } from "./openapi-builders";

const mod = { ...common, "403": err("forbidden: moderators only") };
const domainParam = { name: "domain", in: "path", required: true, schema: { type: "string" } };

export const policyPaths = {
  "/api/admin/domain-blocks": {
    get: {
      summary: "Domain blocks (moderators)",
      responses: { "200": ok("Every domain block", ref("DomainBlockList")), ...mod },
    },
    post: {
      summary:
        "Block a domain or change its block (suspend: refused at the inbox and purged; silence: followers only; flags). Subdomains are covered.",
      requestBody: body(ref("DomainBlockInput")),
      responses: { "201": ok("The block", ref("DomainBlockEnvelope")), ...mod },
    },
  },
  "/api/admin/domain-blocks/{domain}": {
    delete: {
      summary: "Lift a domain block",
      parameters: [domainParam],
      responses: { "204": ok("Lifted"), "404": err("not_found"), ...mod },
    },
  },
  "/api/admin/policy-stats": {
    get: {
      summary: "How often each ingest rule refused or changed something (moderators)",
      responses: { "200": ok("One entry per rule", ref("PolicyStats")), ...mod },
    },
  },
};

const domainBlockProperties = {
  domain: { type: "string", example: "spam.example" },
  severity: { type: "string", enum: ["suspend", "silence", "none"] },
  rejectMedia: { type: "boolean", default: false },
  rejectReports: { type: "boolean", default: false },
  rejectFriends: { type: "boolean", default: false },
  comment: { type: ["string", "null"], maxLength: 1000 },
};

export const policySchemas = {
  DomainBlockInput: {
    type: "object",
    additionalProperties: false,
    required: ["domain", "severity"],
    properties: domainBlockProperties,
  },
  DomainBlock: {
    type: "object",
    required: [...Object.keys(domainBlockProperties), "createdAt", "updatedAt"],
    properties: {
      ...domainBlockProperties,
      createdAt: { type: "string", format: "date-time" },
      updatedAt: { type: "string", format: "date-time" },
    },
  },
  DomainBlockEnvelope: { type: "object", required: ["domainBlock"], properties: { domainBlock: ref("DomainBlock") } },
  DomainBlockList: { type: "object", required: ["items"], properties: { items: { type: "array", items: ref("DomainBlock") } } },
  PolicyStats: {
    type: "object",
    required: ["items"],
    properties: {
      items: {
        type: "array",
        items: {
          type: "object",
          required: ["rule", "count", "lastHitAt"],
          properties: {
            rule: { type: "string" },
            count: { type: "integer" },
            lastHitAt: { type: ["string", "null"], format: "date-time" },
          },
        },
      },
    },
  },
};
