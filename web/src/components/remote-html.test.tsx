import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang } from "../i18n";
import { PostCard } from "./post-card";
import { RemoteHtml } from "./remote-html";
import { makePost } from "./test-fixtures";

const PROXY = "http://127.0.0.1:8787/proxy/media?url=";

describe("RemoteHtml", () => {
  beforeEach(() => setLang("en"));
  afterEach(cleanup);

  it("keeps the allow-listed markup and nothing with power", () => {
    const html =
      '<p>hi <strong>there</strong><br>line <a href="https://remote.example/@bob" class="u-url mention evil">@bob</a></p>' +
      '<p><a href="javascript:alert(1)">js</a><img src="x" onerror="alert(1)"><script>alert(2)</script>' +
      '<object data="https://evil.example/x"></object><span style="color:red" onclick="x()">styled</span>' +
      '<svg><a href="https://x.example">svg</a></svg><div class="x">div text</div></p>';
    const { container } = render(<RemoteHtml html={html} />);
    expect(container.querySelector("script, img, iframe, object, svg, .x, [onclick], [onerror], [style]")).toBeNull();
    expect(screen.getByTestId("post-html").querySelector("div")).toBeNull();
    expect(container.querySelector("strong")?.textContent).toBe("there");
    expect(container.querySelector("br")).not.toBeNull();
    const mention = screen.getByRole("link", { name: "@bob" });
    expect(mention.getAttribute("href")).toBe("https://remote.example/@bob");
    expect(mention.getAttribute("rel")).toBe("nofollow noopener noreferrer");
    expect(mention.getAttribute("target")).toBe("_blank");
    expect(mention.getAttribute("class")).toBe("u-url mention");
    const js = screen.getByText("js");
    expect(js.tagName).toBe("SPAN");
    expect(js.getAttribute("href")).toBeNull();
    expect(container.textContent).toContain("styled");
    expect(container.textContent).toContain("div text");
    expect(container.textContent).not.toContain("alert");
  });

  it("draws the post's own custom emoji as images, and only those", () => {
    const emojis = [{ shortcode: "blobcat", url: `${PROXY}https%3A%2F%2Fremote.example%2Fe.png` }];
    // (JSX attribute strings decode entities: pass the HTML as an expression.)
    const { container } = render(<RemoteHtml html={"<p>:blobcat: and :unknown: &lt;b&gt;</p>"} emojis={emojis} />);
    const img = container.querySelector("img.custom-emoji");
    expect(img?.getAttribute("src")).toBe(emojis[0]?.url);
    expect(img?.getAttribute("alt")).toBe(":blobcat:");
    expect(container.textContent).toContain(":unknown: <b>");
    expect(container.querySelector("b")).toBeNull();
  });
});

describe("PostCard with a remote post", () => {
  beforeEach(() => setLang("en"));
  afterEach(cleanup);

  const remote = makePost({
    id: "0190a1b2-0000-7000-8000-0000000000aa",
    uri: "https://remote.example/users/bob/statuses/1",
    url: "https://remote.example/@bob/1",
    text: "hello world",
    remote: true,
    host: "remote.example",
    html: "<p>hello <em>world</em></p>",
    author: {
      id: "r1",
      username: "bob@remote.example",
      displayName: "Bob <b> :wave:",
      avatarUrl: null,
      emojis: [{ shortcode: "wave", url: `${PROXY}w` }],
    },
    sensitive: true,
    media: [
      {
        id: "https://remote.example/m/1.png",
        url: `${PROXY}https%3A%2F%2Fremote.example%2Fm%2F1.png`,
        remoteUrl: "https://remote.example/m/1.png",
        type: "image",
        contentType: "image/png",
        width: 10,
        height: 10,
        alt: "a cat",
      },
      {
        id: "a",
        url: `${PROXY}a`,
        remoteUrl: "https://remote.example/a.mp3",
        type: "audio",
        contentType: "audio/mpeg",
        width: null,
        height: null,
        alt: "a song",
      },
    ],
  });

  it("renders the sanitised HTML, the name as text, blurred media and a link to the original", () => {
    const { container } = render(<PostCard post={remote} />);
    expect(screen.getByTestId("post-html").querySelector("em")?.textContent).toBe("world");
    expect(screen.queryByTestId("post-text")).toBeNull();
    const name = container.querySelector(".display-name");
    expect(name?.textContent).toBe("Bob <b> ");
    expect(name?.querySelector("b")).toBeNull();
    expect(name?.querySelector("img.custom-emoji")?.getAttribute("src")).toBe(`${PROXY}w`);
    expect(container.querySelector(".media-hidden")).not.toBeNull();
    // Sensitive remote files are not requested before they are shown.
    expect(container.querySelector("img[alt='a cat'], audio")).toBeNull();
    expect(screen.getAllByTestId("media-placeholder")).toHaveLength(2);
    fireEvent.click(screen.getByTestId("sensitive-cover"));
    expect(container.querySelector(".media-hidden")).toBeNull();
    expect(container.querySelector("img[alt='a cat']")?.getAttribute("src")).toContain("/proxy/media?url=");
    expect(container.querySelector("audio")?.getAttribute("src")).toBe(`${PROXY}a`);
    const link = screen.getByTestId("remote-link");
    expect(link.getAttribute("href")).toBe("https://remote.example/@bob/1");
    expect(link.getAttribute("rel")).toBe("nofollow noopener noreferrer");
    expect(screen.queryByTestId("quote-button")).toBeNull();
  });
});
