// cxkit widgets: one script tag registers every custom element.
//
//   <script type="module" src="https://…/cxkit/widgets/index.js"></script>
//   <cx-nps src="/api/nps-answers.json"></cx-nps>
//   <cx-csat lang="es"><script type="application/json">[5, 4, "muy satisfecho"]</script></cx-csat>
//
// The elements are defined at once and show "Loading…" until the WebAssembly module is ready.
// Each widget file documents its attributes, properties, events and CSS custom properties.
import { define } from './base.js';
import { CxNps } from './cx-nps.js';
import { CxCsat } from './cx-csat.js';

define('cx-nps', CxNps);
define('cx-csat', CxCsat);

export { CxNps, CxCsat };
export { CxMetricElement, numberToWords, cxkitReady } from './base.js';
