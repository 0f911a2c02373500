import type { Answer, Citation } from '../../src/answer/types.js';
import type { ApiClient } from './api-client.js';
import { h } from './dom.js';
import { feedbackControl } from './feedback-control.js';
import { renderMarkdown } from './markdown.js';
import { tipCard, tipPlaceholder } from './tip-card.js';

/** Shown above an answer of low confidence (the service's `confidence: "low"`). */
export const LOW_CONFIDENCE = 'Low confidence: the guidance matches this question only weakly, so this may not answer it. Check the sources.';

/**
 * One answer in the conversation, as it streams in: the markdown so far (re-rendered once per
 * animation frame), then the numbered sources, each opening its tip, and the feedback control.
 * `aria-busy` keeps screen readers from reading every piece until the answer is complete.
 *
 * @example
 * const view = new AnswerView(api, config.api);
 * log.append(view.element);
 * await api.askStream(request, view);
 */
export class AnswerView {
  readonly element: HTMLElement;
  private readonly body = h('div', { class: 'answer cursor' });
  private readonly sources = h('div', { class: 'sources-box' });
  private citations: readonly Citation[] = [];
  private markdown = '';
  private frame: number | undefined;
  private openTip: { n: number; card: HTMLElement } | undefined;
  /** The whole answer, once its `done` event came. */
  answer: Answer | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly base: string,
    private readonly onRendered: () => void = () => {},
  ) {
    this.element = h('article', { class: 'msg bot', 'aria-busy': 'true', 'aria-label': 'Answer' }, this.body, this.sources);
  }

  onCitations(citations: readonly Citation[]): void {
    this.citations = citations;
  }

  onDelta(text: string): void {
    this.markdown += text;
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.render();
    });
  }

  /** The done event's answer is authoritative (a model's streamed text may have been replaced). */
  onDone(answer: Answer): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.answer = answer;
    this.citations = answer.citations;
    this.markdown = answer.answer;
    this.body.classList.remove('cursor');
    this.element.classList.toggle('abstained', answer.abstained);
    if (!answer.abstained && answer.confidence === 'low') {
      this.body.before(h('p', { class: 'caution', role: 'note' }, LOW_CONFIDENCE));
    }
    this.render();
    this.renderSources();
    this.element.append(feedbackControl(this.api, answer.answerId, this.base));
    this.element.setAttribute('aria-busy', 'false');
    this.onRendered();
  }

  /** Stops the cursor when the stream failed or was stopped; what arrived stays. */
  end(note?: string): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.body.classList.remove('cursor');
    this.render();
    if (note) this.body.append(h('p', { class: 'intro' }, note));
    if (!this.markdown && !note) this.element.remove();
    this.element.setAttribute('aria-busy', 'false');
  }

  private render(): void {
    this.body.replaceChildren(
      renderMarkdown(this.markdown, { citation: (n) => this.citeButton(n), dropSourcesList: this.citations.length > 0 }),
    );
    this.onRendered();
  }

  private renderSources(): void {
    if (this.citations.length === 0) return;
    const list = h(
      'ol',
      { class: 'sources' },
      ...this.citations.map((c) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'source', 'data-n': c.n, 'aria-expanded': 'false', onclick: () => void this.toggleTip(c.n) },
            h('span', { class: 'n' }, `[${c.n}]`),
            h('span', {}, c.title, ' ', h('span', { class: 'section' }, `· ${c.section}`)),
          ),
        ),
      ),
    );
    this.sources.replaceChildren(h('p', { class: 'sources-title' }, 'Sources'), list);
  }

  private citeButton(n: number): HTMLElement | undefined {
    const citation = this.citations.find((c) => c.n === n);
    if (!citation) return undefined;
    return h(
      'button',
      { type: 'button', class: 'cite-ref', 'data-n': n, 'aria-label': `Source ${n}: ${citation.title}`, onclick: () => void this.toggleTip(n) },
      String(n),
    );
  }

  /** Opens the cited tip under the sources (closing the one open), or closes it if it is open. */
  private async toggleTip(n: number): Promise<void> {
    const citation = this.citations.find((c) => c.n === n);
    if (!citation) return;
    const wasOpen = this.openTip?.n === n;
    this.closeTip();
    if (wasOpen) return;
    const placeholder = tipPlaceholder('Loading the tip…', 'status');
    this.showTip(n, placeholder);
    let card: HTMLElement;
    try {
      card = tipCard(await this.api.tip(citation.id), n, () => this.closeTip(true));
    } catch {
      card = tipPlaceholder(`Could not load “${citation.title}”. Please try again.`, 'alert');
    }
    if (this.openTip?.card !== placeholder) return;
    placeholder.replaceWith(card);
    this.openTip = { n, card };
    card.focus();
    this.onRendered();
  }

  private showTip(n: number, card: HTMLElement): void {
    this.sources.append(card);
    this.openTip = { n, card };
    this.setExpanded(n, true);
  }

  private closeTip(returnFocus = false): void {
    if (!this.openTip) return;
    const { n, card } = this.openTip;
    card.remove();
    this.openTip = undefined;
    this.setExpanded(n, false);
    if (returnFocus) this.element.querySelector<HTMLElement>(`.source[data-n="${n}"]`)?.focus();
  }

  private setExpanded(n: number, expanded: boolean): void {
    for (const el of this.element.querySelectorAll(`[data-n="${n}"]`)) el.setAttribute('aria-expanded', String(expanded));
  }
}
