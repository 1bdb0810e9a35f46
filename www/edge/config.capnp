# workerd config of the cxkit edge function (worker.js): the survey API plus the static demo files.
#
# `cargo xtask build` copies this file, worker.js and the npm package's web/ folder (as cxkit/) into
# target/edge/, filling in the path of the wasm glue's JS snippet (the at-sign placeholder in the
# module list below). Run from the repository root (the `assets` path below is relative to the
# current directory, not to this file):
#
#   WORKERD="$(cd tests && node -p "require('workerd').default")"   # the native binary, not npx
#   "$WORKERD" serve target/edge/config.capnp \
#       --directory-path assets=target/demo \
#       --socket-addr http=127.0.0.1:8787
#
# Both overrides are optional (the values shown are the defaults): `--directory-path assets=<dir>`
# (`-d`) serves another folder of static files, `--socket-addr http=<host:port>` (`-s`) listens
# elsewhere. Stop it with SIGTERM.

using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .edgeWorker),
    # Static files, read-only. workerd's disk service sets no Content-Type: worker.js does.
    (name = "assets", disk = (path = "target/demo", writable = false)),
    # Durable Object storage (SQLite files, one per tenant x day, see aggregate.js). The folder
    # must exist before workerd starts; `cargo xtask demo` creates it. Override with
    # `--directory-path do-storage=<dir>`. Keep it: it is the running totals.
    (name = "do-storage", disk = (path = "target/edge-data", writable = true)),
  ],
  # Behind a TLS-terminating proxy, X-Forwarded-Proto gives request.url its https scheme (Twilio
  # signs the URL it called).
  sockets = [
    (name = "http", address = "127.0.0.1:8787",
     http = (forwardedProtoHeader = "X-Forwarded-Proto"), service = "main"),
  ],
);

const edgeWorker :Workerd.Worker = (
  compatibilityDate = "2026-11-17",
  # Module names resolve relative to each other, as the files do on disk: worker.js imports
  # ./cxkit/workerd.js, which imports ./cxkit.js, ./cxkit_bg.wasm and the snippet.
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "cxkit/workerd.js", esModule = embed "cxkit/workerd.js"),
    (name = "cxkit/cxkit.js", esModule = embed "cxkit/cxkit.js"),
    (name = "cxkit/cxkit_bg.wasm", wasm = embed "cxkit/cxkit_bg.wasm"),
    (name = "cxkit-error.js", esModule = embed "cxkit-error.js"),
    (name = "aggregate.js", esModule = embed "aggregate.js"),
  ],
  # uniqueKey names the storage subfolder and seeds every object id: never change it, or every
  # running total starts again from zero (the old files stay on disk, orphaned).
  durableObjectNamespaces = [
    (className = "MetricsDay", uniqueKey = "cxkit-metrics-day-v1", enableSql = true),
    (className = "MetricsHub", uniqueKey = "cxkit-metrics-hub-v1", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-storage"),
  bindings = [
    (name = "ASSETS", service = "assets"),
    (name = "METRICS_DAY", durableObjectNamespace = "MetricsDay"),
    (name = "METRICS_HUB", durableObjectNamespace = "MetricsHub"),
    # Tenants of the running totals (JSON, see worker.js `tenantConfig` and the README).
    (name = "CXKIT_TENANTS", fromEnvironment = "CXKIT_TENANTS"),
    # Tests only: how often a day object writes its whole state (default 64 batches).
    (name = "CXKIT_SNAPSHOT_EVERY", fromEnvironment = "CXKIT_SNAPSHOT_EVERY"),
    # Webhook settings (POST /v1/webhooks/{platform}), read from workerd's own environment; an
    # unset variable is no binding. See worker.js `webhookOptions` and the README, "Webhooks".
    (name = "CXKIT_AMAZON_CONNECT_SECRETS", fromEnvironment = "CXKIT_AMAZON_CONNECT_SECRETS"),
    (name = "CXKIT_AMAZON_CONNECT_OPTIONS", fromEnvironment = "CXKIT_AMAZON_CONNECT_OPTIONS"),
    (name = "CXKIT_GENESYS_SECRETS", fromEnvironment = "CXKIT_GENESYS_SECRETS"),
    (name = "CXKIT_GENESYS_OPTIONS", fromEnvironment = "CXKIT_GENESYS_OPTIONS"),
    (name = "CXKIT_TWILIO_SECRETS", fromEnvironment = "CXKIT_TWILIO_SECRETS"),
    (name = "CXKIT_TWILIO_OPTIONS", fromEnvironment = "CXKIT_TWILIO_OPTIONS"),
    (name = "CXKIT_ZENDESK_SECRETS", fromEnvironment = "CXKIT_ZENDESK_SECRETS"),
    (name = "CXKIT_ZENDESK_OPTIONS", fromEnvironment = "CXKIT_ZENDESK_OPTIONS"),
    (name = "CXKIT_SALESFORCE_SECRETS", fromEnvironment = "CXKIT_SALESFORCE_SECRETS"),
    (name = "CXKIT_SALESFORCE_OPTIONS", fromEnvironment = "CXKIT_SALESFORCE_OPTIONS"),
    (name = "CXKIT_GENERIC_SECRETS", fromEnvironment = "CXKIT_GENERIC_SECRETS"),
    (name = "CXKIT_GENERIC_OPTIONS", fromEnvironment = "CXKIT_GENERIC_OPTIONS"),
    (name = "CXKIT_SALESFORCE_ORG_IDS", fromEnvironment = "CXKIT_SALESFORCE_ORG_IDS"),
    (name = "CXKIT_WEBHOOK_NOW", fromEnvironment = "CXKIT_WEBHOOK_NOW"),
  ],
);
