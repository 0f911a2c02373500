export { HISTORY_LIMITS, type ChatTurn } from './chat-turn.js';
export { readCues, type FollowUpCues } from './follow-up-cues.js';
export {
  FOCUS_WEIGHTS,
  resolveFollowUp,
  type AloneVerdict,
  type Focus,
  type FollowUpRule,
  type ResolvedQuestion,
  type ResolveFollowUpOptions,
} from './resolve-follow-up.js';
export { scoreResolved, searchResolved } from './search-resolved.js';
export { noTopicAnswer } from './no-topic-answer.js';
export { readAloneWith } from './read-alone.js';
export { searchQuestion, type QuestionSearch, type SearchQuestionInput } from './search-question.js';
export { recentTurns } from './recent-turns.js';
export { questionInContext } from './question-in-context.js';
