/** A remote embedding service failed or answered something unusable. */
export class EmbeddingRequestError extends Error {
  override readonly name = 'EmbeddingRequestError';

  constructor(
    message: string,
    /** The HTTP status, when the service answered at all. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
