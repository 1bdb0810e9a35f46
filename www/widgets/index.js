// cxkit widgets: one script tag registers every custom element.
//
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-nps src="/api/nps-answers.json"></cx-nps>
//   <cx-csat lang="es"><script type="application/json">[5, 4, "muy satisfecho"]</script></cx-csat>
//   <cx-sentiment src="/api/transcript.json"></cx-sentiment>
//   <cx-dashboard src="/v1/tenants/demo" key="…" live></cx-dashboard>
//
// The elements are defined at once and show "Loading…" until the WebAssembly module is ready.
// Each widget file documents its attributes, properties, events and CSS custom properties.
import { define } from './base.js';
import { CxNps } from './cx-nps.js';
import { CxCsat } from './cx-csat.js';
import { CxSentiment } from './cx-sentiment.js';
import { CxDashboard } from './cx-dashboard.js';

define('cx-nps', CxNps);
define('cx-csat', CxCsat);
define('cx-sentiment', CxSentiment);
define('cx-dashboard', CxDashboard);

export { CxNps, CxCsat, CxSentiment };
export { CxDashboard };
export { CxMetricElement, numberToWords, cxkitReady } from './base.js';
