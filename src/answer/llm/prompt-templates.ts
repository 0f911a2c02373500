import { ChatPromptTemplate } from '@langchain/core/prompts';
import { PROMPT_FILE_NAMES, type PromptFiles } from './prompt-files.js';

export type { PromptFiles } from './prompt-files.js';

/**
 * What the answer and snippet-review prompts are rendered with (mustache variables). A type alias,
 * not an interface, so it is assignable to LangChain's `InputValues` record.
 */
export type PromptInput = {
  /** The numbered `<source>` blocks. */
  readonly sources: string;
  readonly sourceCount: number;
  /** The `n` of each source in `sources`, in order. */
  readonly sourceNumbers: readonly number[];
  /** The question, delimiter tags neutralized. */
  readonly question: string;
  /** Pasted code, delimiter tags neutralized and cut to the prompt budget; '' when none. */
  readonly snippet: string;
  /** Says when the snippet was cut; '' otherwise. */
  readonly snippetNote: string;
  /** The analyzer's findings in the snippet, one line each with the `[n]` of its tip; `(none)` when none. */
  readonly findings: string;
  /** What the question asks for (why, how, how much, when not to), or `nothing in particular …`. */
  readonly facet: string;
};

export interface PromptTemplates {
  readonly answer: ChatPromptTemplate<PromptInput>;
  readonly snippetReview: ChatPromptTemplate<PromptInput>;
  /** Characters of fixed prompt text (system + the longer template), for the prompt budget. */
  readonly fixedChars: number;
}

const REQUIRED: Readonly<Record<'answer' | 'snippetReview', readonly (keyof PromptInput)[]>> = {
  answer: ['sources', 'question'],
  snippetReview: ['sources', 'question', 'snippet', 'findings'],
};

/**
 * Turns the prompt files into LangChain `ChatPromptTemplate`s (mustache syntax, so code with
 * braces in a prompt file needs no escaping): a system message, then the answer or the
 * snippet-review message. Throws at start-up if an edited prompt lost a variable it must use.
 *
 * @example
 * const templates = createPromptTemplates(await loadPromptFiles('prompts'));
 * const messages = await templates.answer.formatMessages(promptInput);
 */
export function createPromptTemplates(files: PromptFiles): PromptTemplates {
  const build = (name: 'answer' | 'snippetReview') => {
    const template = ChatPromptTemplate.fromMessages<PromptInput>(
      [
        ['system', files.system],
        ['human', files[name]],
      ],
      { templateFormat: 'mustache' },
    );
    const missing = REQUIRED[name].filter((v) => !template.inputVariables.includes(v));
    if (missing.length > 0) {
      throw new Error(`prompts/${PROMPT_FILE_NAMES[name]} must use ${missing.map((v) => `{{${v}}}`).join(', ')}`);
    }
    return template;
  };
  return {
    answer: build('answer'),
    snippetReview: build('snippetReview'),
    fixedChars: files.system.length + Math.max(files.answer.length, files.snippetReview.length),
  };
}
