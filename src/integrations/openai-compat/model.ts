/** The one model this service offers through the OpenAI-compatible API: the guidance, answered. */
export const MODEL_ID = 'pymem-assistant';

/** `created` of the model object (Unix seconds): the day the OpenAI-compatible API was added, fixed so it never changes. */
const MODEL_CREATED = 1_795_478_400; // 2026-11-24T00:00:00Z

/** A model as `GET /v1/models` lists it. */
export interface ModelObject {
  readonly id: string;
  readonly object: 'model';
  readonly created: number;
  readonly owned_by: string;
}

/** The model object of {@link MODEL_ID}. */
export function modelObject(): ModelObject {
  return { id: MODEL_ID, object: 'model', created: MODEL_CREATED, owned_by: 'pymem-assistant' };
}
