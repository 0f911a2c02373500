import type { ApiClient } from './api-client.js';
import { h, icon, ICONS } from './dom.js';
import { noticeFor } from './notices.js';

/**
 * "Was this helpful?" with thumbs up and down (toggle buttons). A vote is sent at once; after a
 * thumbs down the reader may add what was missing, sent as the same answer's feedback.
 *
 * @example message.append(feedbackControl(api, answer.answerId, config.api))
 */
export function feedbackControl(api: ApiClient, answerId: string, base: string): HTMLElement {
  const status = h('span', { class: 'thanks', role: 'status' });
  const up = h(
    'button',
    { type: 'button', class: 'vote', 'aria-pressed': 'false', 'data-vote': 'up' },
    icon(ICONS.up),
    'Yes',
  );
  const down = h(
    'button',
    { type: 'button', class: 'vote', 'aria-pressed': 'false', 'data-vote': 'down' },
    icon(ICONS.down),
    'No',
  );
  const commentBox = h('textarea', {
    rows: 2,
    maxlength: 1000,
    'aria-label': 'What was missing? (optional)',
    placeholder: 'What was missing? (optional)',
  });
  const commentSend = h('button', { type: 'button', class: 'toggle' }, 'Send');
  const comment = h('div', { class: 'comment', hidden: true }, commentBox, commentSend);
  const group = h(
    'div',
    { class: 'feedback', role: 'group', 'aria-label': 'Was this answer helpful?' },
    h('span', {}, 'Helpful?'),
    up,
    down,
    status,
    comment,
  );

  const send = async (helpful: boolean, text?: string) => {
    status.textContent = 'Sending…';
    try {
      await api.feedback(text ? { answerId, helpful, comment: text } : { answerId, helpful });
      status.textContent = text ? 'Thanks, noted.' : 'Thanks for the feedback.';
      return true;
    } catch (error) {
      status.textContent = `Feedback not sent: ${noticeFor(error, base).message}`;
      return false;
    }
  };
  const vote = (helpful: boolean) => {
    up.setAttribute('aria-pressed', String(helpful));
    down.setAttribute('aria-pressed', String(!helpful));
    comment.hidden = helpful;
    if (!helpful) {
      // The box opens below the answer, often under the panel's edge: bring all of it into view.
      commentBox.focus({ preventScroll: true });
      comment.scrollIntoView({ block: 'nearest' });
    }
    void send(helpful);
  };
  up.addEventListener('click', () => vote(true));
  down.addEventListener('click', () => vote(false));
  commentSend.addEventListener('click', () => {
    const text = commentBox.value.trim();
    if (!text) {
      commentBox.focus();
      return;
    }
    void send(false, text).then((ok) => {
      if (!ok) return;
      comment.hidden = true;
      down.focus();
    });
  });
  return group;
}
