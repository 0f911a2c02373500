import { env } from 'cloudflare:test';
import { D1FeedbackStore } from '../../src/feedback/d1-feedback-store.js';
import { describeFeedbackStore } from '../feedback/store-contract.js';

// The same contract as SQLite on Node, on the local D1 of workerd with the migrations applied.
describeFeedbackStore('D1 in workerd', async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM feedback'), env.DB.prepare('DELETE FROM questions')]);
  return new D1FeedbackStore(env.DB);
});
