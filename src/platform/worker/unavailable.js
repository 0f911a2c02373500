// Stands in for modules a dependency imports but this service never calls in a Worker (Ajv and
// ajv-formats, which the MCP SDK imports, by default export, for a validator the service
// replaces). Aliased in wrangler.toml so the bundle stays small and free of `new Function`.
// Calling into it is a bug, and says so.
const fail = () => {
  throw new Error('This module is not bundled into the Worker (see [alias] in wrangler.toml).');
};
const unavailable = new Proxy(fail, { get: () => unavailable, apply: fail, construct: fail });
export default unavailable;
