import { ApiError } from './api-error.js';

/** What to tell the reader about a failed call, and whether offering "Try again" makes sense. */
export interface NoticeText {
  readonly message: string;
  readonly retry: boolean;
}

/**
 * Plain words for each way a call can fail.
 *
 * @example noticeFor(new ApiError('network', '…'), 'https://help.example.com').message
 */
export function noticeFor(error: unknown, api: string): NoticeText {
  if (!(error instanceof ApiError))
    return { message: 'Something went wrong in the help widget. Please try again.', retry: true };
  switch (error.kind) {
    case 'network':
      return {
        message: `Can't reach the help service (${hostOf(api)}). Check your connection, then try again.`,
        retry: true,
      };
    case 'interrupted':
      return { message: 'The answer was cut off before it finished. Please try again.', retry: true };
    case 'rate-limited':
      return { message: 'Too many questions at once: the help service asks us to wait.', retry: false };
    case 'problem': {
      const status = error.details.status ?? 0;
      const reference = error.details.problem?.requestId ? ` (reference ${error.details.problem.requestId})` : '';
      if (status >= 500 || status === 0)
        return { message: `The help service had a problem answering${reference}. Please try again.`, retry: true };
      if (status === 401 || status === 403)
        return { message: `The help service refused this page: ${error.message}`, retry: false };
      return { message: error.message, retry: false };
    }
  }
}

function hostOf(api: string): string {
  try {
    return new URL(api).host;
  } catch {
    return api;
  }
}
