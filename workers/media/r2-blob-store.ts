import type { BlobStore } from "../core/accounts/ports";

/** Local media in R2. Remote media is never written here (DESIGN.md, "Remote content and cost"). */
export class R2BlobStore implements BlobStore {
  constructor(private readonly bucket: R2Bucket) {}

  async put(key: string, body: ArrayBuffer | ReadableStream, contentType: string): Promise<void> {
    await this.bucket.put(key, body, { httpMetadata: { contentType } });
  }

  async delete(key: string): Promise<void> {
    await this.bucket.delete(key);
  }
}
