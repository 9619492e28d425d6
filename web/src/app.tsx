import { LocationProvider, Route, Router } from "preact-iso";
import { SiteHeader } from "./components/site-header";
import { t } from "./i18n";
import { AdminRoute } from "./routes/admin";
import { BookmarksRoute } from "./routes/bookmarks";
import { CommunitiesRoute } from "./routes/communities";
import { CommunityRoute } from "./routes/community";
import { CommunityNewRoute } from "./routes/community-new";
import { LoginRoute } from "./routes/login";
import { NotFoundRoute } from "./routes/not-found";
import { NotificationsRoute } from "./routes/notifications";
import { PostDetailRoute } from "./routes/post-detail";
import { ProfileRoute } from "./routes/profile";
import { SearchRoute } from "./routes/search";
import { SettingsRoute } from "./routes/settings";
import { SignupRoute } from "./routes/signup";
import { TagRoute } from "./routes/tag";
import { HomeRoute, LocalRoute } from "./routes/timelines";
import { refreshJoined } from "./state/communities";

function focusMain() {
  // After client-side navigation, start reading from the new page rather than the old link.
  document.getElementById("main")?.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  // Unread counts in the sidebar follow the reader around (throttled in refreshJoined).
  void refreshJoined();
}

export function App() {
  return (
    <LocationProvider>
      <a href="#main" class="skip-link">
        {t("app.skip")}
      </a>
      <div class="layout">
        <SiteHeader />
        <main id="main" class="main" tabIndex={-1}>
          <Router onRouteChange={focusMain}>
            <Route path="/" component={HomeRoute} />
            <Route path="/local" component={LocalRoute} />
            <Route path="/login" component={LoginRoute} />
            <Route path="/signup" component={SignupRoute} />
            <Route path="/posts/:id" component={PostDetailRoute} />
            <Route path="/settings" component={SettingsRoute} />
            <Route path="/notifications" component={NotificationsRoute} />
            <Route path="/search" component={SearchRoute} />
            <Route path="/bookmarks" component={BookmarksRoute} />
            <Route path="/tags/:tag" component={TagRoute} />
            <Route path="/communities" component={CommunitiesRoute} />
            <Route path="/communities/new" component={CommunityNewRoute} />
            <Route path="/c/:name" component={CommunityRoute} />
            <Route path="/admin" component={AdminRoute} />
            <Route path="/admin/:section" component={AdminRoute} />
            <Route path="/:handle" component={ProfileRoute} />
            <Route default component={NotFoundRoute} />
          </Router>
        </main>
      </div>
    </LocationProvider>
  );
}
