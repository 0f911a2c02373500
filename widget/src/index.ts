import { readConfig } from './config.js';
import { mountWidget } from './widget.js';

// The help-desk widget: `<script src="https://HOST/widget.js" data-title="Python memory help" async></script>`.
// `currentScript` is only set while this runs, so it is read first, before waiting for the body.
const script =
  document.currentScript instanceof HTMLScriptElement
    ? document.currentScript
    : document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
const LOADED = Symbol.for('pymem-help-widget');
const registry = window as unknown as Record<symbol, boolean>;

if (!registry[LOADED]) {
  registry[LOADED] = true;
  const config = readConfig(script, document.baseURI);
  const start = () => mountWidget(config);
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}
