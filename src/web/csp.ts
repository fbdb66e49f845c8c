/**
 * The page runs under a Content-Security-Policy whose style-src allows only
 * our own files and <style> elements carrying this response's nonce (see
 * src/server/http/web-shell.ts). The server writes the nonce into
 * <meta property="csp-nonce">; it is read from the property because browsers
 * hide the attribute's value.
 */
export const cspNonce: string | undefined =
  document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;

/**
 * antd's CSS-in-JS takes the nonce from ConfigProvider, but two things in its
 * component libraries do not: rc-component's helper that measures scroll bars
 * (tables, the modal scroll lock) adds a <style> without it, and the
 * TextArea autosize mirror is styled with setAttribute('style', …), which CSP
 * treats as an inline style attribute. Blocked, the first logs a violation
 * and the second leaves an unstyled textarea visible at the foot of the page.
 *
 * So, for script only: a <style> created by our bundle gets the nonce, and
 * setAttribute('style') becomes the CSSOM assignment CSP already allows.
 * Markup injected through innerHTML is parsed without either path, so an
 * injected <style> or style attribute stays blocked.
 */
function allowScriptStyles(nonce: string): void {
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const el = createElement.call(this, tagName, options);
    if (el instanceof HTMLStyleElement) el.nonce = nonce;
    return el;
  } as typeof createElement;

  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = String(value);
      return;
    }
    setAttribute.call(this, name, value);
  };
}

if (cspNonce) allowScriptStyles(cspNonce);
