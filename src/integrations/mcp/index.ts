export { mcpRoutes } from './routes.js';
export { createMcpServer, type McpServerOptions } from './server.js';
