// The composer's attachments: each file uploads as soon as it is chosen (XMLHttpRequest,
// with progress), keeps its alt text, and can be removed (aborting its upload).
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { checkFile, MAX_ATTACHMENTS, type UploadedMedia, updateMediaAlt, uploadMedia } from "../api/upload";

export interface Attachment {
  key: string;
  file: File;
  previewUrl: string;
  progress: number;
  status: "uploading" | "done" | "error";
  media: UploadedMedia | null;
  alt: string;
  error: unknown;
}

let counter = 0;

export function useAttachments() {
  const [items, setItems] = useState<Attachment[]>([]);
  const aborts = useRef(new Map<string, () => void>());

  useEffect(
    () => () => {
      for (const abort of aborts.current.values()) abort();
    },
    [],
  );

  const patch = (key: string, change: Partial<Attachment>) =>
    setItems((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));

  function add(files: Iterable<File>): "too_many" | null {
    let tooMany = false;
    const added: Attachment[] = [];
    let room = MAX_ATTACHMENTS - items.length;
    for (const file of files) {
      if (room <= 0) {
        tooMany = true;
        break;
      }
      room -= 1;
      counter += 1;
      const key = `att-${counter}`;
      const problem = checkFile(file);
      const item: Attachment = {
        key,
        file,
        previewUrl: problem === "ok" ? URL.createObjectURL(file) : "",
        progress: 0,
        status: problem === "ok" ? "uploading" : "error",
        media: null,
        alt: "",
        error: problem === "ok" ? null : new ApiError(problem === "payload_too_large" ? 413 : 415, problem, problem),
      };
      added.push(item);
      if (problem !== "ok") continue;
      const handle = uploadMedia(file, "", (progress) => patch(key, { progress }));
      aborts.current.set(key, handle.abort);
      handle.promise.then(
        (media) => {
          aborts.current.delete(key);
          patch(key, { status: "done", media, progress: 100 });
        },
        (error: unknown) => {
          aborts.current.delete(key);
          patch(key, { status: "error", error });
        },
      );
    }
    setItems((list) => [...list, ...added]);
    return tooMany ? "too_many" : null;
  }

  function remove(key: string) {
    aborts.current.get(key)?.();
    aborts.current.delete(key);
    setItems((list) => {
      const gone = list.find((a) => a.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((a) => a.key !== key);
    });
  }

  function clear() {
    for (const a of items) if (a.previewUrl) URL.revokeObjectURL(a.previewUrl);
    setItems([]);
  }

  /** Saves changed alt texts, then returns the ids to send with the post. */
  async function finish(): Promise<string[]> {
    const done = items.filter((a) => a.status === "done" && a.media);
    await Promise.all(
      done.filter((a) => a.alt.trim() !== (a.media?.alt ?? "")).map((a) => updateMediaAlt(a.media!.id, a.alt.trim())),
    );
    return done.map((a) => a.media!.id);
  }

  return {
    items,
    add,
    remove,
    clear,
    finish,
    setAlt: (key: string, alt: string) => patch(key, { alt }),
    uploading: items.some((a) => a.status === "uploading"),
    ready: items.filter((a) => a.status === "done").length,
  };
}
