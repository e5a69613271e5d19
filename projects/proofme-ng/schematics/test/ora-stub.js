// Stands in for `ora` (ESM-only) under Jest: the package-manager task executor imports it, the tests never run it.
const spinner = { start: () => spinner, stop: () => spinner, succeed: () => spinner, fail: () => spinner };
module.exports = () => spinner;
module.exports.default = module.exports;
