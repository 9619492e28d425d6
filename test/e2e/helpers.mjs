// Helpers shared by the browser tests (tests.mjs, tests-posts.mjs).
import { randomBytes } from "node:crypto";

export const PASSWORD = "correct horse battery";
/** The server's admin (the first account), created by run.mjs before the tests. */
export const ADMIN = "admin";

/** A username that is unique per run (the state directory is fresh anyway). */
export function uniqueName(prefix) {
  return `${prefix}_${randomBytes(3).toString("hex")}`;
}

/** Polls `fn` until it returns a truthy value (or throws the last assertion error). */
export async function eventually(fn, { timeout = 15_000, interval = 250 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw last ?? new Error("condition not met in time");
}

export async function fillAuthForm(page, formId, username, password) {
  const form = page.getByTestId(formId);
  await form.waitFor();
  await form.getByTestId("username").fill(username);
  await form.getByTestId("password").fill(password);
  await form.getByTestId("submit").click();
}

/** Signs up through the UI and waits until the home page with the composer is shown. */
export async function signUp(page, username, password = PASSWORD) {
  await page.goto("/signup");
  await fillAuthForm(page, "signup-form", username, password);
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByTestId("composer").first().waitFor();
}

export async function logIn(page, username, password = PASSWORD) {
  await page.goto("/login");
  await fillAuthForm(page, "login-form", username, password);
  await page.waitForURL((url) => url.pathname === "/");
  await page.getByTestId("composer").first().waitFor();
}
