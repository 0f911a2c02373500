export { OPENAI_COMPAT_PATHS } from './paths.js';
export { openAiCompatRoutes } from './openai-compat-routes.js';
export { openAiErrorShape } from './openai-error-shape.js';
