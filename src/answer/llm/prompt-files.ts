/** The prompt files' text, as read from `prompts/` (Node) or bundled (Worker). */
export interface PromptFiles {
  readonly system: string;
  readonly answer: string;
  readonly snippetReview: string;
}

/** File names inside `prompts/`. */
export const PROMPT_FILE_NAMES: Readonly<Record<keyof PromptFiles, string>> = {
  system: 'system.md',
  answer: 'answer.md',
  snippetReview: 'snippet-review.md',
};
