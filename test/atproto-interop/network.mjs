// A real AT Protocol network on loopback for the integration test: a PLC directory and a
// PDS from @atproto/dev-env (TestNetworkNoAppView: SQLite, no Postgres, no AppView).
// `node network.mjs --plc-port P --pds-port Q --max-lifetime S`; stops itself after S
// seconds and on SIGTERM. The PDS answers /xrpc/_health when it is up.
import { TestNetworkNoAppView } from "@atproto/dev-env";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const plcPort = arg("plc-port", 2582);
const pdsPort = arg("pds-port", 2583);
const lifetime = arg("max-lifetime", 900);

const network = await TestNetworkNoAppView.create({ plc: { port: plcPort }, pds: { port: pdsPort } });
console.log(`plc ${network.plc.url}, pds ${network.pds.url}`);

let closing = false;
async function stop(reason) {
  if (closing) return;
  closing = true;
  console.log(`stopping (${reason})`);
  const timer = setTimeout(() => process.exit(0), 5000);
  try {
    await network.close();
  } catch (e) {
    console.error(e);
  }
  clearTimeout(timer);
  process.exit(0);
}
setTimeout(() => stop("max lifetime"), lifetime * 1000).unref();
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => stop(sig));
