import type { Locator, Page } from 'playwright-core';

/** The widget inside a page; Playwright's CSS locators reach into its open shadow root. */
export function widget(page: Page) {
  const launcher = page.locator('pymem-help-widget .launcher');
  const panel = page.locator('pymem-help-widget .panel');
  const question = panel.getByRole('textbox', { name: 'Your question' });
  const answers = panel.locator('article.msg.bot');
  return {
    launcher,
    panel,
    question,
    answers,
    lastAnswer: (): Locator => answers.last(),
    notices: panel.locator('.notice'),
    async open() {
      await launcher.click();
      await panel.waitFor({ state: 'visible' });
    },
    async ask(text: string) {
      await question.fill(text);
      await question.press('Enter');
    },
    /** Waits until the `n`th answer (1-based) is complete. */
    async answerDone(n: number): Promise<Locator> {
      const answer = answers.nth(n - 1);
      await answer.and(page.locator('[aria-busy="false"]')).waitFor();
      return answer;
    },
    /** The element focused inside the shadow root, as `tag.class`. */
    focused: () =>
      page.evaluate(() => {
        const el = document.querySelector('pymem-help-widget')?.shadowRoot?.activeElement;
        return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` : null;
      }),
  };
}

/** Records the answer's text length at every DOM change, to see it grow while streaming. */
export async function recordAnswerGrowth(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('pymem-help-widget')?.shadowRoot;
    if (!root) throw new Error('no widget');
    const lengths: number[] = [];
    (window as unknown as { __answerLengths: number[] }).__answerLengths = lengths;
    new MutationObserver(() => {
      const answer = [...root.querySelectorAll('article.msg.bot .answer')].pop();
      const length = answer?.textContent?.length ?? 0;
      if (length !== lengths[lengths.length - 1]) lengths.push(length);
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
}
