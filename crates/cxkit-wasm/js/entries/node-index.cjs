'use strict';
// cxkit for Node.js (CommonJS): the module is loaded synchronously on require.
// Written so that Node's CommonJS export detection sees every name (used by index.mjs).
module.exports = require('./cxkit.js');
module.exports.CxkitError = require('../cxkit-error.cjs').CxkitError;
/** Already initialised on require; kept so portable code can `await init()`. */
module.exports.default = function init() {
  return Promise.resolve();
};
