export { OPENAI_COMPAT_PATHS } from './paths.js';
export { openAiCompatRoutes, type OpenAiCompatDeps } from './openai-compat-routes.js';
export { openAiError, openAiErrorShape, type OpenAiErrorBody } from './openai-error-shape.js';
export { MODEL_ID } from './model.js';
