// cxkit widgets: one script tag registers every custom element.
//
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-nps src="/api/nps-answers.json"></cx-nps>
//   <cx-csat lang="es"><script type="application/json">[5, 4, "muy satisfecho"]</script></cx-csat>
//   <cx-sentiment src="/api/transcript.json"></cx-sentiment>
//   <cx-ces group-by="queue" src="/api/ces-answers.json"></cx-ces>
//   <cx-kpis group-by="queue" trend="interval" src="/api/contacts.json"></cx-kpis>
//   <cx-effort src="/api/contacts.json"></cx-effort>
//   <cx-staffing calls="100" aht="180" target="0.8"></cx-staffing>
//   <cx-ltv currency="EUR" src="/api/customers.json"></cx-ltv>
//
// The elements are defined at once and show "Loading…" until the WebAssembly module is ready.
// Each widget file documents its attributes, properties, events and CSS custom properties.
import { define } from './base.js';
import { CxNps } from './cx-nps.js';
import { CxCsat } from './cx-csat.js';
import { CxSentiment } from './cx-sentiment.js';
import { CxCes } from './cx-ces.js';
import { CxKpis } from './cx-kpis.js';
import { CxEffort } from './cx-effort.js';
import { CxStaffing } from './cx-staffing.js';
import { CxLtv } from './cx-ltv.js';

define('cx-nps', CxNps);
define('cx-csat', CxCsat);
define('cx-sentiment', CxSentiment);
define('cx-ces', CxCes);
define('cx-kpis', CxKpis);
define('cx-effort', CxEffort);
define('cx-staffing', CxStaffing);
define('cx-ltv', CxLtv);

export { CxNps, CxCsat, CxSentiment };
export { CxCes, CxKpis, CxEffort, CxStaffing, CxLtv };
export { CxMetricElement, numberToWords, cxkitReady } from './base.js';
