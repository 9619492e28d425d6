import { render } from "preact";
import { App } from "./app";
import { startLive } from "./live";
import { startHiddenAccounts } from "./live/hidden-accounts";
import { startClock } from "./state/clock";
import { startCommunities } from "./state/communities";
import { loadInstance } from "./state/instance";
import { startNotifications } from "./state/notifications";
import { loadSession } from "./state/session";
import "./styles.css";

void loadInstance();
void loadSession();
startClock();
startLive();
startCommunities();
startNotifications();
startHiddenAccounts();

const root = document.getElementById("app");
if (root) render(<App />, root);
