import type { Answer, Citation, RelatedTip } from '../../src/answer/types.js';
import type { ApiClient } from './api-client.js';
import { h, withInlineCode, withoutBackticks } from './dom.js';
import { feedbackControl } from './feedback-control.js';
import { renderMarkdown } from './markdown.js';
import { tipCard, tipPlaceholder } from './tip-card.js';

/** Shown above an answer of low confidence (the service's `confidence: "low"`). */
export const LOW_CONFIDENCE =
  'Low confidence: the guidance matches this question only weakly, so this may not answer it. Check the sources.';

/** The heading over the related tips of a question the guidance does not answer (`coverage: "related"`). */
export const RELATED_TITLE = 'Related, not an answer';

/** A tip the view can open: a citation (`n` its number) or a related tip (`n` is `r1`, `r2`). */
type TipKey = number | `r${number}`;

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
  private related: readonly RelatedTip[] = [];
  private markdown = '';
  private frame: number | undefined;
  private openTip: { n: TipKey; card: HTMLElement } | undefined;
  /** The whole answer, once its `done` event came. */
  answer: Answer | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly base: string,
    private readonly onRendered: () => void = () => {},
  ) {
    this.element = h(
      'article',
      { class: 'msg bot', 'aria-busy': 'true', 'aria-label': 'Answer' },
      this.body,
      this.sources,
    );
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
    this.related = answer.coverage === 'related' ? (answer.related ?? []) : [];
    this.markdown = answer.answer;
    this.body.classList.remove('cursor');
    this.element.classList.toggle('abstained', answer.abstained);
    this.element.classList.toggle('related', this.related.length > 0);
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
      renderMarkdown(this.markdown, {
        citation: (n) => this.citeButton(n),
        dropSourcesList: this.citations.length > 0,
      }),
    );
    this.onRendered();
  }

  private renderSources(): void {
    if (this.related.length > 0) return this.renderRelated();
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
            {
              type: 'button',
              class: 'source',
              'data-n': c.n,
              'aria-expanded': 'false',
              onclick: () => void this.toggleTip(c.n),
            },
            h('span', { class: 'n' }, `[${c.n}]`),
            h(
              'span',
              {},
              ...withInlineCode(c.title),
              ' ',
              h('span', { class: 'section' }, '· ', ...withInlineCode(c.section)),
            ),
          ),
        ),
      ),
    );
    this.sources.replaceChildren(h('p', { class: 'sources-title' }, 'Sources'), list);
  }

  /** The related tips, each opening its tip like a source, under a heading that says they are not the answer. */
  private renderRelated(): void {
    const list = h(
      'ul',
      { class: 'sources related-tips' },
      ...this.related.map((r, i) => {
        const key: TipKey = `r${i + 1}`;
        return h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'source',
              'data-n': key,
              'aria-expanded': 'false',
              onclick: () => void this.toggleTip(key),
            },
            h(
              'span',
              {},
              ...withInlineCode(r.title),
              ' ',
              h('span', { class: 'section' }, '· ', ...withInlineCode(r.section)),
            ),
          ),
        );
      }),
    );
    this.sources.replaceChildren(h('p', { class: 'sources-title' }, RELATED_TITLE), list);
  }

  /** The tip behind a key: its id, title and the label its card shows. */
  private tipRef(n: TipKey): { id: string; title: string; label: string } | undefined {
    if (typeof n === 'number') {
      const citation = this.citations.find((c) => c.n === n);
      return citation && { id: citation.id, title: citation.title, label: `[${n}]` };
    }
    const related = this.related[Number(n.slice(1)) - 1];
    return related && { id: related.id, title: related.title, label: `${RELATED_TITLE}:` };
  }

  private citeButton(n: number): HTMLElement | undefined {
    const citation = this.citations.find((c) => c.n === n);
    if (!citation) return undefined;
    return h(
      'button',
      {
        type: 'button',
        class: 'cite-ref',
        'data-n': n,
        'aria-label': `Source ${n}: ${withoutBackticks(citation.title)}`,
        onclick: () => void this.toggleTip(n),
      },
      String(n),
    );
  }

  /** Opens the cited (or related) tip under the sources (closing the one open), or closes it if it is open. */
  private async toggleTip(n: TipKey): Promise<void> {
    const citation = this.tipRef(n);
    if (!citation) return;
    const wasOpen = this.openTip?.n === n;
    this.closeTip();
    if (wasOpen) return;
    const placeholder = tipPlaceholder('Loading the tip…', 'status');
    this.showTip(n, placeholder);
    let card: HTMLElement;
    try {
      card = tipCard(await this.api.tip(citation.id), citation.label, () => this.closeTip(true));
    } catch {
      card = tipPlaceholder(`Could not load “${withoutBackticks(citation.title)}”. Please try again.`, 'alert');
    }
    if (this.openTip?.card !== placeholder) return;
    placeholder.replaceWith(card);
    this.openTip = { n, card };
    // Focus brings the card into view (the reader asked for it; the log no longer follows the answer).
    card.focus();
  }

  private showTip(n: TipKey, card: HTMLElement): void {
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

  private setExpanded(n: TipKey, expanded: boolean): void {
    for (const el of this.element.querySelectorAll(`[data-n="${n}"]`))
      el.setAttribute('aria-expanded', String(expanded));
  }
}
