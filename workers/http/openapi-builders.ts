/** Small builders for the OpenAPI document, shared by every area's paths module. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: object) => ({ "application/json": { schema } });
export const ok = (description: string, schema?: object) => ({ description, ...(schema ? { content: json(schema) } : {}) });
export const err = (description: string) => ({ description, content: json(ref("Error")) });
export const body = (schema: object) => ({ required: true, content: json(schema) });
export const pageParams = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 40, default: 20 } },
  { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
];
export const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
export const handleParam = { name: "handle", in: "path", required: true, schema: { type: "string" } };
export const page = (item: string) => ({
  type: "object",
  required: ["items", "nextCursor"],
  properties: { items: { type: "array", items: ref(item) }, nextCursor: { type: ["string", "null"] } },
});
export const common = { "400": err("Invalid input"), "401": err("Not signed in"), "413": err("Body too large") };
