// The webhook fixtures (tests/fixtures/webhooks/<platform>/<case>.<variant>.json, written by
// generate.py) and their comparison rule, shared by the npm, edge and benchmark tests. The rule is
// the Rust test's (crates/cxkit-adapters/tests/fixtures.rs): exact structure, numbers by value,
// RFC 3339 strings as instants.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './workerd.mjs';

export const WEBHOOK_FIXTURES = join(ROOT, 'tests/fixtures/webhooks');

/** Every fixture: `{file, name, platform, request, options, expect}`, sorted by file. */
export function webhookFixtures() {
  const out = [];
  for (const platform of readdirSync(WEBHOOK_FIXTURES, { withFileTypes: true })) {
    if (!platform.isDirectory()) continue;
    for (const f of readdirSync(join(WEBHOOK_FIXTURES, platform.name)).sort()) {
      if (!f.endsWith('.json')) continue;
      const file = `${platform.name}/${f}`;
      out.push({ file, ...JSON.parse(readFileSync(join(WEBHOOK_FIXTURES, file), 'utf8')) });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T/;
const instant = (s) => (RFC3339.test(s) ? Date.parse(s) : NaN);

/** `null` when `actual` equals `expected` under the fixtures' rule, else the first difference. */
export function difference(actual, expected, path = '') {
  if (typeof expected === 'number' || typeof actual === 'number') {
    return actual === expected ? null : `${path}: ${JSON.stringify(actual)} != ${expected}`;
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (actual === expected) return null;
    const [a, e] = [instant(actual), instant(expected)];
    return !Number.isNaN(a) && a === e ? null : `${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const d = difference(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${path}: ${JSON.stringify(actual)} is not an object`;
    }
    const [ka, ke] = [Object.keys(actual).sort(), Object.keys(expected).sort()];
    if (ka.join() !== ke.join()) return `${path}: keys ${ka} != ${ke}`;
    for (const k of ke) {
      const d = difference(actual[k], expected[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return actual === expected ? null : `${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
}

/** Platform -> prefix of the edge's environment variables (`CXKIT_ZENDESK_SECRETS` …). */
export const ENV_PREFIX = {
  'amazon-connect': 'CXKIT_AMAZON_CONNECT',
  genesys: 'CXKIT_GENESYS',
  twilio: 'CXKIT_TWILIO',
  zendesk: 'CXKIT_ZENDESK',
  salesforce: 'CXKIT_SALESFORCE',
  generic: 'CXKIT_GENERIC',
};

/** The edge environment that gives `platform` these options (all but `now`, which is global). */
export function envFor(platform, options) {
  const { now: _now, secrets, organizationIds, ...rest } = options;
  const env = {};
  if (secrets?.length) env[`${ENV_PREFIX[platform]}_SECRETS`] = secrets.join(',');
  if (organizationIds?.length) env.CXKIT_SALESFORCE_ORG_IDS = organizationIds.join(',');
  if (Object.keys(rest).length) env[`${ENV_PREFIX[platform]}_OPTIONS`] = JSON.stringify(rest);
  return env;
}
